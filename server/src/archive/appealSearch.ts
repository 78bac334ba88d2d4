import {
  APPEAL_STATUSES,
  PRIORITIES,
  allowedRegions,
  appealSortFieldOf,
  decodeListCursor,
  encodeListCursor,
  isOpenStatus,
  queryAppeals,
  type Appeal,
  type AppealListQuery,
  type AppealSortKey,
  type ListPage,
  type RegionScope,
  type SortValue,
} from '@shared';
import type { ArchiveQuery } from './archiveDb';
import { rowToAppeal } from './appealsTable';

/**
 * `GET /api/appeals` over the archive: the same filters, sorts and keyset cursors as the
 * projection's `queryAppeals` (a cursor of one is a cursor of the other), in SQL that the
 * indexes of migrations 003 serve. Ids and codes compare as `COLLATE "C"` (code units, as
 * JavaScript compares them), whatever the database's locale.
 */

export interface ArchiveSearchOptions {
  /** Clock reading for `overdue`, epoch ms. */
  now: number;
  /** The caller's regions: nothing outside them is returned or counted. */
  regions: RegionScope;
  /** What the caller may see of a free-text field (the phone scrubber): `q` matches only that. */
  visibleText: (text: string) => string;
}

/** A page of the archive; `total` counts at most `TOTAL_CAP` matches (then `isTotalCapped`). */
export interface ArchivePage extends ListPage<Appeal> {
  isTotalCapped: boolean;
}

/**
 * Matches counted at most: an exact count of a national year (millions of rows) would cost
 * seconds for a figure the table shows as "10,000+".
 */
export const TOTAL_CAP = 10_000;

const OPEN = APPEAL_STATUSES.filter((status) => isOpenStatus(status));

/** Rank expressions: the vocabulary's order, unknown codes after every known one (as rankField). */
const rankSql = (column: string, vocabulary: readonly string[]): string =>
  `COALESCE(array_position(ARRAY[${vocabulary.map((code) => `'${code}'`).join(',')}]::text[], ${column}) - 1, ${vocabulary.length})`;

interface SortSql {
  expr: string;
  /** The cursor's sort value as a parameter, and its cast. */
  param: (key: SortValue) => unknown;
  cast: string;
}

const asInstant = (key: SortValue): string => new Date(key as number).toISOString();
/** The largest epoch ms a Date holds; memory sorts "never" as Number.MAX_SAFE_INTEGER, beyond it. */
const MAX_DATE_MS = 8.64e15;

const SORT_SQL: Record<AppealSortKey, SortSql> = {
  registeredAt: { expr: 'registered_at', param: asInstant, cast: 'timestamptz' },
  updatedAt: { expr: 'updated_at', param: asInstant, cast: 'timestamptz' },
  dueAt: { expr: 'resolution_due_at', param: asInstant, cast: 'timestamptz' },
  priority: { expr: rankSql('priority', PRIORITIES), param: Number, cast: 'int' },
  status: { expr: rankSql('status', APPEAL_STATUSES), param: Number, cast: 'int' },
  region: { expr: 'region COLLATE "C"', param: String, cast: 'text' },
  category: { expr: 'category COLLATE "C"', param: String, cast: 'text' },
  legalDueAt: { expr: 'legal_due_at', param: asInstant, cast: 'timestamptz' },
  // As confirmationSince: resolved or closed appeals by when they finished, the others last.
  confirmationSince: {
    expr: `COALESCE(CASE WHEN status IN ('resolved', 'closed') THEN COALESCE(resolved_at, closed_at) END, 'infinity'::timestamptz)`,
    param: (key) => (Number(key) > MAX_DATE_MS ? 'infinity' : asInstant(key)),
    cast: 'timestamptz',
  },
};

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause of a query's filters (not its cursor), with its parameters. */
export function whereOf(query: AppealListQuery, options: ArchiveSearchOptions): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const add = (sql: (p: string) => string, value: unknown): void => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  // One value is an equality (an index then yields rows in order; `= ANY` would need a sort).
  const oneOf = (column: string, values: readonly string[] | undefined): void => {
    if (values === undefined) return;
    if (values.length === 1) add((p) => `${column} = ${p}`, values[0]);
    else add((p) => `${column} = ANY(${p}::text[])`, values);
  };
  const regions = allowedRegions(options.regions, query.region);
  oneOf('region', regions === null ? undefined : [...regions]);
  oneOf('category', query.category);
  oneOf('status', query.status);
  oneOf('priority', query.priority);
  oneOf('channel', query.channel);
  if (query.from !== undefined) add((p) => `registered_at >= ${p}::timestamptz`, asInstant(query.from));
  if (query.to !== undefined) add((p) => `registered_at < ${p}::timestamptz`, asInstant(query.to));
  if (query.incident !== undefined) add((p) => `incident_id = ${p}`, query.incident);
  if (query.overdue !== undefined) {
    params.push(OPEN, asInstant(options.now));
    const overdue = `(status = ANY($${params.length - 1}::text[]) AND resolution_due_at < $${params.length}::timestamptz)`;
    conditions.push(query.overdue ? overdue : `NOT ${overdue}`);
  }
  if (query.legalOverdue !== undefined) {
    params.push(OPEN, asInstant(options.now));
    const late = `(status = ANY($${params.length - 1}::text[]) AND legal_due_at < $${params.length}::timestamptz)`;
    conditions.push(query.legalOverdue ? late : `NOT ${late}`);
  }
  if (query.q !== undefined) {
    // A superset by SQL (ILIKE); the page is then checked by `queryAppeals` itself on the
    // scrubbed text, so a digit inside a masked phone number never matches.
    add(
      (p) =>
        `(id ILIKE ${p} OR description ILIKE ${p} OR address ILIKE ${p} OR district ILIKE ${p} OR service ILIKE ${p} OR assignee ILIKE ${p})`,
      `%${likeLiteral(query.q)}%`,
    );
  }
  return { sql: conditions.length === 0 ? 'TRUE' : conditions.join(' AND '), params };
}

