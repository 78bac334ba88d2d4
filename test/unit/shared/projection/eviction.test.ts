import { describe, expect, it } from 'vitest';
import {
  DEDUP_WINDOW,
  MAX_RECENT_CLOSED_APPEALS,
  applyEvent,
  createProjection,
  evictFinished,
  type ProjectionState,
  type StreamEvent,
} from '@shared';
import { createEventFactory } from '../factories';

/** One event, then the store's after-batch eviction without an archive. */
function applyOne(state: ProjectionState, event: StreamEvent): void {
  applyEvent(state, event);
  evictFinished(state, { archivedThrough: null, maxFinished: MAX_RECENT_CLOSED_APPEALS });
}

describe('FIFO eviction', () => {
  it('evicts the oldest closed appeal, not one closed again since (it moved to the newest end)', () => {
    const f = createEventFactory();
    const state = createProjection();
    const applyEvent = applyOne;
    for (let i = 0; i < MAX_RECENT_CLOSED_APPEALS; i += 1) {
      applyEvent(state, f.registered(`c${i}`));
      applyEvent(state, f.statusChanged(`c${i}`, 'closed'));
    }
    // Evict a few first, so the eviction's iterator stands inside the list.
    for (let i = 0; i < 3; i += 1) {
      applyEvent(state, f.registered(`d${i}`));
      applyEvent(state, f.statusChanged(`d${i}`, 'closed'));
    }
    expect(state.appeals.has('c2')).toBe(false);
    applyEvent(state, f.statusChanged('c3', 'rejected'));
    applyEvent(state, f.registered('e'));
    applyEvent(state, f.statusChanged('e', 'closed'));
    expect(state.appeals.has('c3')).toBe(true);
    expect(state.appeals.has('c4')).toBe(false);
    expect(state.appeals.has('c5')).toBe(true);
    expect([...state.closedAppeals.keys()].slice(-2)).toEqual(['c3', 'e']);
    expect(state.closedAppeals.size).toBe(MAX_RECENT_CLOSED_APPEALS);
  });

  it('keeps the de-dup window exactly the newest DEDUP_WINDOW ids over several times its length', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('a'));
    const total = DEDUP_WINDOW * 3 + 7;
    for (let i = 0; i < total; i += 1) applyEvent(state, f.assigned('a', { id: `x${i}` }));
    expect(state.seen.size).toBe(DEDUP_WINDOW);
    expect(state.seen.keys().next().value).toBe(`x${total - DEDUP_WINDOW}`);
    expect(state.seen.has(`x${total - DEDUP_WINDOW - 1}`)).toBe(false);
  });
});
