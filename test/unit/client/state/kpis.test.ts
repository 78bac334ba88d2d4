import { describe, expect, it } from 'vitest';
import { applyEvent, computeStats, createProjection } from '@shared';
import { selectKpis } from '../../../../client/src/state/kpis';
import { createEventFactory, MINUTE, T0 } from '../../shared/factories';

describe('selectKpis', () => {
  it('is all unknown before the first stats', () => {
    expect(selectKpis(null)).toEqual({ open: null, overdue: null, registeredToday: null, medianResponseMs: null });
  });

  it('reads backlog, overdue, registered today and the 1 h median response', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('A-1', { at: T0 - 10 * MINUTE }));
    applyEvent(state, f.registered('A-2', { at: T0 - 10 * MINUTE }));
    applyEvent(state, f.assigned('A-1', { at: T0 - 4 * MINUTE }));
    const kpis = selectKpis(computeStats(state, T0));
    expect(kpis.open).toBe(2);
    expect(kpis.overdue).toBe(0);
    expect(kpis.registeredToday).toBe(2);
    expect(kpis.medianResponseMs).toBeGreaterThan(5 * MINUTE);
    expect(kpis.medianResponseMs).toBeLessThan(7 * MINUTE);
  });

  it('has no median when nothing was routed in the last hour', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('A-1', { at: T0 }));
    expect(selectKpis(computeStats(state, T0)).medianResponseMs).toBeNull();
  });
});
