/**
 * `npm run bench`: every case (`npm run bench -- fanout snapshot` runs only those). Each case
 * measures Ortalyq beside a baseline of the same run where one exists (these machines are
 * noisy; ratios are stable), prints its figures, and checks the issue's targets; the run ends
 * with one table of met and missed targets and writes bench/results/<date>.json.
 * Everything runs on 127.0.0.1, is bounded in time and cleans its Redis keys. Not a test.
 * BENCH_SCALE (default 1) shrinks every size: 0.1 is the smoke profile.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { benchArchive } from './archive';
import { benchArchiveQueries } from './archiveQueries';
import { benchArchiveProfile } from './archiveProfile';
import { benchArchiveIndexAudit } from './archiveIndexAudit';
import { benchBackfill } from './backfill';
import { benchBrowser } from './browser';
import { benchCharts } from './charts';
import { benchFanout } from './fanout';
import { benchIngest } from './ingest';
import { isMet, rounded, target, type CaseResult, type TargetCheck } from './lib/figures';
import { benchMapBrowser } from './mapBrowser';
import { benchMemory } from './memory';
import { benchOverload } from './overload';
import { benchRestart } from './restart';
import { benchSnapshot } from './snapshot';
import { benchSoak } from './soak';
import { benchWallCls, TARGET_CLS } from './wallCls';
import { benchReports } from './reports';

const scale = Number(process.env.BENCH_SCALE ?? 1);
/** Flags (`--full`) are not case names. */
const flags = new Set(process.argv.slice(2).filter((arg) => arg.startsWith('--')));

async function mapCase(): Promise<CaseResult> {
  const figures = await benchMapBrowser(scale);
  const { targetMet: _met, ...shown } = figures;
  return {
    figures: shown,
    targets: [target('map: longest long task after the first load', figures.longestAfterLoadMs, '<=', 100, 'ms')],
  };
}

async function soakCase(): Promise<CaseResult> {
  const figures = await benchSoak();
  return {
    figures,
    targets: [
      target('soak: heap after GC, end against minute 1', Math.abs(Number(figures.heapChangePct)), '<=', 10, '%'),
    ],
  };
}

async function wallClsCase(): Promise<CaseResult> {
  const figures = await benchWallCls(scale);
  const { targetMet: _met, ...shown } = figures;
  return {
    figures: shown,
    targets: [target('wall: layout shift over the live traffic', figures.liveCls, '<=', TARGET_CLS, '')],
  };
}

/** Each case by name, in the order `npm run bench` runs them. */
const CASES: Record<string, () => Promise<CaseResult>> = {
  ingest: () => benchIngest(scale),
  fanout: () => benchFanout(scale),
  overload: () => benchOverload(scale),
  snapshot: () => benchSnapshot(scale),
  memory: () => benchMemory(scale),
  restart: () => benchRestart(scale),
  browser: () => benchBrowser(scale),
  charts: () => benchCharts(scale),
  map: mapCase,
  wallCls: wallClsCase,
  soak: soakCase,
  archive: () => benchArchive(scale, flags.has('--full')),
  archiveQueries: () => benchArchiveQueries(scale),
  archiveProfile: () => benchArchiveProfile(scale),
  archiveIndexAudit: () => benchArchiveIndexAudit(scale),
  backfill: () => benchBackfill(scale, flags.has('--full')),
  reports: () => benchReports(scale),
};

const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = asked.filter((name) => !(name in CASES));
if (unknown.length > 0) {
  console.error(`unknown bench case(s): ${unknown.join(', ')}; known: ${Object.keys(CASES).join(', ')}`);
  process.exit(2);
}
// The soak's full length (10 min) is for `npm run bench -- soak`; in the whole run it is short.
if (asked.length === 0) process.env.BENCH_SOAK_MINUTES ??= '1.5';

const startedAt = Date.now();
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  scale,
  machine: {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadavg()[0],
  },
};
const checks: (TargetCheck & { case: string })[] = [];
for (const name of asked.length > 0 ? asked : Object.keys(CASES)) {
  const caseStarted = Date.now();
  let result: CaseResult;
  try {
    result = await (CASES[name] as () => Promise<CaseResult>)();
  } catch (error) {
    // One broken case must not hide the others' figures.
    console.error(`bench case ${name} failed: ${(error as Error).stack ?? String(error)}`);
    result = { figures: { error: (error as Error).message }, targets: [] };
  }
  const seconds = (Date.now() - caseStarted) / 1000;
  results[name] = { ...result, seconds, loadAverageAtEnd: loadavg()[0] };
  for (const check of result.targets) checks.push({ ...check, case: name });
  console.log(`\n${name} (${seconds.toFixed(0)} s, load average ${loadavg()[0]?.toFixed(1)})`);
  console.table(Object.entries(result.figures).map(([figure, value]) => ({ figure, value: rounded(value) })));
}
console.log(`\ntargets (${((Date.now() - startedAt) / 60_000).toFixed(1)} min in all)`);
console.table(
  checks.map((c) => ({
    case: c.case,
    target: c.what,
    value: `${rounded(c.value)} ${c.unit}`.trim(),
    limit: `${c.op} ${c.limit} ${c.unit}`.trim(),
    met: isMet(c) ? 'yes' : 'NO',
  })),
);
// The same table in Markdown, for docs/performance.md.
console.log('\n| case | target | measured | limit | met |\n| --- | --- | --- | --- | --- |');
for (const c of checks) {
  console.log(
    `| ${c.case} | ${c.what} | ${rounded(c.value)} ${c.unit} | ${c.op} ${c.limit} ${c.unit} | ${isMet(c) ? 'yes' : '**no**'} |`,
  );
}
results.targets = checks.map((c) => ({ ...c, met: isMet(c) }));
results.minutes = (Date.now() - startedAt) / 60_000;
mkdirSync('bench/results', { recursive: true });
// A partial run or another scale never overwrites the day's full run.
const suffix = `${asked.length > 0 ? `-${asked.join('-')}` : ''}${scale === 1 ? '' : `-scale-${scale}`}`;
const file = `bench/results/${String(results.date).slice(0, 10)}${suffix}.json`;
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written ${file}`);
// Stop by ourselves, whatever a case left open (a benchmark must never hang a terminal).
process.exit(0);
