import { describe, expect, it } from 'vitest';
import {
  APPEAL_STATUSES,
  CATEGORY_CODES,
  CHANNELS,
  PRIORITIES,
  REGION_CODES,
  type Appeal,
  type RegionCode,
  type RegionScope,
} from '@shared';
import {
  APPEAL_SORTS,
  appealListQuerySchema,
  queryAppeals,
  type AppealListQuery,
  type AppealSort,
} from '../../../../shared/src/api/appealQuery';
import { InvalidCursorError, MAX_LIST_LIMIT } from '../../../../shared/src/api/listQuery';
import { createRandom, HOUR, MINUTE, T0 } from '../factories';
import { CITIZEN_NAME_WORD, CITIZEN_PHONE, generateAppeals, pick, subset } from './listFixtures';

type RawQuery = Record<string, string | string[]>;

const NOW = T0;
const ALL: { now: number; regions: RegionScope } = { now: NOW, regions: 'all' };
const APPEALS = generateAppeals(3000, 11);

function parse(raw: RawQuery): AppealListQuery {
  return appealListQuerySchema.parse(raw);
}

// ─── The reference: obvious code, written independently of the module ────────────────────

const TERMINAL = ['resolved', 'closed', 'rejected'];
const RANKS: Record<string, readonly string[]> = { priority: PRIORITIES, status: APPEAL_STATUSES };

function referenceFilter(appeals: readonly Appeal[], q: AppealListQuery, scope: RegionScope, now = NOW): Appeal[] {
  return appeals.filter((a) => {
    if (scope !== 'all' && !scope.includes(a.region)) return false;
    if (q.region && !q.region.includes(a.region)) return false;
    if (q.category && !q.category.includes(a.category)) return false;
    if (q.status && !q.status.includes(a.status)) return false;
    if (q.priority && !q.priority.includes(a.priority)) return false;
    if (q.channel && !q.channel.includes(a.channel)) return false;
    if (q.overdue !== undefined && (!TERMINAL.includes(a.status) && now > a.dueAt) !== q.overdue) return false;
    if (q.legalOverdue !== undefined && (!TERMINAL.includes(a.status) && now > a.legalDueAt) !== q.legalOverdue)
      return false;
    if (q.from !== undefined && a.registeredAt < q.from) return false;
    if (q.to !== undefined && a.registeredAt >= q.to) return false;
    if (q.incident !== undefined && a.incidentId !== q.incident) return false;
    if (q.q !== undefined) {
      const needle = q.q.toLowerCase();
      const texts = [a.id, a.description, a.location.address, a.location.district, a.service, a.assignee];
      if (!texts.some((t) => t?.toLowerCase().includes(needle))) return false;
    }
    return true;
  });
}

