import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { uniqueId, waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

interface DeadLetterHealth {
  count: number;
  firstAt: string | null;
  lastAt: string | null;
  recent: { id: string; sourceId: string; reason: string; deadAt: string }[];
}

let server: TestServer;
let national: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  national = await signIn(server, 'supervisor', 'all');
});

afterAll(async () => {
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

async function health(session: TestSession): Promise<Record<string, unknown>> {
  const res = await authedFetch(session, `${server.url}/api/health`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('dead letters in /api/health', () => {
  it('reports the empty stream with no times', async () => {
    const dead = (await health(national)).deadLetters as DeadLetterHealth;
    expect(dead).toEqual({ count: 0, firstAt: null, lastAt: null, recent: [] });
  });

  it('counts rejected entries and lists their reasons, newest first, with first and last seen', async () => {
    const notJsonId = await server.log.append('events', { event: 'not json' });
    const unknownTypeId = await server.log.append('events', {
      event: JSON.stringify({
        v: 1,
        id: uniqueId('evt'),
        type: 'appeal.teleported',
        at: new Date().toISOString(),
        region: 'KZ-71',
        data: {},
      }),
    });
    const dead = await waitFor(
      async () => {
        const body = (await health(national)).deadLetters as DeadLetterHealth;
        return body.count === 2 ? body : null;
      },
      5000,
      'two dead letters',
    );
    expect(dead.recent.map((r) => r.sourceId)).toEqual([unknownTypeId, notJsonId]);
    expect(dead.recent[0]?.reason).toMatch(/^invalid: .*type/);
    expect(dead.recent[1]?.reason).toMatch(/^not JSON: /);
    expect(dead.firstAt).not.toBeNull();
    expect(dead.lastAt).not.toBeNull();
    expect(Date.parse(dead.firstAt as string)).toBeLessThanOrEqual(Date.parse(dead.lastAt as string));
    expect(dead.lastAt).toBe(new Date(Number(dead.recent[0]?.id.split('-')[0])).toISOString());
  });

  it('lists the newest 10 and cuts a long reason to 300 characters', async () => {
    for (let i = 0; i < 10; i += 1) await server.log.append('events', { [`field${i}`]: 'x' });
    // A reason that names many fields runs past 300 characters.
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`a-rather-long-field-name-${i}`, 'x']));
    await server.log.append('events', many);
    const dead = await waitFor(
      async () => {
        const body = (await health(national)).deadLetters as DeadLetterHealth;
        return body.count === 13 ? body : null;
      },
      5000,
      'thirteen dead letters',
    );
    expect(dead.recent).toHaveLength(10);
    const newest = dead.recent[0]?.reason ?? '';
    expect(newest).toMatch(/^missing field "event"/);
    expect(Array.from(newest)).toHaveLength(300);
    expect(newest.endsWith('…')).toBe(true);
  });

  it('tells a regionally scoped supervisor nothing about dead letters', async () => {
    const regional = await signIn(server, 'supervisor', ['KZ-71']);
    const body = await health(regional);
    expect(body).not.toHaveProperty('deadLetters');
    expect(JSON.stringify(body)).not.toContain('not JSON');
    expect(body.status).toBe('ok');
  });
});
