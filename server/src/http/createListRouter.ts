import {
  APPEAL_FILTER_KEYS,
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
import type { History } from '../archive/history';
import type { AuditLog } from '../audit/createAuditLog';
import { historyPage, reachesPastMemory, type HistoryPage } from './archiveList';
import type { ProjectionStore } from '../projection/createProjectionStore';
import { ANONYMOUS_VIEWER, presentAppeal, presentIncident } from '../presenters/present';
import { isInRegions } from '../auth/claims';
import { claimsOf } from './auth/middleware';
import { appealCsvRows, appealsCsv, incidentsCsv, type CsvExportMeta } from './csv';
import { csvFormOf } from './csvForm';
import { almatyFileStamp } from './csvNames';
import { sendError, sendInvalid } from './sendError';
import { sendNoStoreJson } from './sendNoStoreJson';

export interface ListDeps {
  store: ProjectionStore;
  audit: AuditLog;
  now: () => number;
  /** The archive's read side: a period reaching past the projection is searched there. */
  history?: History | undefined;
  /** `CONFIRMATION_WINDOW_DAYS` in ms, for the `confirmation` filter (default 14 days). */
  confirmationWindowMs?: number;
}

/** The same archive search by the same user within this long is audited once. */
const AUDIT_REPEAT_MS = 10 * 60_000;
/** Searches remembered for that (oldest forgotten first). */
const AUDIT_REPEAT_KEYS = 10_000;

/** How many of their own registrations an agent's console lists. */
const MINE_LIMIT = 20;

/** An answer of GET /api/appeals and /api/incidents. */
export interface ListAnswer<T> extends ListPage<T> {
  /** Stream cursor the projection covered when the page was made. */
  cursor: string;
  /** Clock reading the page (and `overdue`) refers to, epoch ms. */
  asOf: number;
  /** `archive` when the period reached past the projection and the archive answered. */
  source?: 'memory' | 'archive';
  /** The archive counts at most 10,000 matches: `total` is then a lower bound. */
  isTotalCapped?: boolean;
  /** With `source: archive`: the ids of this page only the archive holds (no longer live), for the table's mark. */
  archivedIds?: string[];
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

  function parse<S extends z.ZodType>(schema: S, req: Request, res: Response, query = req.query): z.output<S> | null {
    // The quality-control queue's default order (appealQuery.ts); other lists' queries pass as they are.
    const parsed = schema.safeParse(withQueueOrder(query), { reportInput: true });
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
    sendNoStoreJson(res, body);
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
  /** An export's query without its form (`lang`, `format`), and that form; null after a 400. */
  function parseCsv<S extends z.ZodType>(
    schema: S,
    req: Request,
    res: Response,
  ): { query: z.output<S>; form: Pick<CsvExportMeta, 'form' | 'lang'> } | null {
    const form = csvFormOf(req);
    if ('field' in form) {
      sendError(res, 400, 'invalid', form.message, form.field);
      return null;
    }
    const query = parse(schema, req, res, form.rest);
    return query === null ? null : { query, form: form.form };
  }

  router.get('/appeals', (req, res, next) => {
    const query = parse(appealListQuerySchema, req, res);
    if (!query) return;
    const asOf = now();
    if (deps.history && reachesPastMemory(query, store.state)) {
      searchArchive(res, deps.history, query, asOf).catch(next);
      return;
    }
    sendPage(
      res,
      page(res, () => appealsOf(res, asOf)(query)),
      presentA,
      asOf,
    );
  });

  router.get('/appeals.csv', (req, res, next) => {
    const parsed = parseCsv(appealListQuerySchema, req, res);
    if (!parsed) return;
    const { query, form } = parsed;
    const asOf = now();
    if (deps.history && reachesPastMemory(query, store.state)) {
      exportArchive(res, deps.history, query, asOf, form).catch(next);
      return;
    }
    const cursor = store.state.cursor;
    const rows = all(query, appealsOf(res, asOf)).map(presentA);
    const csv = appealsCsv(rows, {
      filters: appealFilterString(query),
      cursor,
      asOf,
      bom: true,
      ...form,
      ...(deps.confirmationWindowMs !== undefined ? { confirmationWindowMs: deps.confirmationWindowMs } : {}),
    });
    sendCsv(res, `ortalyq-appeals-${almatyFileStamp(asOf)}.csv`, csv);
  });

  const historyOptions = (res: Response, asOf: number) => ({
    now: asOf,
    regions: regionsOf(res),
    visibleText: scrubPersonalData,
  });

  /** One archive page; a foreign cursor is a 400, a database failure a 503 (never a silent memory answer). */
  async function archivePageOf(
    res: Response,
    history: History,
    query: AppealListQuery,
    asOf: number,
  ): Promise<HistoryPage | null> {
    try {
      return await historyPage(history, () => store.state, query, historyOptions(res, asOf));
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        sendError(res, 400, error.code, error.message, error.field);
        return null;
      }
      res.set('Retry-After', '5');
      sendError(res, 503, 'archive_unavailable', 'the archive cannot be searched just now; retry in a moment');
      return null;
    }
  }

  /**
   * Searching history is audited like a reveal: who looked, with which filters (their names,
   * not values). One search is one record: its next pages, and the same search repeated
   * within AUDIT_REPEAT_MS (the region table reads its list again on every live change),
   * are not recorded again.
   */
  const lastAudited = new Map<string, number>();
  async function auditSearch(res: Response, query: AppealListQuery, what: string): Promise<void> {
    if (query.cursor !== undefined) return;
    const key = `${claimsOf(res.locals).user.username}|${what}|${appealFilterString(query)}`;
    const at = now();
    const last = lastAudited.get(key);
    if (last !== undefined && at - last < AUDIT_REPEAT_MS) return;
    lastAudited.delete(key);
    lastAudited.set(key, at);
    if (lastAudited.size > AUDIT_REPEAT_KEYS) lastAudited.delete(lastAudited.keys().next().value ?? '');
    await deps.audit.recordFor(
      res.locals,
      'history.search',
      what,
      APPEAL_FILTER_KEYS.filter((key) => query[key] !== undefined),
    );
  }

  async function searchArchive(res: Response, history: History, query: AppealListQuery, asOf: number): Promise<void> {
    const result = await archivePageOf(res, history, query, asOf);
    if (!result) return;
    await auditSearch(res, query, 'archive:appeals');
    const body: ListAnswer<Appeal> = {
      items: result.items.map(presentA),
      nextCursor: result.nextCursor,
      total: result.total,
      cursor: store.state.cursor,
      asOf,
      source: 'archive',
      isTotalCapped: result.isTotalCapped,
      archivedIds: result.items.filter((a) => !store.state.appeals.has(a.id)).map((a) => a.id),
    };
    sendNoStoreJson(res, body);
  }

  /**
   * The CSV of an archive search, written page by page (a year of a region is too much to
   * hold): the same first line, header and cell rules as the projection's export.
   */
  async function exportArchive(
    res: Response,
    history: History,
    query: AppealListQuery,
    asOf: number,
    form: Pick<CsvExportMeta, 'form' | 'lang'>,
  ): Promise<void> {
    const meta = { filters: appealFilterString(query), cursor: store.state.cursor, asOf, bom: true, ...form };
    let page = await archivePageOf(res, history, { ...query, limit: MAX_LIST_LIMIT, cursor: undefined }, asOf);
    if (!page) return;
    await auditSearch(res, { ...query, cursor: undefined }, 'archive:appeals.csv');
    res
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', `attachment; filename="ortalyq-appeals-${almatyFileStamp(asOf)}.csv"`)
      .type('text/csv; charset=utf-8');
    res.write(appealsCsv(page.items.map(presentA), meta));
    while (page.nextCursor !== null) {
      page = await historyPage(
        history,
        () => store.state,
        { ...query, limit: MAX_LIST_LIMIT, cursor: page.nextCursor },
        historyOptions(res, asOf),
      );
      // Only the rows: the first line and the header were written with the first page.
      res.write(appealCsvRows(page.items.map(presentA), meta));
    }
    res.end();
  }

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
    sendNoStoreJson(res, { items, cursor: store.state.cursor });
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
    const parsed = parseCsv(incidentListQuerySchema, req, res);
    if (!parsed) return;
    const { query, form } = parsed;
    const asOf = now();
    const cursor = store.state.cursor;
    const rows = all(query, incidentsOf(res, asOf)).map(presentI);
    const csv = incidentsCsv(rows, { filters: incidentFilterString(query), cursor, asOf, bom: true, ...form });
    sendCsv(res, `ortalyq-incidents-${almatyFileStamp(asOf)}.csv`, csv);
  });

  return router;
}