function sortValue(a: Appeal, key: string): number | string {
  if (key === 'confirmationSince') {
    const isFinished = a.status === 'resolved' || a.status === 'closed';
    return isFinished ? (a.resolvedAt ?? a.closedAt ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
  }
  const ranks = RANKS[key];
  const value = a[key as keyof Appeal] as number | string;
  return ranks ? ranks.indexOf(value as string) : value;
}

function referenceCompare(sort: AppealSort): (a: Appeal, b: Appeal) => number {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  return (a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    const c = va < vb ? -1 : va > vb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return descending ? -c : c;
  };
}

function reference(appeals: readonly Appeal[], q: AppealListQuery, scope: RegionScope = 'all'): Appeal[] {
  return referenceFilter(appeals, q, scope).sort(referenceCompare(q.sort));
}

/** Every page, following nextCursor to the end. */
function allPages(appeals: Iterable<Appeal>, raw: RawQuery, options = ALL): { items: Appeal[]; pages: number } {
  const items: Appeal[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = queryAppeals(appeals, parse(cursor === null ? raw : { ...raw, cursor }), options);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
    expect(pages, 'paging does not end').toBeLessThan(10_000);
  } while (cursor !== null);
  return { items, pages };
}

const ids = (appeals: readonly Appeal[]): string[] => appeals.map((a) => a.id);

// ─── Filters ──────────────────────────────────────────────────────────────────────────────

describe('queryAppeals filters, each against the reference', () => {
  const cases: [string, RawQuery][] = [
    ['no filter', {}],
    ['one region', { region: 'KZ-71' }],
    ['regions, comma-separated', { region: 'KZ-71,KZ-75,KZ-79' }],
    ['regions, repeated keys', { region: ['KZ-71', 'KZ-11'] }],
    ['category', { category: 'heating,gas' }],
    ['status', { status: ['registered', 'reopened'] }],
    ['priority', { priority: 'emergency' }],
    ['channel', { channel: 'telegram,walk_in' }],
    ['overdue', { overdue: 'true' }],
    ['not overdue', { overdue: 'false' }],
    ['from', { from: '2026-11-26T10:00:00+05:00' }],
    ['to', { to: '2026-11-25T00:00:00Z' }],
    ['from and to', { from: '2026-11-25T12:00:00+05:00', to: '2026-11-26T12:00:00+05:00' }],
    ['q in the description, other case', { q: 'ОТОПЛЕНИЯ' }],
    ['q in Kazakh, upper case', { q: 'ЖАРЫҚ ЖОҚ' }],
    ['q in the address', { q: 'кенесары' }],
    ['q in the district', { q: 'алматы ауданы' }],
    ['q in the service', { q: 'astana energy' }],
    ['q in the assignee', { q: 'айгерім' }],
    ['q an id', { q: 'a-12' }],
    ['incident', { incident: 'INC-3' }],
    [
      'everything at once',
      { region: 'KZ-71,KZ-75,KZ-11,KZ-19', status: 'registered,assigned,in_progress', overdue: 'true' },
    ],
  ];
  it.each(cases)('%s', (_name, raw) => {
    const query = parse({ ...raw, limit: '500' });
    const expected = reference(APPEALS, query);
    const page = queryAppeals(APPEALS, query, ALL);
    expect(page.total).toBe(expected.length);
    expect(ids(page.items)).toEqual(ids(expected.slice(0, 500)));
    expect(ids(allPages(APPEALS, { ...raw, limit: '250' }).items)).toEqual(ids(expected));
  });

  it('finds something for every case (the data set exercises each filter)', () => {
    for (const [, raw] of cases) expect(reference(APPEALS, parse(raw)).length).toBeGreaterThan(0);
    expect(reference(APPEALS, parse({ overdue: 'true' })).length).toBeLessThan(APPEALS.length);
  });

  it('agrees with the reference on 300 random combinations', { timeout: 60_000 }, () => {
    const random = createRandom(99);
    for (let n = 0; n < 300; n += 1) {
      const raw: RawQuery = {};
      const maybeList = (key: string, values: readonly string[], chance: number) => {
        if (random() < 0.4) {
          const chosen = subset(random, values, chance);
          if (chosen.length > 0) raw[key] = random() < 0.5 ? chosen.join(',') : chosen;
        }
      };
      maybeList('region', REGION_CODES, 0.3);
      maybeList('category', CATEGORY_CODES, 0.3);
      maybeList('status', APPEAL_STATUSES, 0.5);
      maybeList('priority', PRIORITIES, 0.5);
      maybeList('channel', CHANNELS, 0.5);
      if (random() < 0.3) raw.overdue = random() < 0.5 ? 'true' : 'false';
      if (random() < 0.3) raw.from = new Date(T0 - Math.floor(random() * 72) * HOUR).toISOString();
      if (random() < 0.3) raw.to = new Date(T0 - Math.floor(random() * 24) * HOUR + MINUTE).toISOString();
      if (raw.from && raw.to && Date.parse(raw.to as string) <= Date.parse(raw.from as string)) delete raw.to;
      if (random() < 0.2) raw.q = pick(random, ['нет', 'ЖОҚ', 'ул.', 'a-1', 'Astana', 'лифт', 'ерлан']);
      if (random() < 0.1) raw.incident = `INC-${Math.floor(random() * 5)}`;
      raw.sort = pick(random, APPEAL_SORTS);
      const scope: RegionScope = random() < 0.5 ? 'all' : subset(random, REGION_CODES, 0.4);
      const query = parse({ ...raw, limit: '50' });
      const expected = reference(APPEALS, query, scope);
      const page = queryAppeals(APPEALS, query, { now: NOW, regions: scope });
      expect(page.total, JSON.stringify({ raw, scope })).toBe(expected.length);
      expect(ids(page.items), JSON.stringify({ raw, scope })).toEqual(ids(expected.slice(0, 50)));
      expect(page.nextCursor === null).toBe(expected.length <= 50);
    }
  });

  it('never searches the citizen name or phone', () => {
    expect(APPEALS.filter((a) => a.citizen?.name?.includes(CITIZEN_NAME_WORD)).length).toBeGreaterThan(1000);
    for (const q of [CITIZEN_NAME_WORD, CITIZEN_NAME_WORD.toLowerCase(), CITIZEN_PHONE, '7015550199', '0199']) {
      expect(queryAppeals(APPEALS, parse({ q }), ALL).total).toBe(0);
    }
  });

  it('computes overdue from the one definition: open and past dueAt at `now`', () => {
    const base = generateAppeals(1, 5)[0] as Appeal;
    const at = (status: Appeal['status'], dueAt: number): Appeal => ({
      ...base,
      id: `${status}-${dueAt}`,
      status,
      dueAt,
    });
    const appeals = [
      at('registered', NOW - 1),
      at('registered', NOW),
      at('in_progress', NOW - HOUR),
      at('reopened', NOW - HOUR),
      at('resolved', NOW - HOUR),
      at('closed', NOW - HOUR),
      at('rejected', NOW - HOUR),
    ];
    expect(ids(queryAppeals(appeals, parse({ overdue: 'true', sort: 'status' }), ALL).items)).toEqual([
      `registered-${NOW - 1}`,
      `in_progress-${NOW - HOUR}`,
      `reopened-${NOW - HOUR}`,
    ]);
    expect(queryAppeals(appeals, parse({ overdue: 'false' }), ALL).total).toBe(4);
    // The clock is a parameter: an hour later the one due now is overdue too.
    expect(queryAppeals(appeals, parse({ overdue: 'true' }), { now: NOW + HOUR, regions: 'all' }).total).toBe(4);
  });

  it('treats from as inclusive and to as exclusive', () => {
    const base = generateAppeals(1, 5)[0] as Appeal;
    const appeals = [0, 1, 2].map((n) => ({ ...base, id: `T-${n}`, registeredAt: T0 + n * MINUTE }));
    const q = parse({ from: new Date(T0).toISOString(), to: new Date(T0 + 2 * MINUTE).toISOString() });
    expect(ids(queryAppeals(appeals, q, ALL).items)).toEqual(['T-1', 'T-0']);
  });
});

// ─── Sorting and paging ───────────────────────────────────────────────────────────────────

describe('queryAppeals sorting and keyset paging', () => {
  it.each(APPEAL_SORTS.map((sort) => [sort]))('sorts by %s, ties by id', (sort) => {
    const query = parse({ sort, limit: '500' });
    const expected = reference(APPEALS, query);
    expect(ids(queryAppeals(APPEALS, query, ALL).items)).toEqual(ids(expected.slice(0, 500)));
  });

  it.each(APPEAL_SORTS.map((sort) => [sort]))('pages through %s with a small limit: every item once', (sort) => {
    const raw = { sort, limit: '37', region: 'KZ-71,KZ-75,KZ-11,KZ-63,KZ-79,KZ-19' };
    const expected = reference(APPEALS, parse(raw));
    const { items, pages } = allPages(APPEALS, raw);
    expect(ids(items)).toEqual(ids(expected));
    expect(new Set(ids(items)).size).toBe(items.length);
    expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 37)));
  });

  it('pages with limit 1 and with the largest limit', () => {
    const some = APPEALS.slice(0, 120);
    expect(ids(allPages(some, { limit: '1', sort: 'priority' }).items)).toEqual(
      ids(reference(some, parse({ sort: 'priority' }))),
    );
    const { items, pages } = allPages(APPEALS, { limit: '500' });
    expect(pages).toBe(6);
    expect(ids(items)).toEqual(ids(reference(APPEALS, parse({}))));
  });

  it('returns every match at once for an unlimited export', () => {
    const query = { ...parse({ sort: 'dueAt', status: 'registered,assigned' }), limit: Number.POSITIVE_INFINITY };
    const page = queryAppeals(APPEALS, query, ALL);
    expect(ids(page.items)).toEqual(ids(reference(APPEALS, query)));
    expect(page.items.length).toBeGreaterThan(MAX_LIST_LIMIT);
    expect(page.nextCursor).toBeNull();
  });

  it('sorts priority by severity, not alphabetically', () => {
    const items = queryAppeals(APPEALS, parse({ sort: 'priority', limit: '500' }), ALL).items;
    expect(items[0]?.priority).toBe('low');
    const last = queryAppeals(APPEALS, parse({ sort: '-priority', limit: '1' }), ALL).items[0];
    expect(last?.priority).toBe('emergency');
  });

  it('has no next cursor on the last page, also when it is exactly full', () => {
    const some = APPEALS.slice(0, 40);
    const first = queryAppeals(some, parse({ limit: '20' }), ALL);
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).not.toBeNull();
    const second = queryAppeals(some, parse({ limit: '20', cursor: first.nextCursor as string }), ALL);
    expect(second.items).toHaveLength(20);
    expect(second.nextCursor).toBeNull();
    expect(second.total).toBe(40);
    expect(queryAppeals([], parse({}), ALL)).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it.each([['-registeredAt'], ['registeredAt'], ['priority'], ['-updatedAt'], ['region']] as [AppealSort][])(
    'stays exact when appeals arrive between pages (%s)',
    (sort) => {
      const live = new Map(generateAppeals(800, 21).map((a) => [a.id, a]));
      const originals = [...live.keys()];
      // Newcomers share minutes, priorities and regions with the originals (ties on both sides).
      const arriving = generateAppeals(400, 22, 'N-');
      const compare = referenceCompare(sort);
      const seen: Appeal[] = [];
      const shouldAppear = new Set<string>();
      let cursor: string | null = null;
      do {
        const query = parse(cursor === null ? { sort, limit: '45' } : { sort, limit: '45', cursor });
        const page = queryAppeals(live.values(), query, ALL);
        seen.push(...page.items);
        const last = page.items[page.items.length - 1] as Appeal;
        for (const newcomer of arriving.splice(0, 25)) {
          live.set(newcomer.id, newcomer);
          // Keyset semantics: a newcomer after the cursor shows up later, one before never does.
          if (page.nextCursor !== null && compare(newcomer, last) > 0) shouldAppear.add(newcomer.id);
        }
        cursor = page.nextCursor;
        expect(seen.length, 'paging does not end').toBeLessThan(5000);
      } while (cursor !== null);
      for (let i = 1; i < seen.length; i += 1)
        expect(compare(seen[i - 1] as Appeal, seen[i] as Appeal)).toBeLessThan(0);
      const seenIds = new Set(ids(seen));
      expect(seenIds.size).toBe(seen.length);
      for (const id of originals) expect(seenIds.has(id)).toBe(true);
      const newcomersSeen = ids(seen).filter((id) => id.startsWith('N-'));
      expect(newcomersSeen.length).toBeGreaterThan(0);
      for (const id of newcomersSeen) expect(shouldAppear.has(id)).toBe(true);
    },
  );

  it('continues after a cursor whose item was removed', () => {
    const list = reference(APPEALS, parse({}));
    const first = queryAppeals(APPEALS, parse({ limit: '10' }), ALL);
    const without = APPEALS.filter((a) => a.id !== first.items[9]?.id);
    const second = queryAppeals(without, parse({ limit: '10', cursor: first.nextCursor as string }), ALL);
    expect(ids(second.items)).toEqual(ids(list.slice(10, 20)));
  });

  it('rejects a cursor it did not hand out, or one of another sort', () => {
    const page = queryAppeals(APPEALS, parse({ limit: '5' }), ALL);
    const cursor = page.nextCursor as string;
    const bad = (query: AppealListQuery) => () => queryAppeals(APPEALS, query, ALL);
    // Built by hand, as a caller that skips the schema would.
    const byHand = (q: Partial<AppealListQuery>): AppealListQuery => ({ sort: '-registeredAt', limit: 5, ...q });
    for (const garbage of ['nope!', 'eyJ', `${cursor}x`, cursor.slice(0, -3), '____']) {
      expect(bad(byHand({ cursor: garbage }))).toThrow(InvalidCursorError);
    }
    expect(bad(byHand({ cursor, sort: 'registeredAt' }))).toThrow(/belongs to sort=-registeredAt/);
    try {
      queryAppeals(APPEALS, byHand({ cursor: 'nope!' }), ALL);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidCursorError);
      expect((error as InvalidCursorError).field).toBe('cursor');
      expect((error as InvalidCursorError).code).toBe('invalid_cursor');
    }
  });
});

