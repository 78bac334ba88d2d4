import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BUILT_IN_CALENDAR_YEARS,
  EVENT_TYPES,
  eventEnvelopeSchema,
  NOT_FAST,
  parseEnvelopeFast,
  type EventType,
} from '@shared';
import { compileFastParser } from '../../../../shared/src/schemas/compileFastParser';

type Json = Record<string, unknown>;

const AT = '2026-11-27T10:15:00+05:00';
const LOCATION = { lat: 51.128, lng: 71.43, address: '  ул. Кенесары, 40 ', district: 'Сарыарка' };

const DATA: Record<EventType, Json> = {
  'appeal.registered': {
    appealId: 'AST-2026/000123',
    channel: 'telegram',
    category: 'heating',
    priority: 'high',
    location: LOCATION,
    description: '  В квартире холодно  ',
    citizen: { name: 'Айгерим', phone: '+7 701 000 00 00' },
    slaMinutes: 720,
  },
  'appeal.assigned': { appealId: 'a1', service: 'Astana Teplotranzit', assignee: 'Бригада №4' },
  'appeal.status_changed': { appealId: 'a1', status: 'in_progress', comment: 'Бригада выехала' },
  'appeal.escalated': { appealId: 'a1', priority: 'emergency' },
  'appeal.extended': { appealId: 'a1', months: 2, reason: '  Нужна экспертиза ' },
  'appeal.feedback': { appealId: 'a1', result: 'confirmed', rating: 4, comment: ' Спасибо ' },
  'calendar.year_added': { year: structuredClone(BUILT_IN_CALENDAR_YEARS[2]) as unknown as Json },
  'incident.opened': {
    incidentId: 'INC-1',
    title: 'Авария на теплотрассе',
    category: 'heating',
    severity: 'critical',
    location: LOCATION,
    affected: 1200,
    appealIds: ['a1', 'a2'],
  },
  'incident.updated': { incidentId: 'INC-1', severity: 'major', note: 'Локализовано', appealIds: [] },
  'incident.resolved': { incidentId: 'INC-1' },
};

function envelope(type: EventType, extra: Json = {}): Json {
  const region = type === 'calendar.year_added' ? {} : { region: 'KZ-71' };
  return { v: 1, id: `e-${type}`, type, at: AT, ...region, data: structuredClone(DATA[type]), ...extra };
}

/** Same result as zod, keys in the same order; or NOT_FAST where zod fails. */
function expectSameAsZod(input: unknown): void {
  const zod = eventEnvelopeSchema.safeParse(input);
  const fast = parseEnvelopeFast(input);
  if (!zod.success) expect(fast).toBe(NOT_FAST);
  else if (fast !== NOT_FAST) expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
}

