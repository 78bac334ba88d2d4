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
