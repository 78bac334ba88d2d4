/**
 * `npm run bench -- archiveIndexAudit` (ARCHIVE_AUDIT_APPEALS, default 200,000 × BENCH_SCALE):
 * which index each of the archive's reads uses on the real PostgreSQL. The real query
 * functions run (search, by id, Open311's look-ups, reports' rows and cohorts, the
 * retention job's work list) over generated appeals; every statement they send is EXPLAINed
 * first. Prints each read's indexes and plan shape, then every index of appeals, events,
 * incidents and audit with the reads that use it. The audit table in the archive README
 * comes from this (ARCHIVE_AUDIT_SQL runs after the migrations: to try a schema change).
 */
import { appealListQuerySchema, type AppealListQueryInput } from '@shared';
import type { ArchiveDb, ArchiveQuery, ArchiveRow, QueryResult } from '../server/src/archive/archiveDb';
import { searchArchivedAppeals, type ArchivePage, type ArchiveSearchOptions } from '../server/src/archive/appealSearch';
import { createArchiveReader } from '../server/src/archive/archiveReader';
import { createHistory } from '../server/src/archive/history';
import { migrate } from '../server/src/archive/migrate';
import { createPgArchiveDb } from '../server/src/archive/pgArchiveDb';
import { cohortFigures } from '../server/src/reports/cohortQuery';
import { appealsWithStepsIn } from '../server/src/reports/reportRows';
import { createTestDatabase } from '../test/support/postgres';
import type { CaseResult } from './lib/figures';
import { generateArchive } from './archiveQueries';

const DAY = 86_400_000;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, indexes: Set<string>, shapes: Set<string>): void {
  if (node['Index Name']) indexes.add(node['Index Name']);
  if (/Seq Scan|Sort|Bitmap Heap/.test(node['Node Type'])) shapes.add(node['Node Type']);
  for (const child of node.Plans ?? []) walk(child, indexes, shapes);
}

/** `db` whose SELECTs are EXPLAINed (the plan's indexes and its seq scans/sorts noted) before they run. */
function explaining(db: ArchiveQuery, seen: { indexes: Set<string>; shapes: Set<string>; ms: number }): ArchiveQuery {
  return {
    ...db,
    async query<T extends ArchiveRow>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      if (/^\s*(SELECT|WITH)/i.test(sql)) {
        const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
        const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
        if (plan) walk(plan, seen.indexes, seen.shapes);
      }
      const startedAt = performance.now();
      const result = await db.query<T>(sql, params);
      seen.ms += performance.now() - startedAt;
      return result;
    },
  };
}

