import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES, REGION_CODES, SEVERITIES, type Incident, type RegionCode, type RegionScope } from '@shared';
import {
  INCIDENT_SORTS,
  incidentListQuerySchema,
  queryIncidents,
  type IncidentListQuery,
  type IncidentSort,
} from '../../../../shared/src/api/incidentQuery';
import { InvalidCursorError } from '../../../../shared/src/api/listQuery';
import { createRandom, HOUR, T0 } from '../factories';
import { generateIncidents, pick, subset } from './listFixtures';

type RawQuery = Record<string, string | string[]>;

const INCIDENTS = generateIncidents(1500, 4);
const ALL = { regions: 'all' as RegionScope };

const parse = (raw: RawQuery): IncidentListQuery => incidentListQuerySchema.parse(raw);
const ids = (incidents: readonly Incident[]) => incidents.map((i) => i.id);

function reference(incidents: readonly Incident[], q: IncidentListQuery, scope: RegionScope = 'all'): Incident[] {
  const matches = incidents.filter((i) => {
    if (scope !== 'all' && !scope.includes(i.region)) return false;
    if (q.region && !q.region.includes(i.region)) return false;
    if (q.category && !q.category.includes(i.category)) return false;
    if (q.severity && !q.severity.includes(i.severity)) return false;
    if (q.status && !q.status.includes(i.status)) return false;
    if (q.from !== undefined && i.openedAt < q.from) return false;
    if (q.to !== undefined && i.openedAt >= q.to) return false;
    if (q.q !== undefined) {
      const needle = q.q.toLowerCase();
      if (![i.id, i.title, i.note].some((t) => t?.toLowerCase().includes(needle))) return false;
    }
    return true;
  });
  return matches.sort(referenceCompare(q.sort));
}

