/**
 * `npm run bench -- archive [--full]` (BENCH_ARCHIVE_PARTS=write: the write side only): the archive's figures beside their baselines (see
 * archiveCatchUp.ts and archiveQueries.ts). Default sizes fit a shared 2-core machine in about
 * ten minutes; `--full` runs the sizes (10 M appeals on PostgreSQL, 1 M on PGlite,
 * 1 M events of catch-up). BENCH_SCALE shrinks everything. The sizes run are printed.
 */
import { target, type CaseResult } from './lib/figures';
import { benchCatchUp, benchSteadyLag } from './archiveCatchUp';
import { benchQueriesPglite, benchQueriesPostgres } from './archiveQueries';

const QUERY_SECONDS = 15;
const LAG_RATE = 1000;
const LAG_SECONDS = 20;

export async function benchArchive(scale: number, isFull: boolean): Promise<CaseResult> {
  const size = (n: number): number => Math.max(1000, Math.round(n * scale));
  const catchUpEvents = size(isFull ? 1_000_000 : 100_000);
  const pgAppeals = size(isFull ? 10_000_000 : 1_000_000);
  const pgliteAppeals = size(isFull ? 1_000_000 : 200_000);

  const figures: Record<string, number | string> = { mode: isFull ? 'full' : 'default (--full for the issue sizes)' };
  // One failing part (a Redis hiccup on a shared machine) must not hide the others' figures.
  async function part<T extends object>(name: string, run: () => Promise<T>): Promise<Partial<T>> {
    try {
      return await run();
    } catch (error) {
      figures[`${name}.error`] = (error as Error).message;
      return {};
    }
  }
  const catchUp = await part('catchUp', () => benchCatchUp(catchUpEvents));
  const lag = await part('lag', () => benchSteadyLag(LAG_RATE, LAG_SECONDS));
  const isWriteOnly = process.env.BENCH_ARCHIVE_PARTS === 'write';
  const pg: Partial<Record<string, number>> = isWriteOnly
    ? {}
    : await part('postgres', () => benchQueriesPostgres(pgAppeals, QUERY_SECONDS));
  const lite: Partial<Record<string, number>> = isWriteOnly
    ? {}
    : await part('pglite', () => benchQueriesPglite(pgliteAppeals, QUERY_SECONDS));

  for (const [key, value] of Object.entries(catchUp)) figures[`catchUp.${key}`] = value;
  for (const [key, value] of Object.entries(lag)) figures[`lag.${key}`] = value;
  for (const [key, value] of Object.entries(pg)) figures[`postgres.${key}`] = value ?? NaN;
  for (const [key, value] of Object.entries(lite)) figures[`pglite.${key}`] = value ?? NaN;

  const mix = ['region30Days', 'regionYear', 'categoryStatusYear', 'keysetPage50'];
  const writeTargets = [
    target('archive: catch-up into PostgreSQL', catchUp.archivedEventsPerSec ?? NaN, '>=', 20_000, 'events/s'),
    target('archive: catch-up against a bare COPY of the same rows', catchUp.ratioToCopy ?? NaN, '>=', 0.3, '×'),
    target(`archive: lag p99 at a steady ${LAG_RATE} events/s`, lag.lagP99Ms ?? NaN, '<=', 1000, 'ms'),
  ];
  if (isWriteOnly) return { figures, targets: writeTargets };
  return {
    figures,
    targets: [
      ...writeTargets,
      target(
        `archive: appeal by id + timeline p95 (${pgAppeals} appeals)`,
        pg.byIdWithTimelineP95Ms ?? NaN,
        '<=',
        5,
        'ms',
      ),
      ...mix.map((q) => target(`archive: ${q} p95 (${pgAppeals} appeals)`, pg[`${q}P95Ms`] ?? NaN, '<=', 150, 'ms')),
      target(
        `archive PGlite: appeal by id + timeline p95 (${pgliteAppeals} appeals)`,
        lite.byIdWithTimelineP95Ms ?? NaN,
        '<=',
        50,
        'ms',
      ),
      ...mix.map((q) =>
        target(`archive PGlite: ${q} p95 (${pgliteAppeals} appeals)`, lite[`${q}P95Ms`] ?? NaN, '<=', 1500, 'ms'),
      ),
    ],
  };
}
