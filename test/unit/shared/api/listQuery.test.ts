import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { APPEAL_STATUSES, CHANNELS, PRIORITIES, REGION_CODES, describeIssues } from '@shared';
import {
  APPEAL_SORTS,
  appealFilterString,
  appealListQuerySchema,
  type AppealListQuery,
} from '../../../../shared/src/api/appealQuery';
import { incidentFilterString, incidentListQuerySchema } from '../../../../shared/src/api/incidentQuery';
import {
  DEFAULT_LIST_LIMIT,
  InvalidCursorError,
  MAX_LIST_LIMIT,
  codeField,
  createTextMatcher,
  decodeListCursor,
  encodeListCursor,
  rankField,
  selectPage,
  timeField,
} from '../../../../shared/src/api/listQuery';
import { createRandom, T0 } from '../factories';
import { pick, subset } from './listFixtures';

type RawQuery = Record<string, unknown>;

function errorOf(schema: z.ZodType, raw: RawQuery): { text: string; fields: string[] } {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) throw new Error(`expected ${JSON.stringify(raw)} to fail`);
  return { text: describeIssues(result.error), fields: result.error.issues.map((i) => i.path.join('.')) };
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('appealListQuerySchema', () => {
  it('defaults to the newest 100, unfiltered', () => {
    expect(appealListQuerySchema.parse({})).toEqual({ sort: '-registeredAt', limit: DEFAULT_LIST_LIMIT });
  });

  it('reads comma-separated lists and repeated keys alike, de-duplicated, in vocabulary order', () => {
    const expected = ['KZ-71', 'KZ-75'];
    for (const region of ['KZ-75,KZ-71', ['KZ-71', 'KZ-75'], ['KZ-75', 'KZ-71, KZ-75'], ' KZ-75 ,, KZ-71,']) {
      expect(appealListQuerySchema.parse({ region }).region).toEqual(expected);
    }
    expect(appealListQuerySchema.parse({ status: 'closed,registered', priority: ['emergency', 'low'] })).toMatchObject({
      status: ['registered', 'closed'],
      priority: ['low', 'emergency'],
    });
  });

  it('takes every value of every vocabulary', () => {
    const parsed = appealListQuerySchema.parse({
      region: REGION_CODES.join(','),
      status: [...APPEAL_STATUSES],
      priority: PRIORITIES.join(','),
      channel: CHANNELS.join(','),
    });
    expect(parsed.region).toEqual([...REGION_CODES]);
    expect(parsed.status).toEqual([...APPEAL_STATUSES]);
    for (const sort of APPEAL_SORTS) expect(appealListQuerySchema.parse({ sort }).sort).toBe(sort);
  });

  it('reads blank values as “not given”', () => {
    expect(appealListQuerySchema.parse({ region: '', status: ',', q: '   ', cursor: '' })).toEqual({
      sort: '-registeredAt',
      limit: 100,
    });
  });

  it('parses the rest: booleans, instants, text, ids, limits', () => {
    const parsed = appealListQuerySchema.parse({
      overdue: 'false',
      from: '2026-11-27T10:00:00+05:00',
      to: '2026-11-27T06:00:00.500Z',
      q: '  Нет ОТОПЛЕНИЯ ',
      incident: 'INC-1',
      limit: '500',
      sort: 'priority',
    });
    expect(parsed).toEqual({
      overdue: false,
      from: T0,
      to: T0 + 3_600_500,
      q: 'Нет ОТОПЛЕНИЯ',
      incident: 'INC-1',
      limit: MAX_LIST_LIMIT,
      sort: 'priority',
    });
    expect(appealListQuerySchema.parse({ overdue: 'true', limit: '1' })).toMatchObject({ overdue: true, limit: 1 });
  });

  it.each<[string, RawQuery, string, RegExp]>([
    ['an unknown key', { colour: 'red' }, 'colour', /^colour: unknown parameter \(expected region, category,/],
    ['a camel-cased key', { Region: 'KZ-71' }, 'Region', /^Region: unknown parameter/],
    ['an unknown region', { region: 'KZ-71,KZ-99' }, 'region', /^region: unknown region KZ-99$/],
    ['a lower-case region', { region: 'kz-71' }, 'region', /^region: unknown region kz-71$/],
    ['an unknown category', { category: ['heating', 'weather'] }, 'category', /^category: unknown category weather$/],
    ['an unknown status', { status: 'open' }, 'status', /^status: unknown status open \(one of registered, assigned,/],
    ['an unknown priority', { priority: 'urgent' }, 'priority', /^priority: unknown priority urgent/],
    ['an unknown channel', { channel: 'fax' }, 'channel', /^channel: unknown channel fax/],
    ['a nested object (qs syntax)', { region: { a: 'KZ-71' } }, 'region', /^region: expected a comma-separated list$/],
    ['overdue=yes', { overdue: 'yes' }, 'overdue', /^overdue: must be true or false$/],
    ['a day that does not exist', { from: '2026-02-30' }, 'from', /^from: no such date 2026-02-30$/],
    [
      'a time without offset',
      { to: '2026-11-27T10:00:00' },
      'to',
      /^to: a date YYYY-MM-DD .* or ISO-8601 with an offset/,
    ],
    ['an impossible date', { from: '2026-02-30T10:00:00Z' }, 'from', /^from: a date YYYY-MM-DD/],
    [
      'to before from',
      { from: '2026-11-27T10:00:00+05:00', to: '2026-11-27T05:00:00Z' },
      'to',
      /^to: must be later than from$/,
    ],
    ['limit 0', { limit: '0' }, 'limit', /^limit: a whole number from 1 to 500$/],
    ['limit 501', { limit: '501' }, 'limit', /^limit: at most 500$/],
    ['limit -1', { limit: '-1' }, 'limit', /^limit: a whole number/],
    ['limit 1.5', { limit: '1.5' }, 'limit', /^limit: a whole number/],
    ['limit ten', { limit: 'ten' }, 'limit', /^limit: a whole number/],
    ['limit twice', { limit: ['10', '10'] }, 'limit', /^limit: give this parameter once$/],
    ['a long q', { q: 'я'.repeat(201) }, 'q', /^q: at most 200 characters$/],
    ['q twice', { q: ['a', 'b'] }, 'q', /^q: give this parameter once$/],
    [
      'an unknown sort',
      { sort: 'citizen' },
      'sort',
      /^sort: one of registeredAt, updatedAt, dueAt, priority, status, region, category, legalDueAt, confirmationSince, with a leading - for descending$/,
    ],
    ['sort with a space', { sort: 'priority desc' }, 'sort', /^sort: one of/],
    ['a bad incident id', { incident: 'INC 1' }, 'incident', /^incident: only letters, digits/],
    ['a garbled cursor', { cursor: '!!!' }, 'cursor', /^cursor: not a cursor of this list$/],
    ['an overlong cursor', { cursor: 'a'.repeat(600) }, 'cursor', /^cursor: not a cursor of this list$/],
  ])('rejects %s, naming the field', (_name, raw, field, message) => {
    const { text, fields } = errorOf(appealListQuerySchema, raw);
    expect(fields).toEqual([field]);
    expect(text).toMatch(message);
    expect(text).not.toMatch(/missing/);
  });

  it('reads dates as Asia/Almaty calendar days: from their first moment, to the whole day included', () => {
    const q = appealListQuerySchema.parse({ from: '2026-11-27', to: '2026-11-28' });
    expect(new Date(q.from as number).toISOString()).toBe('2026-11-26T19:00:00.000Z');
    expect(new Date(q.to as number).toISOString()).toBe('2026-11-28T19:00:00.000Z');
    // One day: from = to. Before March 2024 the day began at 18:00 UTC (UTC+6).
    const old = appealListQuerySchema.parse({ from: '2023-06-01', to: '2023-06-01' });
    expect(new Date(old.from as number).toISOString()).toBe('2023-05-31T18:00:00.000Z');
    expect(new Date(old.to as number).toISOString()).toBe('2023-06-01T18:00:00.000Z');
  });

  it('reads an unencoded + of an offset, which a query string turns into a space', () => {
    expect(appealListQuerySchema.parse({ from: '2026-11-27T10:00:00 05:00' }).from).toBe(T0);
    expect(appealListQuerySchema.parse({ to: '2026-11-27T10:00:00.000 05:00' }).to).toBe(T0);
    expect(errorOf(appealListQuerySchema, { from: '2026-11-27 10:00:00 05:00' }).fields).toEqual(['from']);
  });

  it('accepts 200 characters of q (trimmed first)', () => {
    expect(appealListQuerySchema.parse({ q: ` ${'ә'.repeat(200)} ` }).q).toHaveLength(200);
  });

  it('reports an unknown key together with the other problems', () => {
    const { fields, text } = errorOf(appealListQuerySchema, { colour: 'red', limit: '0', region: 'KZ-00' });
    expect(fields.sort()).toEqual(['colour', 'limit', 'region']);
    expect(text.split('; ')).toHaveLength(3);
  });

  it('rejects a cursor of another sort order', () => {
    const cursor = encodeListCursor(
      '-registeredAt',
      timeField<{ id: string; t: number }>((x) => x.t),
      { id: 'A-1', t: T0 },
    );
    expect(appealListQuerySchema.parse({ cursor }).cursor).toBe(cursor);
    const { text, fields } = errorOf(appealListQuerySchema, { cursor, sort: 'registeredAt' });
    expect(fields).toEqual(['cursor']);
    expect(text).toBe('cursor: the cursor belongs to sort=-registeredAt; start again without it');
    // A cursor of a time sort carries a number: it cannot pass for a priority cursor either.
    expect(errorOf(appealListQuerySchema, { cursor, sort: '-priority' }).fields).toEqual(['cursor']);
  });

  it('rejects something that is not a query at all', () => {
    expect(appealListQuerySchema.safeParse('region=KZ-71').success).toBe(false);
    expect(appealListQuerySchema.safeParse(null).success).toBe(false);
  });
});

describe('incidentListQuerySchema', () => {
  it('defaults to the newest 100 and reads its own filters', () => {
    expect(incidentListQuerySchema.parse({})).toEqual({ sort: '-openedAt', limit: 100 });
    expect(
      incidentListQuerySchema.parse({
        region: ['KZ-75', 'KZ-71'],
        category: 'gas',
        severity: 'critical,minor',
        status: 'resolved,open',
        from: '2026-11-27T10:00:00+05:00',
        q: 'авария',
        sort: 'severity',
        limit: '20',
      }),
    ).toEqual({
      region: ['KZ-71', 'KZ-75'],
      category: ['gas'],
      severity: ['minor', 'critical'],
      status: ['open', 'resolved'],
      from: T0,
      q: 'авария',
      sort: 'severity',
      limit: 20,
    });
  });

  it.each<[RawQuery, string, RegExp]>([
    [{ overdue: 'true' }, 'overdue', /^overdue: unknown parameter \(expected region, category, severity, status,/],
    [{ incident: 'I-1' }, 'incident', /^incident: unknown parameter/],
    [{ severity: 'high' }, 'severity', /^severity: unknown severity high \(one of minor, major, critical\)$/],
    [{ status: 'registered' }, 'status', /^status: unknown status registered \(one of open, resolved\)$/],
    [{ sort: 'registeredAt' }, 'sort', /^sort: one of openedAt, updatedAt, severity, with a leading - for descending$/],
    [{ limit: '1000' }, 'limit', /^limit: at most 500$/],
    [{ from: 'yesterday' }, 'from', /^from: must be ISO-8601/],
    [{ cursor: 'eyJ9' }, 'cursor', /^cursor: not a cursor of this list$/],
  ])('rejects %j, naming the field', (raw, field, message) => {
    const { text, fields } = errorOf(incidentListQuerySchema, raw);
    expect(fields).toEqual([field]);
    expect(text).toMatch(message);
  });
});

describe('list cursors', () => {
  type Row = { id: string; t: number; p: string; r: string };
  const time = timeField<Row>((x) => x.t);
  const rank = rankField<Row>(PRIORITIES, (x) => x.p);
  const code = codeField<Row>((x) => x.r);
  const row: Row = { id: 'A-1', t: T0, p: 'high', r: 'KZ-71' };

  it('round-trips the sort value and id as URL-safe text', () => {
    for (const [sort, field, key] of [
      ['-registeredAt', time, T0],
      ['priority', rank, 2],
      ['region', code, 'KZ-71'],
    ] as const) {
      const cursor = encodeListCursor(sort, field, row);
      expect(cursor).toMatch(/^[\w-]+$/);
      expect(decodeListCursor(cursor, sort, field)).toEqual({ key, id: 'A-1' });
    }
    const kazakh = { ...row, id: 'өтініш/ә-1', r: 'Қ' };
    expect(decodeListCursor(encodeListCursor('region', code, kazakh), 'region', code)).toEqual({
      key: 'Қ',
      id: 'өтініш/ә-1',
    });
  });

  it.each<[string, string]>([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['padding', `${base64url('{"s":"x","k":1,"id":"a"}')}=`],
    ['not JSON', base64url('hello')],
    ['JSON null', base64url('null')],
    ['a JSON array', base64url('[1,2]')],
    ['no id', base64url('{"s":"-registeredAt","k":1}')],
    ['an empty id', base64url('{"s":"-registeredAt","k":1,"id":""}')],
    ['a string where a time belongs', base64url('{"s":"-registeredAt","k":"1","id":"a"}')],
    ['an infinite time', base64url('{"s":"-registeredAt","k":1e999,"id":"a"}')],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')],
    ['truncated', base64url('{"s":"-registeredAt","k":1,"id":"a"}').slice(0, 20)],
  ])('rejects a cursor that is %s', (_name, cursor) => {
    expect(() => decodeListCursor(cursor, '-registeredAt', time)).toThrow(InvalidCursorError);
  });

  it('rejects a rank outside the vocabulary and a cursor of another sort', () => {
    expect(() => decodeListCursor(base64url('{"s":"priority","k":7,"id":"a"}'), 'priority', rank)).toThrow(
      InvalidCursorError,
    );
    expect(() => decodeListCursor(base64url('{"s":"priority","k":1.5,"id":"a"}'), 'priority', rank)).toThrow(
      InvalidCursorError,
    );
    const cursor = encodeListCursor('priority', rank, row);
    expect(() => decodeListCursor(cursor, '-priority', rank)).toThrow(/belongs to sort=priority/);
  });
});

describe('selectPage', () => {
  type Row = { id: string; t: number };
  const field = timeField<Row>((x) => x.t);
  const rows: Row[] = [
    { id: 'b', t: 2 },
    { id: 'a', t: 2 },
    { id: 'c', t: 1 },
    { id: 'A-10', t: 3 },
    { id: 'A-9', t: 3 },
  ];
  const all = () => true;

  it('orders by value, then id (text order), both in the sort direction', () => {
    expect(selectPage(rows, all, 't', field, 10, undefined).items.map((r) => r.id)).toEqual([
      'c',
      'a',
      'b',
      'A-10',
      'A-9',
    ]);
    expect(selectPage(rows, all, '-t', field, 10, undefined).items.map((r) => r.id)).toEqual([
      'A-9',
      'A-10',
      'b',
      'a',
      'c',
    ]);
  });

  it('walks ties across page boundaries', () => {
    const first = selectPage(rows, all, 't', field, 2, undefined);
    expect(first.items.map((r) => r.id)).toEqual(['c', 'a']);
    const second = selectPage(rows, all, 't', field, 2, first.nextCursor as string);
    expect(second.items.map((r) => r.id)).toEqual(['b', 'A-10']);
    const third = selectPage(rows, all, 't', field, 2, second.nextCursor as string);
    expect(third).toEqual({ items: [{ id: 'A-9', t: 3 }], nextCursor: null, total: 5 });
  });

  it('counts every match, before and after the cursor', () => {
    const first = selectPage(rows, (r) => r.t > 1, 't', field, 1, undefined);
    expect(first.total).toBe(4);
    expect(selectPage(rows, (r) => r.t > 1, 't', field, 1, first.nextCursor as string).total).toBe(4);
  });

  it('matches a plain sort for random data, every limit', () => {
    const random = createRandom(5);
    const many = Array.from({ length: 300 }, (_, i) => ({
      id: `r${Math.floor(random() * 1000)}-${i}`,
      t: Math.floor(random() * 20),
    }));
    const sorted = [...many].sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : 1));
    for (const limit of [1, 2, 3, 7, 64, 299, 300, 301]) {
      const got: Row[] = [];
      let cursor: string | undefined;
      do {
        const page = selectPage(many, all, 't', field, limit, cursor);
        got.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        expect(got.length, 'paging does not end').toBeLessThanOrEqual(many.length);
      } while (cursor !== undefined);
      expect(got).toEqual(sorted);
    }
  });
});

describe('createTextMatcher', () => {
  it('ignores case in Russian, Kazakh and Latin, and takes the needle literally', () => {
    const has = (needle: string, text: string) => createTextMatcher(needle)([text]);
    expect(has('ӘҒҚҢӨҰҮҺІ', 'әғқңөұүһі')).toBe(true);
    expect(has('жарық', 'Көшеде ЖАРЫҚ жоқ')).toBe(true);
    expect(has('ASTANA', 'astana energy')).toBe(true);
    expect(has('a.b', 'axb')).toBe(false);
    expect(has('(1+1)*[2]{3}|$^\\/-?', 'x (1+1)*[2]{3}|$^\\/-? y')).toBe(true);
    expect(createTextMatcher('x')([undefined, 'y', 'X'])).toBe(true);
    expect(createTextMatcher('x')([undefined])).toBe(false);
  });
});

describe('canonical filter strings', () => {
  it('writes filters only, in a fixed order, with UTC instants', () => {
    const query = appealListQuerySchema.parse({
      status: 'registered,assigned',
      region: 'KZ-75,KZ-71',
      from: '2026-11-27T10:00:00+05:00',
      overdue: 'true',
      sort: 'priority',
      limit: '20',
    });
    expect(appealFilterString(query)).toBe(
      'region=KZ-71,KZ-75&status=registered,assigned&overdue=true&from=2026-11-27T05:00:00Z',
    );
    expect(appealFilterString(appealListQuerySchema.parse({}))).toBe('');
    const incidents = incidentListQuerySchema.parse({ status: 'open', severity: 'critical', q: 'газ' });
    expect(incidentFilterString(incidents)).toBe('severity=critical&status=open&q=газ');
  });

  it('keeps Cyrillic readable and encodes only what would break the line', () => {
    const query = appealListQuerySchema.parse({ q: 'Абая 12, кв. 5 & 50% #2 a=b +7\u202e' });
    expect(appealFilterString(query)).toBe('q=Абая 12%2C кв. 5 %26 50%25 %232 a%3Db %2B7%E2%80%AE');
  });

  it('is the same for two spellings of one query, and parses back to it', () => {
    const random = createRandom(8);
    for (let n = 0; n < 200; n += 1) {
      const raw: Record<string, string | string[]> = {};
      const regions = subset(random, REGION_CODES, 0.2);
      if (regions.length > 0) raw.region = regions;
      const statuses = subset(random, APPEAL_STATUSES, 0.3);
      if (statuses.length > 0) raw.status = statuses.reverse().join(',');
      if (random() < 0.3) raw.overdue = pick(random, ['true', 'false']);
      if (random() < 0.3) raw.to = new Date(T0 + Math.floor(random() * 1e6)).toISOString();
      if (random() < 0.5) raw.q = pick(random, ['нет, воды', 'a&b=c', '100%', '#1 + 2', 'Қ\tә', 'кв.\n5']);
      if (random() < 0.2) raw.incident = 'INC-3';
      const query = appealListQuerySchema.parse(raw);
      const line = appealFilterString(query);
      expect(line).not.toMatch(/[\r\n\t]/);
      const reparsed = appealListQuerySchema.parse(Object.fromEntries(new URLSearchParams(line)));
      const filtersOnly = ({ sort: _s, limit: _l, cursor: _c, ...rest }: AppealListQuery) => rest;
      expect(filtersOnly(reparsed)).toEqual(filtersOnly(query));
      expect(appealFilterString(reparsed)).toBe(line);
    }
  });
});
