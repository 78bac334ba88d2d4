/**
 * `npm test`: the whole suite, in two vitest processes side by side — the unit and
 * integration projects (files in parallel, one worker per core) in one, the browser (e2e)
 * project in the other, its files one at a time as before.
 *
 * Why: vitest runs a project whose files are sequential as a group of its own *after* the
 * parallel projects, so the e2e files (mostly waiting on a browser, a server and timers) only
 * started when the last integration file (mostly waiting on Redis, PostgreSQL and timers) was
 * done: on a 2-core machine the suite took the sum of the two halves (1,914 s in CI, over the
 * 30-minute budget). Side by side it takes about the longer half.
 *
 * With arguments (`npm test -- test/unit/foo.test.ts`, `npm test -- --project e2e`) it is one
 * plain `vitest run` with them. The exit code is the first failing process's, else 0.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const vitestBin = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const env = { ...process.env, TZ: 'UTC' };
const children = new Set<ReturnType<typeof spawn>>();

// Stopped (Ctrl-C, a CI timeout): the vitest processes stop with it, none is left behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitestBin, 'run', ...args], { stdio: 'inherit', env });
    children.add(child);
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
    child.on('error', () => resolve(1));
  });
}

const given = process.argv.slice(2);
const runs =
  given.length > 0 ? [run(given)] : [run(['--project', 'unit', '--project', 'integration']), run(['--project', 'e2e'])];
const codes = await Promise.all(runs);
process.exit(codes.find((code) => code !== 0) ?? 0);
