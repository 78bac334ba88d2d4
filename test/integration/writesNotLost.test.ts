import type { WriteAccepted } from '@shared';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../support/appealData';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, uniquePrefix, type TestServer } from '../support/testServer';

/**
 * Nothing accepted is lost: field contents at the limits (4-byte emoji, combining marks,
 * characters JSON escapes, lone surrogates, control characters, every field at its maximum),
 * through the JSON write API and Open311. Every 2xx must be applied with that content; every
 * other answer a 4xx; and nothing reaches the dead-letter stream. Before the writer checked the
 * encoded event, a body within the field limits could be answered 202 and dead-lettered as
 * oversize (4,000 emoji are 16,000 bytes).
 */

const SEED = 0x15_2026;
const CASES = 250;
const ASTANA = { lat: 51.128, lng: 71.43 };

let server: TestServer;
let agent: TestSession;
let supervisor: TestSession;
let appealId = '';

async function post(
  session: TestSession,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await authedFetch(session, `${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function streamLength(key: string): Promise<number> {
  return (await server.log.info(key)).length;
}

beforeAll(async () => {
  server = await startTestServer({ prefix: uniquePrefix('notLost'), writeRateLimit: 100_000 });
  agent = await signIn(server, 'agent', ['KZ-71']);
  supervisor = await signIn(server, 'supervisor', ['KZ-71']);
  const first = await post(agent, '/api/appeals', register('Холодно в квартире'));
  appealId = (first.body as WriteAccepted).appealId ?? '';
  await waitFor(() => server.app.store.state.appeals.has(appealId), 5000, 'appeal applied');
});

afterAll(async () => {
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

function register(description: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { category: 'heating', priority: 'high', channel: 'call', location: { ...ASTANA }, description, ...extra };
}

// ─── Text at the limits ──────────────────────────────────────────────────────────────────

/** Code points, each a unit of the field limits (zod counts code points). */
const ALPHABETS: Record<string, readonly string[]> = {
  ascii: ['a', 'Z', '7', ' ', '.'],
  kazakh: ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Ж'],
  emoji: ['😀', '🔥', '🚒', '❄', '🧊', '🏠'],
  astral: ['𝕏', '𠀀', '𐍈', '🀄'],
  combining: ['e', '\u0301', 'a', '\u0308', '\u0327'],
  escaped: ['"', '\\', '/', '<', '>', '&'],
  lines: ['\n', '\t', 'x', '\r\n'],
};

/** One character a schema or the stream must refuse (or, for the last ones, keep). */
const ODD = ['\ud800', '\udfff', '\u0000', '\u001b', '\u0007', '\u007f', '\u0085', '\u009b'];

/** Text of `length` code points (the limit, near it, or just past it), sometimes with one odd character. */
function textOf(random: Random, max: number, alphabets: readonly string[] = Object.keys(ALPHABETS)): string {
  const alphabet = ALPHABETS[random.pick(alphabets)] as readonly string[];
  const length = random.pick([max, max, max, max - 1, max + 1, random.int(1, max), Math.ceil(max / 2)]);
  const chars = Array.from({ length }, () => random.pick(alphabet));
  // Never blank after the schema's trim, so a refusal is about what is tested.
  chars[0] = 'Щ';
  if (random.chance(0.12)) chars[random.int(1, Math.max(1, length - 2))] = random.pick(ODD);
  return chars.join('');
}

interface Case {
  name: string;
  session: TestSession;
  path: string;
  body: Record<string, unknown>;
  /** What the projection must hold once the write is applied. */
  check: (accepted: { eventId: string; appealId?: string; incidentId?: string }) => void;
}

const trimmed = (text: string): string => text.trim();

/** What takes the most bytes per code point: 4-byte characters, and characters JSON escapes. */
const HEAVY = ['emoji', 'astral', 'escaped', 'lines'];

function registerCase(random: Random): Case {
  const description = textOf(random, 4000, random.chance(0.5) ? HEAVY : undefined);
  const location = { ...ASTANA, address: textOf(random, 500), district: textOf(random, 500) };
  const citizen = { name: textOf(random, 200), phone: '+7 701 234 56 78' };
  return {
    name: 'register',
    session: agent,
    path: '/api/appeals',
    body: register(description, { location, citizen }),
    check: ({ appealId: id }) => {
      const appeal = server.app.store.state.appeals.get(id ?? '');
      expect(appeal?.description).toBe(trimmed(description));
      expect(appeal?.location.address).toBe(trimmed(location.address));
      expect(appeal?.location.district).toBe(trimmed(location.district));
      expect(appeal?.citizen?.name).toBe(trimmed(citizen.name));
    },
  };
}

function open311Case(random: Random): Case {
  const description = textOf(random, 4000, random.chance(0.5) ? HEAVY : undefined);
  const address = textOf(random, 500);
  const firstName = textOf(random, 99);
  return {
    name: 'open311',
    session: agent,
    path: '/open311/v2/requests.json',
    body: {
      service_code: 'water_sewer',
      lat: 51.13,
      long: 71.44,
      address_string: address,
      description,
      first_name: firstName,
    },
    check: ({ appealId: id }) => {
      const appeal = server.app.store.state.appeals.get(id ?? '');
      expect(appeal?.description).toBe(trimmed(description));
      expect(appeal?.location.address).toBe(trimmed(address));
    },
  };
}

function followUpCase(random: Random): Case {
  const comment = textOf(random, 500);
  if (random.chance(0.5)) {
    const service = textOf(random, 500);
    const assignee = textOf(random, 500);
    return {
      name: 'assign',
      session: supervisor,
      path: `/api/appeals/${appealId}/assign`,
      body: { service, assignee },
      check: () => {
        // Later assignments may have replaced it: the timeline holds each one.
        expect(server.app.store.state.appeals.get(appealId)?.streamIds.length).toBeGreaterThan(1);
      },
    };
  }
  return {
    name: 'status',
    session: agent,
    path: `/api/appeals/${appealId}/status`,
    body: { status: 'in_progress', comment },
    check: () => undefined,
  };
}

function incidentCase(random: Random): Case {
  const title = textOf(random, 500, random.chance(0.5) ? HEAVY : undefined);
  const address = textOf(random, 500);
  return {
    name: 'openIncident',
    session: supervisor,
    path: '/api/incidents',
    body: { title, category: 'gas', severity: 'major', location: { ...ASTANA, address }, affected: 100_000_000 },
    check: ({ incidentId: id }) => {
      const incident = server.app.store.state.incidents.get(id ?? '');
      expect(incident?.title).toBe(trimmed(title));
      expect(incident?.location.address).toBe(trimmed(address));
    },
  };
}

function caseOf(n: number, random: Random): Case {
  return [registerCase, registerCase, open311Case, followUpCase, incidentCase][n % 5]?.(random) as Case;
}

describe('every accepted write is applied', () => {
  it('answers 413 naming the field for a 3,990-emoji description the stream could not carry, and writes nothing', async () => {
    const body = register('😀'.repeat(3990), {
      location: { ...ASTANA, address: 'ул. Кенесары, 40', district: 'Есіл ауданы' },
      citizen: { name: 'Айгерім Сапарова', phone: '+7 701 234 56 12' },
    });
    const before = await streamLength('events');
    const res = await post(agent, '/api/appeals', body);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'too_large', field: 'description' });
    expect((res.body as { message: string }).message).toMatch(/over the stream's limit of 16384/);
    expect(await streamLength('events')).toBe(before);
    // The same through Open311, in its own error shape.
    const open311 = await post(agent, '/open311/v2/requests.json', {
      service_code: 'heating',
      lat: 51.13,
      long: 71.44,
      description: '😀'.repeat(4000),
      address_string: 'ә'.repeat(500),
    });
    expect(open311.status).toBe(413);
    expect(open311.body).toEqual([{ code: 413, description: expect.stringContaining('description') }]);
    expect(await streamLength('events')).toBe(before);
  });

  it.each([
    ['a lone surrogate', '\ud800', 'lone surrogate U+D800'],
    ['a C1 control', '\u0085', 'control character U+0085'],
    ['DEL', '\u007f', 'control character'],
  ])('refuses %s with 422 naming the field', async (_name, odd, what) => {
    const before = await streamLength('events');
    const res = await post(
      agent,
      '/api/appeals',
      register('Нет воды', { location: { ...ASTANA, address: `ул. Абая${odd}` } }),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'invalid',
      field: 'location.address',
      message: expect.stringContaining(what),
    });
    expect(await streamLength('events')).toBe(before);
  });

  it('applies every write it accepted, with its content, over a seeded fuzz at the limits', async () => {
    const random = createRandom(SEED);
    const cases = Array.from({ length: CASES }, (_, n) => caseOf(n, random));
    const accepted: { c: Case; eventId: string; cursor: string; appealId?: string; incidentId?: string }[] = [];
    const statuses = new Map<number, number>();
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await post(c.session, c.path, c.body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 202) {
        const body = res.body as WriteAccepted;
        accepted.push({ c, ...body });
      } else if (res.status === 201) {
        const [created] = res.body as { service_request_id: string; token: string }[];
        const eventId = created?.token ?? '';
        accepted.push({ c, eventId, cursor: '', appealId: created?.service_request_id ?? '' });
      } else if (res.status < 400 || res.status >= 500) {
        wrong.push(`${c.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
    // The fuzz reaches both sides of every limit.
    expect(accepted.length).toBeGreaterThan(20);
    expect(statuses.get(413) ?? 0).toBeGreaterThan(3);
    expect((statuses.get(422) ?? 0) + (statuses.get(400) ?? 0)).toBeGreaterThan(10);

    const newest = (await server.log.info('events')).lastId;
    expect(await server.app.store.waitFor(newest, 10_000)).toBe(true);
    for (const { c, cursor, ...ids } of accepted) {
      const appliedAt = server.app.store.state.seen.get(ids.eventId);
      expect(appliedAt, `${c.name} ${ids.eventId} applied`).toBeDefined();
      if (cursor !== '') expect(appliedAt).toBe(cursor);
      c.check(ids);
    }
    expect(await streamLength('events:dead'), '0 accepted-then-lost').toBe(0);
    expect(server.app.store.state.counters.ignored).toBe(0);
  }, 120_000);
});