/** Rows read per round while a text search fills a page (most of them match). */
const TEXT_BATCH = 200;

/**
 * One page of archived appeals matching `query` within the caller's regions, in `query.sort`
 * order, continuing after `query.cursor`. Throws `InvalidCursorError` for a foreign cursor.
 */
export async function searchArchivedAppeals(
  db: ArchiveQuery,
  query: AppealListQuery,
  options: ArchiveSearchOptions,
): Promise<ArchivePage> {
  const key = (query.sort.startsWith('-') ? query.sort.slice(1) : query.sort) as AppealSortKey;
  const isDescending = query.sort.startsWith('-');
  const sort = SORT_SQL[key];
  const field = appealSortFieldOf(query.sort);
  const where = whereOf(query, options);
  const order = `${sort.expr} ${isDescending ? 'DESC' : 'ASC'}, id COLLATE "C" ${isDescending ? 'DESC' : 'ASC'}`;
  // The JS check of the text search (the same function the projection's list runs).
  const recheck = (appeals: Appeal[]): Appeal[] =>
    query.q === undefined
      ? appeals
      : queryAppeals(appeals, { ...query, cursor: undefined, limit: Number.POSITIVE_INFINITY }, options).items;

  async function rowsAfter(after: { key: SortValue; id: string } | null, limit: number): Promise<Appeal[]> {
    const params = [...where.params];
    let keyset = '';
    if (after) {
      params.push(sort.param(after.key), after.id);
      const k = `$${params.length - 1}::${sort.cast}`;
      keyset = ` AND (${sort.expr}, id COLLATE "C") ${isDescending ? '<' : '>'} (${k}, $${params.length}::text)`;
    }
    params.push(limit);
    const { rows } = await db.query(
      `SELECT * FROM appeals WHERE ${where.sql}${keyset} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
    return rows.map(rowToAppeal);
  }

  const want = query.limit + 1;
  let after = query.cursor === undefined ? null : decodeListCursor(query.cursor, query.sort, field);
  const found: Appeal[] = [];
  for (;;) {
    const batch = await rowsAfter(after, query.q === undefined ? want : Math.max(want, TEXT_BATCH));
    found.push(...recheck(batch));
    const last = batch.at(-1);
    if (found.length >= want || !last || batch.length < (query.q === undefined ? want : TEXT_BATCH)) break;
    after = { key: field.keyOf(last), id: last.id };
  }
  const items = found.slice(0, query.limit);
  const lastItem = items.at(-1);
  const nextCursor = found.length > query.limit && lastItem ? encodeListCursor(query.sort, field, lastItem) : null;
  const { total, isTotalCapped } = await countMatches(db, query, where, recheck);
  return { items, nextCursor, total, isTotalCapped };
}

/** Matches of the filters (all pages), counted up to TOTAL_CAP. */
async function countMatches(
  db: ArchiveQuery,
  query: AppealListQuery,
  where: { sql: string; params: unknown[] },
  recheck: (appeals: Appeal[]) => Appeal[],
): Promise<{ total: number; isTotalCapped: boolean }> {
  const params = [...where.params, TOTAL_CAP + 1];
  if (query.q === undefined) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM appeals WHERE ${where.sql} LIMIT $${params.length}) AS m`,
      params,
    );
    const n = rows[0]?.n ?? 0;
    return { total: Math.min(n, TOTAL_CAP), isTotalCapped: n > TOTAL_CAP };
  }
  const { rows } = await db.query(`SELECT * FROM appeals WHERE ${where.sql} LIMIT $${params.length}`, params);
  // Past the cap the rest is not looked at: the total is then a lower bound.
  const n = recheck(rows.map(rowToAppeal)).length;
  return { total: Math.min(n, TOTAL_CAP), isTotalCapped: rows.length > TOTAL_CAP };
}
