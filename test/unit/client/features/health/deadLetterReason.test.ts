import { describe, expect, it } from 'vitest';
import { deadLetterReasonKind } from '../../../../../client/src/features/health/deadLetterReason';
import { en } from '../../../../../client/src/i18n/en';
import { kk } from '../../../../../client/src/i18n/kk';
import { ru } from '../../../../../client/src/i18n/ru';
import { decodeEntry } from '../../../../../server/src/stream/decodeEntry';
import { createEventFactory } from '../../../shared/factories';

/** The server's own reasons (decodeEntry), each recognised by the panel and named in ru/kk/en. */
function reasonOf(fields: Record<string, string>, locate: Parameters<typeof decodeEntry>[1] = null): string {
  const result = decodeEntry({ id: '1764219600000-0', fields }, locate);
  if (result.ok) throw new Error('expected a refusal');
  return result.reason;
}

// A valid registration without its region: the consumer must locate it.
const VALID = (() => {
  const {
    region: _region,
    streamId: _streamId,
    ...event
  } = createEventFactory().registered('A-1') as {
    region?: string;
    streamId?: string;
  };
  return event;
})();

describe('dead-letter reasons in the UI', () => {
  it.each([
    ['missingEvent', () => reasonOf({ other: 'x' })],
    ['notJson', () => reasonOf({ event: '{not json' })],
    ['oversize', () => reasonOf({ event: `"${'x'.repeat(200_000)}"` })],
    ['invalid', () => reasonOf({ event: JSON.stringify({ ...VALID, type: 'appeal.teleported' }) })],
    ['noRegionLayer', () => reasonOf({ event: JSON.stringify(VALID) })],
    ['outsideRegions', () => reasonOf({ event: JSON.stringify(VALID) }, () => null)],
  ] as const)('recognises the server’s %s reason', (kind, reason) => {
    expect(deadLetterReasonKind(reason())).toBe(kind);
  });

  it('recognises a clock refusal and keeps anything else as "other"', () => {
    expect(deadLetterReasonKind('at is 900 s ahead of the server clock (at most 300 s)')).toBe('future');
    expect(deadLetterReasonKind('something new')).toBe('other');
  });

  it('names every kind in the three languages, ru and kk in Cyrillic', () => {
    for (const [name, table] of Object.entries({ ru: ru.deadLetterReason, kk: kk.deadLetterReason })) {
      for (const text of Object.values(table)) expect(text, name).toMatch(/[а-яәғқңөұүһі]/i);
    }
    expect(Object.keys(en.deadLetterReason).sort()).toEqual(Object.keys(ru.deadLetterReason).sort());
    expect(kk.deadLetterReason.invalid).not.toBe(ru.deadLetterReason.invalid);
  });
});
