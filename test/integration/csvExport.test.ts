import { randomUUID } from 'node:crypto';
import type { WriteAccepted } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../support/appealData';
import { authedFetch, signIn, type TestSession } from '../support/auth';
import { waitFor } from '../support/events';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../support/testServer';

/**
 * The readable CSV (issue 18): names and Almaty time in the UI's language by default, the
 * machine form (codes, UTC, field names) with `format=codes`, the file name in Almaty time.
 */

// 05:15 UTC is 10:15 in Almaty (UTC+5).
const NOW = Date.parse('2026-11-27T05:15:00Z');
let server: TestServer;
let agent: TestSession;
let appealId = '';

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  agent = await signIn(server, 'supervisor', ['KZ-71']);
  const res = await authedFetch(agent, `${server.url}/api/appeals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({
      category: 'heating',
      priority: 'high',
      channel: 'call',
      location: { lat: 51.128, lng: 71.43, address: 'ул. Кенесары, 40' },
      description: 'В квартире холодно',
    }),
  });
  expect(res.status).toBe(202);
  appealId = ((await res.json()) as WriteAccepted).appealId ?? '';
  await waitFor(() => server.app.store.state.appeals.has(appealId), 5000, 'registered');
});

afterAll(async () => {
  await server.stop();
  await deletePrefix(testRedisUrl(), server.prefix);
});

interface Export {
  filename: string;
  title: string;
  row: Record<string, string>;
}

async function exportOf(path: string, headers: Record<string, string> = {}): Promise<Export> {
  const res = await authedFetch(agent, `${server.url}${path}`, { headers });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const [[title = ''] = [], header = [], ...rows] = parseCsv(text);
  const row = rows.find((cells) => cells[0] === appealId) ?? [];
  const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
  return { filename, title, row: Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])) };
}

describe('GET /api/appeals.csv: readable by default', () => {
  it('writes Russian names and Almaty time without a language asked for', async () => {
    const csv = await exportOf('/api/appeals.csv');
    expect(csv.filename).toBe('ortalyq-appeals-20261127T1015.csv');
    expect(csv.title).toMatch(/^# Ortalyq: обращения; фильтры: нет; .*, 2026-11-27 10:15 \(время Алматы\)$/);
    expect(csv.row).toMatchObject({
      Номер: appealId,
      'Зарегистрировано (время Алматы)': '2026-11-27 10:15',
      Регион: 'Астана',
      Категория: 'теплоснабжение и горячая вода',
      Приоритет: 'высокий',
      Канал: 'звонок 109',
      Статус: 'зарегистрировано',
    });
  });

  it('follows lang=kk and lang=en, and Accept-Language when lang is not given', async () => {
    const kk = await exportOf('/api/appeals.csv?lang=kk');
    expect(kk.title).toMatch(/^# Ortalyq: өтініштер; сүзгілер: жоқ; .*\(Алматы уақыты\)$/);
    expect(kk.row).toMatchObject({ Өңір: 'Астана', Басымдық: 'жоғары', Арна: '109 қоңырауы', Мәртебе: 'тіркелді' });
    expect(kk.row['Тіркелген уақыты (Алматы уақыты)']).toBe('2026-11-27 10:15');
    const en = await exportOf('/api/appeals.csv?lang=en', { 'accept-language': 'kk-KZ' });
    expect(en.row).toMatchObject({ Region: 'Astana', Priority: 'high', Channel: 'phone 109', Status: 'registered' });
    expect(en.row['Registered (Almaty time)']).toBe('2026-11-27 10:15');
    const byHeader = await exportOf('/api/appeals.csv', { 'accept-language': 'en-US,en;q=0.9' });
    expect(byHeader.row.Category).toBe('heating and hot water');
  });

  it('keeps codes, UTC and field names with format=codes; the file name stays in Almaty time', async () => {
    const codes = await exportOf('/api/appeals.csv?format=codes&region=KZ-71');
    expect(codes.filename).toBe('ortalyq-appeals-20261127T1015.csv');
    expect(codes.title).toMatch(/^# Ortalyq appeals; filters: region=KZ-71; as of cursor \S+, 2026-11-27T05:15:00Z$/);
    expect(codes.row).toMatchObject({
      id: appealId,
      registeredAt: '2026-11-27T05:15:00Z',
      region: 'KZ-71',
      category: 'heating',
      priority: 'high',
      channel: 'call',
      status: 'registered',
    });
  });

  it('localises the incidents export the same way', async () => {
    const res = await authedFetch(agent, `${server.url}/api/incidents.csv?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('ortalyq-incidents-20261127T1015.csv');
    expect(parseCsv(await res.text())[1]).toContain('Opened (Almaty time)');
  });

  it('refuses an unknown language or form, naming the field', async () => {
    for (const [query, field] of [
      ['lang=de', 'lang'],
      ['format=xml', 'format'],
    ] as const) {
      const res = await authedFetch(agent, `${server.url}/api/appeals.csv?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { field: string }).field).toBe(field);
    }
  });
});
