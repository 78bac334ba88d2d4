import { applyEvent, computeStats, createProjection, REGIONS, type StreamEvent } from '@shared';
import { describe, expect, it } from 'vitest';
import { computeShapeKpis, kpiValue, shapeKpisOf } from '../../../../../client/src/features/map/mapKpis';
import { createEventFactory, HOUR, MINUTE, T0 } from '../../../shared/factories';
import { FIXTURE_SHAPES } from './layerFixture';

const population = (code: string) => REGIONS.find((r) => r.code === code)?.population ?? 0;

function stateOf(events: StreamEvent[]) {
  const state = createProjection();
  for (const event of events) applyEvent(state, event);
  return state;
}

/** East Kazakhstan 2 open (1 overdue), Abai 1 open, Almaty 1 open; responses in the last hour. */
function events(): StreamEvent[] {
  const f = createEventFactory();
  return [
    f.registered('A-1', { region: 'KZ-63', at: T0 - 30 * HOUR, category: 'gas' }),
    f.registered('A-2', { region: 'KZ-63', at: T0 - 50 * MINUTE }),
    f.assigned('A-2', { region: 'KZ-63', at: T0 - 40 * MINUTE }),
    f.registered('A-3', { region: 'KZ-10', at: T0 - 50 * MINUTE }),
    f.registered('A-4', { region: 'KZ-10', at: T0 - 50 * MINUTE }),
    f.assigned('A-3', { region: 'KZ-10', at: T0 - 20 * MINUTE }),
    f.assigned('A-4', { region: 'KZ-10', at: T0 - 20 * MINUTE }),
    f.statusChanged('A-4', 'closed', { region: 'KZ-10', at: T0 - 10 * MINUTE }),
    f.registered('A-5', { region: 'KZ-75', at: T0 - 5 * MINUTE }),
  ];
}

describe('computeShapeKpis', () => {
  const stats = computeStats(stateOf(events()), T0);
  const kpis = computeShapeKpis(FIXTURE_SHAPES, stats);

  it('sums a shape over the regions it includes', () => {
    const east = kpis.get('KZ-63');
    expect(east?.regions).toEqual(['KZ-63', 'KZ-10']);
    expect(east?.open).toBe(3);
    expect(east?.overdue).toBe(1);
    expect(east?.overdueShare).toBeCloseTo(1 / 3);
    // Backlog over the shape's own population (East Kazakhstan + Abai).
    expect(east?.loadPer100k).toBeCloseTo((3 / 1_330_000) * 100_000);
  });

  it('weights the medians of the included regions by their response counts', () => {
    const east = kpis.get('KZ-63');
    // KZ-63: one response of 10 min; KZ-10: two of 30 min → (10 + 2·30) / 3 ≈ 23.3 min.
    const own = stats.regions['KZ-63']?.windows['1h'].response;
    const abai = stats.regions['KZ-10']?.windows['1h'].response;
    expect(own?.count).toBe(1);
    expect(abai?.count).toBe(2);
    const expected = ((own?.p50 ?? 0) * 1 + (abai?.p50 ?? 0) * 2) / 3;
    expect(east?.responses).toBe(3);
    expect(east?.medianResponseMs).toBeCloseTo(expected);
    expect(east?.medianResponseMs).toBeGreaterThan(15 * MINUTE);
    expect(east?.medianResponseMs).toBeLessThan(30 * MINUTE);
  });

  it('has figures of zero, not unknown, for a quiet region in scope', () => {
    const astana = kpis.get('KZ-71');
    expect(astana).toMatchObject({ open: 0, overdue: 0, overdueShare: 0, loadPer100k: 0, medianResponseMs: null });
    expect(kpiValue(astana, 'medianResponse')).toBeNull();
    expect(kpiValue(astana, 'overdueShare')).toBe(0);
  });

  it('has no figures before the first stats', () => {
    const none = computeShapeKpis(FIXTURE_SHAPES, null).get('KZ-63');
    expect(none).toMatchObject({ regions: [], open: 0, loadPer100k: null, overdueShare: null });
    expect(kpiValue(none, 'load')).toBeNull();
    expect(kpiValue(undefined, 'load')).toBeNull();
  });

  it('uses only the covered regions, and their own population, for a regional user', () => {
    const scoped = computeStats(stateOf(events()), T0, ['KZ-10']);
    const east = shapeKpisOf(FIXTURE_SHAPES[0] as (typeof FIXTURE_SHAPES)[number], scoped);
    expect(east.regions).toEqual(['KZ-10']);
    expect(east.open).toBe(1);
    expect(east.loadPer100k).toBeCloseTo((1 / population('KZ-10')) * 100_000);
    // Outside the scope: no figures at all.
    expect(computeShapeKpis(FIXTURE_SHAPES, scoped).get('KZ-75')?.regions).toEqual([]);
  });
});
