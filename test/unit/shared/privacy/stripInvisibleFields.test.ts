import { describe, expect, it } from 'vitest';
import { stripInvisibleFields } from '@shared';

describe('stripInvisibleFields', () => {
  it('takes invisible characters out of every string and names the fields', () => {
    const body = {
      category: 'heating',
      description: 'Нет\u200B отопления, 8\u00AD701\u2060234 56 12',
      location: { lat: 51.1, address: '\uFEFFул. Абая 10', district: 'Есиль' },
      citizen: { name: 'Айгерім\u200D' },
      appealIds: ['A-1', 'A\u200B-2'],
    };
    expect(stripInvisibleFields(body)).toEqual({
      body: {
        category: 'heating',
        description: 'Нет отопления, 8701234 56 12',
        location: { lat: 51.1, address: 'ул. Абая 10', district: 'Есиль' },
        citizen: { name: 'Айгерім' },
        appealIds: ['A-1', 'A-2'],
      },
      fields: ['description', 'location.address', 'citizen.name', 'appealIds.1'],
    });
  });

  it('returns a clean body as it is', () => {
    const body = { description: 'Жылу жоқ', priority: 'high' };
    expect(stripInvisibleFields(body)).toEqual({ body, fields: [] });
    expect(stripInvisibleFields(body).body).toBe(body);
    expect(stripInvisibleFields(null)).toEqual({ body: null, fields: [] });
  });

  it('leaves bodies nested deeper than any write body alone (the schema refuses them), without overflowing', () => {
    let deep: unknown = 'a\u200Bb';
    for (let i = 0; i < 20_000; i += 1) deep = [deep];
    expect(stripInvisibleFields({ category: deep })).toEqual({ body: { category: deep }, fields: [] });
    expect(stripInvisibleFields({ a: { b: { c: 'x\u200B' } } }).fields).toEqual(['a.b.c']);
  });
});
