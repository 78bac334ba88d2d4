import { describe, expect, it } from 'vitest';
import {
  CATEGORY_CODES,
  REGION_CODES,
  categoryCodeSchema,
  channelSchema,
  entityIdSchema,
  instantSchema,
  locationSchema,
  prioritySchema,
  regionCodeSchema,
  severitySchema,
  shortTextSchema,
  statusChangeSchema,
} from '@shared';

function messageOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues.map((i) => i.message).join('; ') ?? '';
}

describe('regionCodeSchema', () => {
  it('accepts all 20 codes', () => {
    for (const code of REGION_CODES) expect(regionCodeSchema.parse(code)).toBe(code);
  });

  it('names the bad input in its message', () => {
    expect(messageOf(regionCodeSchema.safeParse('KZ-00'))).toBe('unknown region KZ-00');
    expect(regionCodeSchema.safeParse(undefined).success).toBe(false);
  });
});

describe('categoryCodeSchema', () => {
  it('accepts all 16 codes', () => {
    for (const code of CATEGORY_CODES) expect(categoryCodeSchema.parse(code)).toBe(code);
  });

  it('names the bad input in its message', () => {
    expect(messageOf(categoryCodeSchema.safeParse('noise'))).toBe('unknown category noise');
  });
});

describe('closed vocabularies', () => {
  it('match the contract', () => {
    expect(channelSchema.options).toEqual(['call', 'app', 'telegram', 'web', 'social', 'walk_in']);
    expect(prioritySchema.options).toEqual(['low', 'normal', 'high', 'emergency']);
    expect(severitySchema.options).toEqual(['minor', 'major', 'critical']);
    expect(statusChangeSchema.options).toEqual([
      'in_progress',
      'resolved',
      'closed',
      'rejected',
      'reopened',
      'redirected',
    ]);
  });
});

describe('entityIdSchema', () => {
  it.each(['a', 'AST-2026/000123', 'inc:2026.11.27_01', 'x'.repeat(64)])('accepts %j', (id) => {
    expect(entityIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', 'x'.repeat(65), 'a b', ' a', 'a#1', 'a,b', 'ä'])('rejects %j', (id) => {
    expect(entityIdSchema.safeParse(id).success).toBe(false);
  });
});

describe('shortTextSchema', () => {
  it('trims, then enforces 1–500 characters', () => {
    expect(shortTextSchema.parse('  ok  ')).toBe('ok');
    expect(shortTextSchema.safeParse('   ').success).toBe(false);
    expect(shortTextSchema.safeParse('x'.repeat(500)).success).toBe(true);
    expect(shortTextSchema.safeParse('x'.repeat(501)).success).toBe(false);
    // trimming happens first, so padding does not count against the limit
    expect(shortTextSchema.safeParse(` ${'x'.repeat(500)} `).success).toBe(true);
  });
});

describe('instantSchema', () => {
  it.each([
    '2026-11-27T10:15:00+05:00',
    '2026-11-27T05:15:00Z',
    '2024-02-29T00:00:00+05:00',
    '2026-11-27T10:15:00.999-03:30',
  ])('accepts %j', (at) => {
    expect(instantSchema.safeParse(at).success).toBe(true);
  });

  it.each(['2026-11-27T10:15:00', '2026-11-27', '2025-02-29T00:00:00+05:00', '2026-13-01T00:00:00Z', 'soon'])(
    'rejects %j with a message asking for an offset',
    (at) => {
      const result = instantSchema.safeParse(at);
      expect(result.success).toBe(false);
      expect(messageOf(result)).toContain('must be ISO-8601 with an offset');
    },
  );

  it('gives instants Date.parse reads as the same moment', () => {
    expect(Date.parse(instantSchema.parse('2026-11-27T10:15:00+05:00'))).toBe(Date.parse('2026-11-27T05:15:00Z'));
  });
});

describe('locationSchema', () => {
  it('accepts a point with optional address and district', () => {
    expect(locationSchema.parse({ lat: 43.24, lng: 76.91 })).toEqual({ lat: 43.24, lng: 76.91 });
    expect(
      locationSchema.parse({ lat: 43.24, lng: 76.91, address: ' пр. Абая, 10 ', district: 'Алмалинский' }),
    ).toEqual({
      lat: 43.24,
      lng: 76.91,
      address: 'пр. Абая, 10',
      district: 'Алмалинский',
    });
  });

  it.each([
    { lat: 91, lng: 0 },
    { lat: -91, lng: 0 },
    { lat: 0, lng: 181 },
    { lat: 0, lng: -180.0001 },
    { lat: Number.NaN, lng: 0 },
    { lat: 0 },
    { lat: '43', lng: '76' },
  ])('rejects %j', (location) => {
    expect(locationSchema.safeParse(location).success).toBe(false);
  });
});