// ─── Idempotency-Key past its record ─────────────────────────────────────────────────────

async function forgetIdempotencyRecords(): Promise<void> {
  const client = createClient({ url: testRedisUrl() });
  await client.connect();
  try {
    for await (const batch of client.scanIterator({ MATCH: `${server.prefix}:idempotency:*`, COUNT: 500 })) {
      if (batch.length > 0) await client.del(batch);
    }
  } finally {
    await client.quit();
  }
}

describe('an Idempotency-Key whose record expired', () => {
  it('answers a reuse with another body 422, never the first appeal; the same body gets the first answer', async () => {
    const key = `expired-${Date.now()}`;
    const first = await post(agent, '/api/appeals', register('Протекает крыша'), { 'Idempotency-Key': key });
    expect(first.status).toBe(202);
    const firstAppeal = (first.body as WriteAccepted).appealId ?? '';
    await waitFor(() => server.app.store.state.appeals.has(firstAppeal), 5000, 'first applied');
    await forgetIdempotencyRecords();
    const before = await streamLength('events');

    const other = await post(agent, '/api/appeals', register('Нет света в подъезде'), { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await streamLength('events')).toBe(before);

    // The same request again (keys in another order): its first answer, nothing written.
    const { description, ...rest } = register('Протекает крыша');
    const again = await post(agent, '/api/appeals', { description, ...rest }, { 'Idempotency-Key': key });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(await streamLength('events')).toBe(before);
  });
});