// ─── Scope ────────────────────────────────────────────────────────────────────────────────

describe('queryAppeals scope', () => {
  const scope: RegionCode[] = ['KZ-71', 'KZ-75'];
  const inScope = (a: Appeal) => scope.includes(a.region);

  it('returns and counts nothing outside the caller’s regions', () => {
    const { items } = allPages(APPEALS, { limit: '100' }, { now: NOW, regions: scope });
    expect(items.length).toBe(APPEALS.filter(inScope).length);
    expect(items.every(inScope)).toBe(true);
    expect(queryAppeals(APPEALS, parse({}), { now: NOW, regions: scope }).total).toBe(items.length);
  });

  it('intersects the region filter with the scope', () => {
    const options = { now: NOW, regions: scope };
    expect(queryAppeals(APPEALS, parse({ region: 'KZ-11' }), options).total).toBe(0);
    const both = queryAppeals(APPEALS, parse({ region: 'KZ-71,KZ-11', limit: '500' }), options);
    expect(both.total).toBe(APPEALS.filter((a) => a.region === 'KZ-71').length);
    expect(both.items.every((a) => a.region === 'KZ-71')).toBe(true);
  });

  it('finds nothing out of scope by id, text or incident', () => {
    const outside = APPEALS.find((a) => !inScope(a) && a.incidentId !== undefined) as Appeal;
    const options = { now: NOW, regions: scope };
    expect(queryAppeals(APPEALS, parse({ q: outside.id }), ALL).total).toBeGreaterThan(0);
    expect(queryAppeals(APPEALS, parse({ q: outside.id, region: outside.region }), options).total).toBe(0);
    const linked = APPEALS.filter((a) => a.incidentId === outside.incidentId && inScope(a)).length;
    expect(queryAppeals(APPEALS, parse({ incident: outside.incidentId as string }), options).total).toBe(linked);
  });

  it('an empty scope sees nothing', () => {
    expect(queryAppeals(APPEALS, parse({}), { now: NOW, regions: [] })).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
  });

  it('keeps paging inside the scope', () => {
    const options = { now: NOW, regions: ['KZ-19'] as RegionCode[] };
    const { items } = allPages(APPEALS, { limit: '7', sort: 'dueAt' }, options);
    expect(ids(items)).toEqual(ids(reference(APPEALS, parse({ sort: 'dueAt' }), ['KZ-19'])));
  });
});

describe('queryAppeals at scale', () => {
  // Speed is measured by the benchmarks, never asserted here: this checks correctness at size.
  it('answers correctly over 100,000 appeals', { timeout: 60_000 }, () => {
    const many = generateAppeals(100_000, 3);
    const byId = new Map(many.map((a) => [a.id, a]));
    const query = parse({ status: 'registered,assigned,in_progress,reopened', sort: '-priority', limit: '100' });
    const page = queryAppeals(byId.values(), query, ALL);
    const expected = reference(many, query);
    expect(page.total).toBe(expected.length);
    expect(ids(page.items)).toEqual(ids(expected.slice(0, 100)));
  });
});
