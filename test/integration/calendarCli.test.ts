import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { defineCalendarYear, legalDeadline } from '@shared';
import { appendCalendarYear, readAddedYears } from '../../server/src/cli/calendarYearsStore';
import { runCalendarCommand } from '../../server/src/cli/runCalendarCommand';
import { AUDIT_STREAM, EVENTS_STREAM } from '../../server/src/keys';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';
import { waitFor } from '../support/events';

/**
 * `npm run calendar` against a real server on the real Redis (issue 17): a year added from a
 * JSON file reaches the running node as `calendar.year_added` and changes its deadlines; the
 * list and show commands read the years from the projection's snapshot and the stream after it.
 */

const run = promisify(execFile);
let server: TestServer;
let dir: string;

/** 2029 is not shipped: 1 January is a Monday; Wednesday 3 January off, Saturday 6 January worked. */
const YEAR_2029 = defineCalendarYear({
  year: 2029,
  kurbanAit: '2029-04-24',
  transfers: [
    { date: '2029-01-03', kind: 'day_off' },
    { date: '2029-01-06', kind: 'working' },
  ],
  verified: { holidays: true, transfers: false },
  source: 'integration test',
});

function cli(...argv: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'server/src/cli/calendar.ts', ...argv], {
    env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: server.prefix, USER: 'tester' },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
}

const inProcess = (...argv: string[]) =>
  runCalendarCommand(argv, {
    addedYears: () => readAddedYears(server.log),
    appendYear: (year) => appendCalendarYear(server.log, year, new Date()),
    readFile: async () => Promise.reject(new Error('no files here')),
    audit: async () => undefined,
  });

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(tmpdir(), 'calendar-cli-'));
});

afterAll(async () => {
  await server?.stop();
  if (server) await deletePrefix(testRedisUrl(), server.prefix);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run calendar', () => {
  it('refuses a malformed year with the schema of POST /api/admin/calendar and appends nothing', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ ...YEAR_2029, transfers: [{ date: '2029-01-06', kind: 'day_off' }] }));
    const before = (await server.log.info(EVENTS_STREAM)).length;
    const result = await cli('add', file);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toContain('transfers.0: 2029-01-06 is a weekend day already');
    expect((await server.log.info(EVENTS_STREAM)).length).toBe(before);
  });

  it('adds a year from a file: the running node applies it and counts deadlines with its transfers', async () => {
    // Registered Friday 20 April 2029 at 12:00 in Almaty: Kurban ait (Tuesday 24 April) is only in the added year.
    const registeredAt = Date.parse('2029-04-20T07:00:00Z');
    const before = legalDeadline(server.app.store.state.calendar, registeredAt);
    const file = path.join(dir, '2029.json');
    await writeFile(file, JSON.stringify(YEAR_2029));
    const result = await cli('add', file);
    expect(result).toMatchObject({
      stdout: expect.stringMatching(/^added 2029 \(new year; provisional\) as stream entry \d+-\d+/),
    });
    await waitFor(() => server.app.store.state.addedYears.includes(2029), 5000, 'year applied');
    const after = legalDeadline(server.app.store.state.calendar, registeredAt);
    // One more day off in the count: a day later; still provisional (transfers not verified).
    expect(after.provisional).toBe(true);
    expect({ before: before.at, after: after.at }).toEqual({
      before: '2029-05-16T18:59:59.999Z',
      after: '2029-05-17T18:59:59.999Z',
    });
    const audit = await server.log.range(AUDIT_STREAM, '-', '+', 100);
    expect(audit.map((e) => `${e.fields.action} ${e.fields.target} ${e.fields.actor}`)).toContain(
      'calendar.add_year calendar:2029 cli:tester',
    );
  });

  it('lists shipped and added years and shows one, also once the stream is trimmed past the event', async () => {
    const cursor = await server.app.store.saveSnapshot();
    await server.log.trim(EVENTS_STREAM, `${Number(cursor.split('-')[0]) + 1}-0`);
    expect((await server.log.info(EVENTS_STREAM)).length).toBe(0);

    const list = await cli('list');
    expect(list).not.toHaveProperty('code');
    const stdout = (list as { stdout: string }).stdout;
    expect(stdout).toMatch(/^2024 {2}shipped\s+verified /m);
    expect(stdout).toMatch(/^2029 {2}added\s+provisional {2}holidays verified, transfers NOT verified$/m);

    const show = await inProcess('show', '2029');
    expect(show.code).toBe(0);
    expect(show.output).toContain('2029-01-03 Wed  day off by transfer');
    expect(show.output).toContain('2029-01-06 Sat  worked by transfer');
    expect(show.output).toMatch(/^2029-04-24 Tue {2}holiday Kurban Ait/m);
    // Independence Day on a Sunday moves to Monday; Orthodox Christmas on a Sunday does not.
    expect(show.output).toContain('2029-12-17 Mon  day off moved from Independence Day');
    expect(show.output).not.toMatch(/^2029-01-08/m);
  });
});
