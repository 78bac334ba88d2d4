import {
  appealFilterString,
  appealListQuerySchema,
  incidentFilterString,
  incidentListQuerySchema,
  InvalidCursorError,
  MAX_LIST_LIMIT,
  queryAppeals,
  queryIncidents,
  withQueueOrder,
  type Appeal,
  type AppealListQuery,
  type Incident,
  type IncidentListQuery,
  type ListPage,
  type RegionScope,
  scrubPersonalData,
} from '@shared';
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { AuditLog } from '../audit/createAuditLog';
import type { ProjectionStore } from '../projection/createProjectionStore';
import { ANONYMOUS_VIEWER, presentAppeal, presentIncident } from '../presenters/present';
import { isInRegions } from '../auth/claims';
import { claimsOf } from './auth/middleware';
import { appealsCsv, incidentsCsv } from './csv';
import { sendError, sendInvalid } from './sendError';

export interface ListDeps {
  store: ProjectionStore;
  audit: AuditLog;
  now: () => number;
  /** `CONFIRMATION_WINDOW_DAYS` in ms, for the `confirmation` filter (default 14 days). */
  confirmationWindowMs?: number;
}

/** How many of their own registrations an agent's console lists. */
const MINE_LIMIT = 20;

/** An answer of GET /api/appeals and /api/incidents. */
export interface ListAnswer<T> extends ListPage<T> {
  /** Stream cursor the projection covered when the page was made. */
  cursor: string;
  /** Clock reading the page (and `overdue`) refers to, epoch ms. */
  asOf: number;
}

/**
 * Lists and exports over the projection (docs/api.md "Lists and CSV"): the same parsed query
 * drives the JSON pages and the CSV, so a CSV holds exactly the rows of all the JSON pages.
 * Everything is scoped to the caller's regions and presented (personal data masked) for
 * every role: a supervisor reveals one contact at a time, audited, never in bulk.
 */
export function createListRouter(deps: ListDeps): Router {
  const { store, now } = deps;
  const router = Router();

  function parse<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | null {
    // The quality-control queue's default order (appealQuery.ts); other lists' queries pass as they are.
    const parsed = schema.safeParse(withQueueOrder(req.query), { reportInput: true });
    if (parsed.success) return parsed.data;
    sendInvalid(res, parsed.error, 400);
    return null;
  }

  /** Runs a query; a foreign cursor becomes 400 on `cursor`. */
  function page<T>(res: Response, run: () => ListPage<T>): ListPage<T> | null {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof InvalidCursorError)) throw error;
      sendError(res, 400, error.code, error.message, error.field);
      return null;
    }
  }

  /** Every match, page after page, in the query's order (the CSV). */
  function all<T, Q extends { limit: number; cursor?: string | undefined }>(query: Q, run: (q: Q) => ListPage<T>): T[] {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const next = run({ ...query, limit: MAX_LIST_LIMIT, cursor });
      items.push(...next.items);
      cursor = next.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return items;
  }

  const regionsOf = (res: Response): RegionScope => claimsOf(res.locals).user.regions;
  const appealsOf = (res: Response, asOf: number) => (q: AppealListQuery) =>
    queryAppeals(store.state.appeals.values(), q, {
      now: asOf,
      regions: regionsOf(res),
      visibleText: scrubPersonalData,
      ...(deps.confirmationWindowMs !== undefined ? { confirmationWindowMs: deps.confirmationWindowMs } : {}),
    });
  const incidentsOf = (res: Response, asOf: number) => (q: IncidentListQuery) =>
    queryIncidents(store.state.incidents.values(), q, {
      now: asOf,
      regions: regionsOf(res),
      visibleText: scrubPersonalData,
    });

  function sendPage<T>(res: Response, result: ListPage<T> | null, present: (item: T) => T, asOf: number): void {
    if (!result) return;
    const body: ListAnswer<T> = { ...result, items: result.items.map(present), cursor: store.state.cursor, asOf };
    res.set('Cache-Control', 'no-store').json(body);
  }

  function sendCsv(res: Response, name: string, csv: string): void {
    res
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', `attachment; filename="${name}"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  }

  const presentA = (a: Appeal) => presentAppeal(a, ANONYMOUS_VIEWER);
  const presentI = (i: Incident) => presentIncident(i, ANONYMOUS_VIEWER);
  const stamp = (asOf: number) => new Date(asOf).toISOString().slice(0, 16).replace(/[-:]/g, '');

  router.get('/appeals', (req, res) => {
    const query = parse(appealListQuerySchema, req, res);
    if (!query) return;
    const asOf = now();
    sendPage(
      res,
      page(res, () => appealsOf(res, asOf)(query)),
      presentA,
      asOf,
    );
  });

  router.get('/appeals.csv', (req, res) => {
    const query = parse(appealListQuerySchema, req, res);
    if (!query) return;
    const asOf = now();
    const cursor = store.state.cursor;
    const rows = all(query, appealsOf(res, asOf)).map(presentA);
    const csv = appealsCsv(rows, {
      filters: appealFilterString(query),
      cursor,
      asOf,
      bom: true,
      ...(deps.confirmationWindowMs !== undefined ? { confirmationWindowMs: deps.confirmationWindowMs } : {}),
    });
    sendCsv(res, `ortalyq-appeals-${stamp(asOf)}.csv`, csv);
  });

  // The agent console's "my last entries": the caller's registrations, from the audit trail.
  router.get('/appeals/mine', async (_req, res) => {
    const claims = claimsOf(res.locals);
    const records = await deps.audit.query({
      actor: claims.user.username,
      action: 'appeal.register',
      limit: MINE_LIMIT,
    });
    const items = records
      .map((record) => store.state.appeals.get(record.target.replace(/^appeal:/, '')))
      .filter((appeal): appeal is Appeal => appeal !== undefined && isInRegions(regionsOf(res), appeal.region))
      .map(presentA);
    res.set('Cache-Control', 'no-store').json({ items, cursor: store.state.cursor });
  });

  router.get('/incidents', (req, res) => {
    const query = parse(incidentListQuerySchema, req, res);
    if (!query) return;
    const asOf = now();
    sendPage(
      res,
      page(res, () => incidentsOf(res, asOf)(query)),
      presentI,
      asOf,
    );
  });

  router.get('/incidents.csv', (req, res) => {
    const query = parse(incidentListQuerySchema, req, res);
    if (!query) return;
    const asOf = now();
    const cursor = store.state.cursor;
    const rows = all(query, incidentsOf(res, asOf)).map(presentI);
    const csv = incidentsCsv(rows, { filters: incidentFilterString(query), cursor, asOf, bom: true });
    sendCsv(res, `ortalyq-incidents-${stamp(asOf)}.csv`, csv);
  });

  return router;
}
