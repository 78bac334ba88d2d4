import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REQUEUED_KEY, runDeadLettersCommand } from '../../server/src/cli/runDeadLettersCommand';
import { createLocator } from '../../server/src/regions/createLocator';
import { loadBuiltinLayer } from '../../server/src/regions/loadRegionLayer';
import { DEAD_LETTER_STREAM, sendToDeadLetter } from '../../server/src/stream/deadLetter';
import { appealRegistered, appendEnvelope, waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

const run = promisify(execFile);
const locate = createLocator(loadBuiltinLayer()).regionOf;
const servers: TestServer[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) {
    await s.stop();
    await deletePrefix(testRedisUrl(), s.prefix);
  }
});

async function server(): Promise<TestServer> {
  const s = await startTestServer();
  servers.push(s);
  return s;
}

async function deadLetterIds(s: TestServer): Promise<string[]> {
  return (await s.log.rangeReverse(DEAD_LETTER_STREAM, '+', 100)).map((e) => e.id);
}

describe('npm run deadletters', () => {
  it('lists and shows what the tail dead-lettered, with its reason and original id', async () => {
    const s = await server();
    const sourceId = await s.log.append('events', { event: '{"v":1,"id":"x1","type":"appeal.teleported"}' });
    const [deadId] = await waitFor(async () => ((await deadLetterIds(s)).length === 1 ? deadLetterIds(s) : null));
    const list = await runDeadLettersCommand(['list'], s.log, locate);
    expect(list.code).toBe(0);
    expect(list.output).toContain('1 dead letters');
    expect(list.output).toContain(`${deadId}`);
    expect(list.output).toContain(`from ${sourceId}`);
    expect(list.output).toMatch(/type/);
    const show = await runDeadLettersCommand(['show', deadId as string], s.log, locate);
    expect(show.code).toBe(0);
    expect(show.output).toContain('"type":"appeal.teleported"');
    expect(show.output).toContain(`sourceId: ${sourceId}`);
  });

  it('requeues an entry that validates now, once, and the server applies it', async () => {
    const s = await server();
    const envelope = appealRegistered({ region: 'KZ-75' });
    const appealId = (envelope.data as { appealId: string }).appealId;
    // As if an older validator had refused it: the dead letter keeps the original fields.
    const deadId = await sendToDeadLetter(
      s.log,
      { id: '1-1', fields: { event: JSON.stringify(envelope) } },
      'outside any region',
      Date.now(),
    );
    const requeue = await runDeadLettersCommand(['requeue', deadId], s.log, locate);
    expect(requeue.code).toBe(0);
    expect(requeue.output).toContain(`requeued ${deadId} as `);
    expect(requeue.output).toContain(envelope.id);
    await waitFor(() => s.app.store.state.appeals.get(appealId), 5000, 'the requeued appeal applied');
    expect(await s.log.hashGet(REQUEUED_KEY, deadId)).toMatch(/^\d+-\d+$/);
    // Only the original fields went back: no reason, no sourceId.
    const [last] = await s.log.rangeReverse('events', '+', 1);
    expect(Object.keys(last?.fields ?? {})).toEqual(['event']);

    const again = await runDeadLettersCommand(['requeue', deadId], s.log, locate);
    expect(again.code).toBe(1);
    expect(again.output).toContain('already requeued');
    // --force appends it again; the projection ignores the repeated event id.
    const forced = await runDeadLettersCommand(['requeue', deadId, '--force'], s.log, locate);
    expect(forced.code).toBe(0);
    await waitFor(() => s.app.store.state.counters.duplicates >= 1, 5000, 'the repeat counted as a duplicate');
    expect(s.app.store.state.counters.applied).toBe(1);
    const list = await runDeadLettersCommand(['list'], s.log, locate);
    expect(list.output).toContain('[requeued as ');
  });

  it('refuses to requeue what is still invalid, a cut-down original, or an unknown id', async () => {
    const s = await server();
    const badId = await sendToDeadLetter(
      s.log,
      { id: '1-1', fields: { event: JSON.stringify({ ...appealRegistered(), region: 'KZ-99' }) } },
      'unknown region',
      Date.now(),
    );
    const still = await runDeadLettersCommand(['requeue', badId], s.log, locate);
    expect(still.code).toBe(1);
    expect(still.output).toMatch(/^still invalid, not requeued: .*region/);
    const cutId = await sendToDeadLetter(
      s.log,
      { id: '1-2', fields: { event: `{"pad":"${'x'.repeat(5000)}"}` } },
      'oversize',
      Date.now(),
    );
    const cut = await runDeadLettersCommand(['requeue', cutId], s.log, locate);
    expect(cut.code).toBe(1);
    expect(cut.output).toContain('cut to 4 KB');
    const missing = await runDeadLettersCommand(['show', '1-0'], s.log, locate);
    expect(missing).toEqual({ code: 1, output: 'no dead letter 1-0' });
    const malformed = await runDeadLettersCommand(['requeue', 'nonsense'], s.log, locate);
    expect(malformed.code).toBe(2);
    expect((await s.log.info('events')).length).toBe(0);
  });

  it('runs as a command against REDIS_URL', async () => {
    const s = await server();
    await appendEnvelope(s.log, { ...appealRegistered(), region: 'KZ-99' as never });
    await waitFor(async () => (await deadLetterIds(s)).length === 1);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/deadletters.ts', 'list'], {
      env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: s.prefix },
    });
    expect(stdout).toContain('1 dead letters, newest first');
    const usage = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/deadletters.ts', 'frobnicate'], {
      env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: s.prefix },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(usage).toMatchObject({ code: 2 });
    expect((usage as { stderr: string }).stderr).toContain('Usage: npm run deadletters');
  });
});