/** A small deterministic PRNG (mulberry32), so a failing case can be re-run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  1e300,
  '',
  ' ',
  'x'.repeat(5000),
  'KZ-99',
  'a b',
  [],
  [1],
  {},
  true,
  '2026-11-27T10:15:00',
  '2026-02-30T10:15:00Z',
  'appeal.teleported',
  2,
  '1',
  -91,
  181,
];

/** Every path to a value in `value` (objects and arrays). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Json)[k], [...prefix, k]))];
}

function mutate(input: Json, next: () => number): Json {
  const copy = structuredClone(input);
  const all = paths(copy).filter((p) => p.length > 0);
  const path = all[Math.floor(next() * all.length)] as (string | number)[];
  let parent = copy as Json;
  for (const key of path.slice(0, -1)) parent = parent[key as string] as Json;
  const last = path[path.length - 1] as string;
  const roll = next();
  if (roll < 0.25) Reflect.deleteProperty(parent, last);
  else if (roll < 0.35) parent[`${last}_extra`] = JUNK[Math.floor(next() * JUNK.length)];
  else parent[last] = JUNK[Math.floor(next() * JUNK.length)];
  return copy;
}

describe('parseEnvelopeFast', () => {
  it.each(EVENT_TYPES)(
    'gives what zod gives for a valid %s (trimmed, unknown keys stripped, same key order)',
    (type) => {
      const input = envelope(type, { extra: 'dropped' });
      (input.data as Json).unknownField = { deep: [1, 2] };
      const fast = parseEnvelopeFast(input);
      expect(fast).not.toBe(NOT_FAST);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(eventEnvelopeSchema.parse(input)));
    },
  );

  it('answers with the input itself when it already is the result, and copies it when not', () => {
    // Keys in the schema's order (base fields, then type and data), as producers write them.
    const { v, id, at, region, type, data } = envelope('appeal.assigned');
    const exact = { v, id, at, region, type, data };
    expect(parseEnvelopeFast(exact)).toBe(exact);
    const padded = envelope('appeal.assigned', { data: { appealId: 'a1', service: ' Водоканал ' } });
    const parsed = parseEnvelopeFast(padded);
    expect(parsed).not.toBe(padded);
    expect((padded.data as Json).service).toBe(' Водоканал ');
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(eventEnvelopeSchema.parse(padded)));
    const reordered = { type: 'appeal.assigned', ...envelope('appeal.assigned') };
    expect(parseEnvelopeFast(reordered)).not.toBe(reordered);
    expect(JSON.stringify(parseEnvelopeFast(reordered))).toBe(JSON.stringify(eventEnvelopeSchema.parse(reordered)));
  });

  it('accepts an envelope without region when the data has a location, and rejects one without either', () => {
    const located = envelope('appeal.registered');
    delete located.region;
    expect(parseEnvelopeFast(located)).toEqual(eventEnvelopeSchema.parse(located));
    const nowhere = envelope('appeal.assigned');
    delete nowhere.region;
    expect(parseEnvelopeFast(nowhere)).toBe(NOT_FAST);
    expect(eventEnvelopeSchema.safeParse(nowhere).success).toBe(false);
  });

  it.each([
    ['not an object', 'x'],
    ['an array', []],
    ['another version', { ...envelope('appeal.assigned'), v: 2 }],
    ['an unknown type', { ...envelope('appeal.assigned'), type: 'appeal.teleported' }],
    ['an unknown region', { ...envelope('appeal.assigned'), region: 'KZ-99' }],
    ['an at without offset', { ...envelope('appeal.assigned'), at: '2026-11-27T10:15:00' }],
    ['an empty id', { ...envelope('appeal.assigned'), id: '' }],
    ['a blank service', { ...envelope('appeal.assigned'), data: { appealId: 'a1', service: '   ' } }],
    ['a bad appeal id', { ...envelope('appeal.assigned'), data: { appealId: 'a 1', service: 's' } }],
    ['a missing data', { ...envelope('appeal.assigned'), data: undefined }],
    [
      'a latitude out of range',
      { ...envelope('incident.opened'), data: { ...DATA['incident.opened'], location: { lat: 91, lng: 0 } } },
    ],
    [
      'a fractional slaMinutes',
      { ...envelope('appeal.registered'), data: { ...DATA['appeal.registered'], slaMinutes: 1.5 } },
    ],
    [
      'too many linked appeals',
      { ...envelope('incident.updated'), data: { incidentId: 'i', appealIds: Array(1001).fill('a') } },
    ],
  ])('gives up on %s (zod says why)', (_, input) => {
    expect(parseEnvelopeFast(input)).toBe(NOT_FAST);
    expect(eventEnvelopeSchema.safeParse(input).success).toBe(false);
  });

  it('never accepts what zod rejects, and never differs from zod where it answers (5,000 random mutations)', () => {
    const next = random(20261127);
    let answered = 0;
    for (let i = 0; i < 5000; i += 1) {
      const base = envelope(EVENT_TYPES[i % EVENT_TYPES.length] as EventType);
      const input = next() < 0.5 ? mutate(base, next) : mutate(mutate(base, next), next);
      expectSameAsZod(input);
      if (parseEnvelopeFast(input) !== NOT_FAST) answered += 1;
    }
    // Harmless mutations (an extra key, a dropped optional field) still take the fast path.
    expect(answered).toBeGreaterThan(200);
  });
});

describe('compileFastParser', () => {
  it('hands kinds it does not know to zod (transforms, defaults, plain unions, catch-alls)', () => {
    const schema = z.object({
      n: z.string().transform((s) => s.length),
      d: z.number().default(7),
      u: z.union([z.string(), z.number()]),
      c: z.object({ a: z.string() }).catchall(z.number()),
    });
    const parse = compileFastParser(schema);
    const input = { n: 'abc', u: 3, c: { a: 'x', b: 2 } };
    expect(parse(input)).toEqual(schema.parse(input));
    expect(parse({ ...input, u: true })).toBe(NOT_FAST);
  });

  it('returns NOT_FAST instead of throwing on a hostile value', () => {
    const schema = z.object({ a: z.array(z.array(z.number())) });
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(compileFastParser(schema)({ a: deep })).toBe(NOT_FAST);
  });
});
