import { isInRegions, type RegionCode, type ReportQuery } from '@shared';
import type { Response } from 'express';
import type { z } from 'zod';
import type { ArchiveQuery } from '../archive/archiveDb';
import type { ReportsSource } from '../reports/reportsSource';
import { claimsOf } from './auth/middleware';
import { sendError, sendInvalid } from './sendError';

export interface ReportRequest<Q extends ReportQuery> {
  query: Q;
  db: ArchiveQuery;
  /** The regions read: the one asked for, else the caller's; null: national (every region, no filter). */
  regions: RegionCode[] | null;
}

/**
 * The common front of the report routes (summary, series, incidents): the query validated
 * (400 naming the field), the region asked for within the caller's (403), the archive open
 * (503 with Retry-After). Null when an error was sent.
 */
export function readReportRequest<Q extends ReportQuery>(
  schema: z.ZodType<Q>,
  params: unknown,
  res: Response,
  source: ReportsSource,
): ReportRequest<Q> | null {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    sendInvalid(res, parsed.error, 400);
    return null;
  }
  const query = parsed.data;
  const scope = claimsOf(res.locals).user.regions;
  if (query.region !== undefined && !isInRegions(scope, query.region)) {
    sendError(res, 403, 'forbidden', `region ${query.region} is outside your regions`, 'region');
    return null;
  }
  const db = source.query();
  if (db === null) {
    res.set('Retry-After', '5');
    sendError(res, 503, 'unavailable', 'the archive is not open yet; retry in a moment');
    return null;
  }
  const regions = query.region !== undefined ? [query.region] : scope === 'all' ? null : [...scope];
  return { query, db, regions };
}

/** The report's filters that were given (for the audit entry's `changed` and the frozen link). */
export function givenFilters(
  query: ReportQuery,
): Partial<Pick<ReportQuery, 'region' | 'category' | 'channel' | 'service'>> {
  const filters = { region: query.region, category: query.category, channel: query.channel, service: query.service };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
}
