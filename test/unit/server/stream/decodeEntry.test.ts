import { describe, expect, it } from 'vitest';
import { createLocator } from '../../../../server/src/regions/createLocator';
import { loadBuiltinLayer } from '../../../../server/src/regions/loadRegionLayer';
import { decodeEntry } from '../../../../server/src/stream/decodeEntry';
import { deadLetterFields } from '../../../../server/src/stream/deadLetter';
import { appealRegistered } from '../../../support/events';

const entry = (fields: Record<string, string>) => ({ id: '5-0', fields });

describe('decodeEntry', () => {
  it('accepts a contract entry and attaches its stream id', () => {
    const envelope = appealRegistered();
    const result = decodeEntry(entry({ event: JSON.stringify(envelope) }), null);
    expect(result).toEqual({ ok: true, event: { ...envelope, streamId: '5-0' } });
  });

  it.each([
    [{ other: 'x' }, 'missing field "event" (fields: other)'],
    [{ event: 'nope' }, 'not JSON'],
    [{ event: JSON.stringify({ ...appealRegistered(), type: 'appeal.unknown' }) }, 'type'],
    [{ event: JSON.stringify({ ...appealRegistered(), region: 'KZ-99' }) }, 'region: unknown region KZ-99'],
    [{ event: JSON.stringify({ ...appealRegistered(), v: 2 }) }, 'v: unsupported envelope version'],
    [
      { event: JSON.stringify({ ...appealRegistered(), at: '2026-11-27T10:00:00' }) },
      'at: must be ISO-8601 with an offset',
    ],
    [{ event: 'x'.repeat(20_000) }, 'oversize: 20000 bytes'],
  ])('rejects %j with a specific reason', (fields, reason) => {
    const result = decodeEntry(entry(fields), null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('names a missing data field as missing', () => {
    const envelope = appealRegistered();
    const { description: _d, ...data } = envelope.data as Record<string, unknown>;
    const result = decodeEntry(entry({ event: JSON.stringify({ ...envelope, data }) }), null);
    expect(result).toEqual({ ok: false, reason: 'invalid: data.description: missing' });
  });

  it('locates an entry without region by its point, or refuses it', () => {
    const { region: _r, ...envelope } = appealRegistered();
    const at = (lat: number, lng: number) =>
      entry({ event: JSON.stringify({ ...envelope, data: { ...envelope.data, location: { lat, lng } } }) });
    const locator = createLocator(loadBuiltinLayer()).regionOf;
    expect(decodeEntry(at(51.128, 71.43), locator)).toMatchObject({ ok: true, event: { region: 'KZ-71' } });
    expect(decodeEntry(at(41.31, 69.28), locator)).toEqual({ ok: false, reason: 'outside any region' }); // Tashkent
    expect(decodeEntry(at(51.128, 71.43), null)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('region omitted'),
    });
  });
});

describe('decodeEntry: what a producer cannot put on the stream', () => {
  const NOW = Date.parse('2026-11-27T10:00:00+05:00');
  const clock = { now: NOW, maxFutureSkewMs: 5 * 60_000 };
  /** An entry Redis appended at `appendedAt` (its id's time part). */
  const appended = (envelope: unknown, appendedAt = NOW) => ({
    id: `${appendedAt}-0`,
    fields: { event: JSON.stringify(envelope) },
  });
  const at = (ms: number) => new Date(ms).toISOString();

  it('refuses an `at` more than MAX_FUTURE_SKEW ahead of the clock, naming by how much', () => {
    const farAhead = appended(appealRegistered({ at: at(NOW + 25 * 3_600_000) }));
    expect(decodeEntry(farAhead, null, clock)).toEqual({
      ok: false,
      reason: 'at is 90000 s ahead of the server clock (at most 300 s)',
    });
    expect(decodeEntry(appended(appealRegistered({ at: at(NOW + 5 * 60_000) })), null, clock).ok).toBe(true);
    expect(decodeEntry(appended(appealRegistered({ at: at(NOW + 5 * 60_000 + 1000) })), null, clock)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^at is 301 s ahead/),
    });
  });

  it('holds `at` to when Redis appended the entry: a replay hours later decides as the live tail did', () => {
    const entry = appended(appealRegistered({ at: at(NOW + 10 * 60_000) }), NOW);
    const hoursLater = { ...clock, now: NOW + 3 * 3_600_000 };
    expect(decodeEntry(entry, null, hoursLater)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^at is 600 s ahead/),
    });
    // An id forged far ahead does not widen the limit: the server's clock caps it.
    const forged = appended(appealRegistered({ at: at(NOW + 3_600_000) }), NOW + 24 * 3_600_000);
    expect(decodeEntry(forged, null, clock)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^at is 3600 s ahead/),
    });
  });

  it('refuses an `at` before 2000 and keeps one since (history imports)', () => {
    expect(decodeEntry(appended(appealRegistered({ at: '1970-01-01T00:00:00Z' })), null, clock)).toEqual({
      ok: false,
      reason: 'invalid: at: 1970-01-01T00:00:00Z is before 2000-01-01, the earliest accepted',
    });
    expect(decodeEntry(appended(appealRegistered({ at: '1999-12-31T23:59:59Z' })), null, clock).ok).toBe(false);
    expect(decodeEntry(appended(appealRegistered({ at: '2000-01-01T05:00:00+05:00' })), null, clock).ok).toBe(true);
    expect(decodeEntry(appended(appealRegistered({ at: '2005-11-27T10:00:00+05:00' })), null, clock).ok).toBe(true);
  });

  it.each([
    ['NUL', 'data.description', '\\u0000', 'U+0000'],
    ['ESC', 'data.description', '\\u001b[2J', 'U+001B'],
    ['BEL', 'data.location.address', '\\u0007', 'U+0007'],
    ['backspace', 'data.citizen.name', '\\b', 'U+0008'],
    ['a lone high surrogate', 'data.description', '\ud800', 'lone surrogate U+D800'],
    ['a lone low surrogate', 'data.citizen.name', '\udc00x', 'lone surrogate U+DC00'],
  ])('dead-letters %s in %s, naming the field', (_name, field, escape, what) => {
    const envelope = appealRegistered({ at: at(NOW) }) as unknown as Record<string, unknown>;
    const text = JSON.stringify(envelope);
    const key = field.split('.').pop() as string;
    // Escaped in the JSON text, as a producer writes it (JSON.parse then holds the character).
    const value =
      field === 'data.description'
        ? (envelope.data as { description: string }).description
        : key === 'address'
          ? 'ул. Кенесары, 40'
          : 'Айгерім Сапарова';
    const raw = text.replace(JSON.stringify(value), `"${value}${escape}"`);
    expect(raw).not.toBe(text);
    const result = decodeEntry({ id: `${NOW}-0`, fields: { event: raw } }, null, clock);
    expect(result).toEqual({
      ok: false,
      reason: `invalid: ${field}: ${what.startsWith('U+') ? 'control character ' : ''}${what}${what.startsWith('lone') ? ' (not Unicode text)' : ''} is not allowed`,
    });
  });

  it('keeps tab, line breaks, emoji, combining marks and C1 characters (the API refuses C1 itself)', () => {
    const envelope = appealRegistered({ at: at(NOW) });
    (envelope.data as { description: string }).description = 'Строка 1\n\tСтрока 2\r\n😀 e\u0301 \u0085';
    expect(decodeEntry(appended(envelope), null, clock)).toMatchObject({ ok: true });
  });
});

describe('deadLetterFields', () => {
  it('keeps the original fields, adds reason and sourceId, and cuts oversize values', () => {
    const fields = deadLetterFields(entry({ event: 'é'.repeat(5000), note: 'ok' }), 'oversize', Date.UTC(2026, 10, 27));
    expect(fields.reason).toBe('oversize');
    expect(fields.sourceId).toBe('5-0');
    expect(fields.note).toBe('ok');
    expect(fields.truncated).toBe('event');
    expect(Buffer.byteLength(fields.event as string)).toBeLessThanOrEqual(4096);
    expect(fields.deadAt).toBe('2026-11-27T00:00:00.000Z');
  });
});
