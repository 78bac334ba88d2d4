import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousStreamId } from '@shared';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

let server: TestServer;
let agent: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  agent = await signIn(server, 'agent');
});

afterAll(async () => {
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

async function register(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await authedFetch(agent, `${server.url}/api/appeals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: 'heating', priority: 'normal', channel: 'call', ...body }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('invisible characters in typed text', () => {
  it('are stripped before the event is built, and the answer names the cleaned fields', async () => {
    const answer = await register({
      location: { lat: 51.13, lng: 71.44, address: 'ул.\u00A0Абая\u200B 10', district: 'Есиль' },
      description: 'Нет отопления, звоните 8\u200B701\u00AD234\u206056\uFEFF12',
      citizen: { name: 'Айгерім\u200D Сапарова', phone: '8\u200B701 234 56 12' },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    expect(answer.body.notices).toEqual([
      { field: 'location.address', code: 'invisible_removed' },
      { field: 'description', code: 'invisible_removed' },
      { field: 'citizen.name', code: 'invisible_removed' },
      { field: 'citizen.phone', code: 'invisible_removed' },
    ]);
    const cursor = String(answer.body.cursor);
    const [entry] = await server.log.range('events', previousStreamId(cursor), cursor, 1);
    const event = JSON.parse(entry?.fields.event ?? '{}') as {
      data: { description: string; location: { address: string }; citizen: { name: string; phone: string } };
    };
    expect(event.data.description).toBe('Нет отопления, звоните 87012345612');
    // A no-break space is a space, not an invisible character: it stays.
    expect(event.data.location.address).toBe('ул.\u00A0Абая 10');
    expect(event.data.citizen).toEqual({ name: 'Айгерім Сапарова', phone: '+77012345612' });
  });

  it('says nothing when nothing was cleaned, and refuses text that was only invisible', async () => {
    const clean = await register({ location: { lat: 51.13, lng: 71.44 }, description: 'Жылу жоқ' });
    expect(clean.status).toBe(202);
    expect(clean.body).not.toHaveProperty('notices');
    const empty = await register({ location: { lat: 51.13, lng: 71.44 }, description: '\u200B\u2060' });
    expect(empty.status).toBe(422);
    expect(empty.body.field).toBe('description');
  });
});