function referenceCompare(sort: IncidentSort): (a: Incident, b: Incident) => number {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as 'openedAt' | 'updatedAt' | 'severity';
  const value = (i: Incident) => (key === 'severity' ? SEVERITIES.indexOf(i.severity) : i[key]);
  return (a, b) => {
    const c = value(a) - value(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return descending ? -c : c;
  };
}

function allPages(incidents: Iterable<Incident>, raw: RawQuery, options = ALL): Incident[] {
  const items: Incident[] = [];
  let cursor: string | null = null;
  for (let pages = 1; ; pages += 1) {
    const page = queryIncidents(incidents, parse(cursor === null ? raw : { ...raw, cursor }), options);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (cursor === null) break;
    expect(pages, 'paging does not end').toBeLessThan(5000);
  }
  return items;
}

describe('queryIncidents', () => {
  it.each<[string, RawQuery]>([
    ['no filter', {}],
    ['region', { region: 'KZ-71,KZ-75' }],
    ['category', { category: ['heating', 'electricity'] }],
    ['severity', { severity: 'critical' }],
    ['open', { status: 'open' }],
    ['resolved', { status: 'resolved' }],
    ['from/to', { from: '2026-11-26T00:00:00+05:00', to: '2026-11-27T00:00:00+05:00' }],
    ['q in the title, other case', { q: 'подтопление' }],
    ['q in Kazakh', { q: 'ЖАРЫҚ' }],
    ['q in the note', { q: 'БРИГАДА' }],
    ['q an id', { q: 'i-14' }],
  ])('filters by %s like the reference', (_name, raw) => {
    const expected = reference(INCIDENTS, parse(raw));
    expect(expected.length).toBeGreaterThan(0);
    const page = queryIncidents(INCIDENTS, parse({ ...raw, limit: '500' }), ALL);
    expect(page.total).toBe(expected.length);
    expect(ids(page.items)).toEqual(ids(expected.slice(0, 500)));
  });

  it.each(INCIDENT_SORTS.map((sort) => [sort]))('pages through sort=%s with limit 23: each once, in order', (sort) => {
    const raw = { sort, limit: '23', status: 'open' };
    const items = allPages(INCIDENTS, raw);
    expect(ids(items)).toEqual(ids(reference(INCIDENTS, parse(raw))));
    expect(new Set(ids(items)).size).toBe(items.length);
  });

  it('agrees with the reference on 200 random combinations within random scopes', { timeout: 60_000 }, () => {
    const random = createRandom(17);
    for (let n = 0; n < 200; n += 1) {
      const raw: RawQuery = { sort: pick(random, INCIDENT_SORTS), limit: '40' };
      const list = (key: string, values: readonly string[]) => {
        const chosen = random() < 0.4 ? subset(random, values, 0.4) : [];
        if (chosen.length > 0) raw[key] = chosen.join(',');
      };
      list('region', REGION_CODES);
      list('category', CATEGORY_CODES);
      list('severity', SEVERITIES);
      list('status', ['open', 'resolved']);
      if (random() < 0.3) raw.from = new Date(T0 - Math.floor(random() * 60) * HOUR).toISOString();
      if (random() < 0.2) raw.q = pick(random, ['авария', 'ЖӨНДЕУ', 'i-1', 'газ']);
      const scope: RegionScope = random() < 0.5 ? 'all' : subset(random, REGION_CODES, 0.3);
      const query = parse(raw);
      const expected = reference(INCIDENTS, query, scope);
      const page = queryIncidents(INCIDENTS, query, { regions: scope });
      expect(page.total).toBe(expected.length);
      expect(ids(page.items)).toEqual(ids(expected.slice(0, 40)));
    }
  });

  it('stays exact when incidents open between pages', () => {
    const live = new Map(INCIDENTS.slice(0, 300).map((i) => [i.id, i]));
    const arriving = generateIncidents(200, 9).map((i) => ({ ...i, id: `N-${i.id}` }));
    const compare = referenceCompare('-openedAt');
    const seen: Incident[] = [];
    let cursor: string | null = null;
    do {
      const page = queryIncidents(
        live.values(),
        parse(cursor === null ? { limit: '20' } : { limit: '20', cursor }),
        ALL,
      );
      seen.push(...page.items);
      for (const newcomer of arriving.splice(0, 15)) live.set(newcomer.id, newcomer);
      cursor = page.nextCursor;
      expect(seen.length, 'paging does not end').toBeLessThan(2000);
    } while (cursor !== null);
    for (let i = 1; i < seen.length; i += 1)
      expect(compare(seen[i - 1] as Incident, seen[i] as Incident)).toBeLessThan(0);
    const seenIds = new Set(ids(seen));
    for (const id of ids(INCIDENTS.slice(0, 300))) expect(seenIds.has(id)).toBe(true);
  });

  it('never returns or counts an incident outside the scope', () => {
    const scope: RegionCode[] = ['KZ-63'];
    const items = allPages(INCIDENTS, { limit: '10' }, { regions: scope });
    expect(items.length).toBe(INCIDENTS.filter((i) => i.region === 'KZ-63').length);
    expect(items.every((i) => i.region === 'KZ-63')).toBe(true);
    expect(queryIncidents(INCIDENTS, parse({ region: 'KZ-71' }), { regions: scope }).total).toBe(0);
    expect(queryIncidents(INCIDENTS, parse({}), { regions: [] }).total).toBe(0);
  });

  it('sorts severity minor < major < critical', () => {
    expect(queryIncidents(INCIDENTS, parse({ sort: 'severity', limit: '1' }), ALL).items[0]?.severity).toBe('minor');
    expect(queryIncidents(INCIDENTS, parse({ sort: '-severity', limit: '1' }), ALL).items[0]?.severity).toBe(
      'critical',
    );
  });

  it('rejects a garbled cursor and one of another sort', () => {
    const cursor = queryIncidents(INCIDENTS, parse({ limit: '2' }), ALL).nextCursor as string;
    expect(() => queryIncidents(INCIDENTS, { sort: 'openedAt', limit: 2, cursor }, ALL)).toThrow(InvalidCursorError);
    expect(() => queryIncidents(INCIDENTS, { sort: '-openedAt', limit: 2, cursor: 'x' }, ALL)).toThrow(
      InvalidCursorError,
    );
    expect(queryIncidents(INCIDENTS, { sort: '-openedAt', limit: 2, cursor }, ALL).items).toHaveLength(2);
  });
});