export async function benchArchiveIndexAudit(scale: number): Promise<CaseResult> {
  const n = Math.max(20_000, Math.round(Number(process.env.ARCHIVE_AUDIT_APPEALS ?? 200_000) * scale));
  const database = await createTestDatabase();
  const db: ArchiveDb = createPgArchiveDb({ url: database.url });
  const now = Date.now();
  const iso = (ms: number): string => new Date(ms).toISOString();
  const options: ArchiveSearchOptions = { now, regions: 'all', visibleText: (t: string) => t };
  const oneRegion: ArchiveSearchOptions = { now, regions: ['KZ-71'], visibleText: (t: string) => t };
  const search =
    (input: AppealListQueryInput, scope = options) =>
    (q: ArchiveQuery): Promise<ArchivePage> =>
      searchArchivedAppeals(q, appealListQuerySchema.parse(input), scope);
  const newest = `A-B-${n}`;
  const reads: Record<string, (q: ArchiveQuery) => Promise<unknown>> = {
    'search: region × 30 days': search({ region: 'KZ-71', from: iso(now - 30 * DAY) }),
    'search: region × year (regional user)': search({ from: iso(now - 365 * DAY) }, oneRegion),
    'search: national, a year, keyset page 2': async (q) => {
      const first = await search({ from: iso(now - 365 * DAY), limit: '50' })(q);
      return search({ from: iso(now - 365 * DAY), limit: '50', cursor: first.nextCursor ?? undefined })(q);
    },
    'search: category × year': search({ category: 'heating', from: iso(now - 365 * DAY) }),
    'search: category + status × year': search({ category: 'heating', status: 'closed', from: iso(now - 365 * DAY) }),
    'search: overdue (open) national': search({ overdue: 'true', from: iso(now - 365 * DAY) }),
    'search: legally overdue national': search({ legalOverdue: 'true', from: iso(now - 365 * DAY) }),
    'search: one incident': search({ incident: 'I-1', from: iso(now - 365 * DAY) }),
    'search: region, sort -updatedAt': search({ region: 'KZ-71', sort: '-updatedAt', from: iso(now - 30 * DAY) }),
    'search: text q, region × 30 days': search({ region: 'KZ-71', q: 'отопления', from: iso(now - 30 * DAY) }),
    'reader: keyset page, region': async (q) => {
      const reader = createArchiveReader(q);
      const first = await reader.listAppeals({ region: 'KZ-71', limit: 50 });
      return reader.listAppeals({ region: 'KZ-71', limit: 50, ...(first.next ? { after: first.next } : {}) });
    },
    'reader: keyset page, national': (q) =>
      createArchiveReader(q).listAppeals({ from: iso(now - 365 * DAY), limit: 50 }),
    'search: open overdue in a region': search({ region: 'KZ-71', overdue: 'true', from: iso(now - 365 * DAY) }),
    'by id + timeline': (q) => createHistory(q).getAppealWithTimeline(newest),
    'by ids (Open311 list)': (q) => createHistory(q).getAppeals([newest, `A-B-${n - 7}`]),
    'last status changes (Open311)': (q) => createHistory(q).lastStatusChanges([newest, `A-B-${n - 7}`]),
    'incident by id': (q) => createHistory(q).getIncident('I-1'),
    'reports: steps in a day (rollup recompute)': (q) =>
      appealsWithStepsIn(q, now - 40 * DAY, now - 39 * DAY, { regions: ['KZ-71'] }),
    'reports: steps in a day, national': (q) =>
      appealsWithStepsIn(q, now - 40 * DAY, now - 39 * DAY, { regions: null }),
    'reports: cohort of a month, region': (q) =>
      cohortFigures(q, now - 60 * DAY, now - 30 * DAY, now, 30 * DAY, { regions: ['KZ-71'] }),
    'retention: work list': (q) =>
      q.query(
        `SELECT id FROM appeals WHERE citizen_erased_at IS NULL AND status IN ('resolved', 'closed', 'rejected')
           AND coalesce(closed_at, resolved_at, updated_at) < $1 ORDER BY coalesce(closed_at, resolved_at, updated_at) LIMIT 500`,
        [iso(now - 1000 * DAY)],
      ),
  };
  try {
    await migrate(db);
    if (process.env.ARCHIVE_AUDIT_SQL) await db.exec(process.env.ARCHIVE_AUDIT_SQL);
    await generateArchive(db, n, now);
    const figures: Record<string, number | string> = { appeals: n };
    const usedBy = new Map<string, string[]>();
    for (const [name, read] of Object.entries(reads)) {
      const seen = { indexes: new Set<string>(), shapes: new Set<string>(), ms: 0 };
      await read(explaining(db, seen));
      for (const index of seen.indexes) usedBy.set(index, [...(usedBy.get(index) ?? []), name]);
      figures[name] =
        `${[...seen.indexes].join(', ') || '-'}${seen.shapes.size ? ` [${[...seen.shapes].join(', ')}]` : ''} ${seen.ms.toFixed(1)} ms`;
    }
    const { rows } = await db.query<{ name: string; tbl: string }>(
      `SELECT indexname AS name, tablename AS tbl FROM pg_indexes
        WHERE schemaname = current_schema()
          AND tablename IN ('appeals', 'appeal_events', 'incidents', 'incident_events', 'incident_appeals', 'audit_events')
        ORDER BY tablename, indexname`,
    );
    for (const { name, tbl } of rows) figures[`index ${tbl}.${name}`] = (usedBy.get(name) ?? []).length || 'unused';
    return { figures, targets: [] };
  } finally {
    await db.close();
    await database.drop();
  }
}
