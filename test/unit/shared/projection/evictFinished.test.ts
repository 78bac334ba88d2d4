import { describe, expect, it } from 'vitest';
import {
  MAX_RECENT_CLOSED_APPEALS,
  MAX_RECENT_RESOLVED_INCIDENTS,
  applyEvent,
  createProjection,
  evictFinished,
  type ProjectionState,
  type StreamEvent,
} from '@shared';
import { createEventFactory } from '../factories';

const NO_ARCHIVE = {
  archivedThrough: null,
  maxFinished: MAX_RECENT_CLOSED_APPEALS,
  maxResolvedIncidents: MAX_RECENT_RESOLVED_INCIDENTS,
} as const;

/** Applies one event, then evicts as the server's store does after a batch. */
function applyThenEvict(state: ProjectionState, event: StreamEvent, archivedThrough: string | null = null): void {
  applyEvent(state, event);
  evictFinished(state, { ...NO_ARCHIVE, archivedThrough });
}

describe('evictFinished without an archive (a bound by count, as before the archive)', () => {
  it(`keeps at most MAX_RECENT_CLOSED_APPEALS (${MAX_RECENT_CLOSED_APPEALS}) finished appeals, oldest evicted first`, () => {
    const f = createEventFactory();
    const state = createProjection();
    applyThenEvict(state, f.registered('open-1'));
    const extra = 3;
    for (let i = 0; i < MAX_RECENT_CLOSED_APPEALS + extra; i += 1) {
      applyThenEvict(state, f.registered(`a${i}`));
      applyThenEvict(state, f.statusChanged(`a${i}`, i % 2 === 0 ? 'closed' : 'rejected'));
    }
    expect(state.closedAppeals.size).toBe(MAX_RECENT_CLOSED_APPEALS);
    expect(state.appeals.size).toBe(MAX_RECENT_CLOSED_APPEALS + 1);
    for (let i = 0; i < extra; i += 1) expect(state.appeals.has(`a${i}`)).toBe(false);
    expect(state.appeals.has(`a${extra}`)).toBe(true);
    expect(state.appeals.has('open-1')).toBe(true);
    expect([...state.closedAppeals.keys()][0]).toBe(`a${extra}`);
    // A later event for an evicted appeal is ignored, not a crash.
    expect(applyEvent(state, f.statusChanged('a0', 'reopened')).kind).toBe('ignored');
  });

  it('evicts by the order appeals finished, not registered (a reclosed appeal moves to the back)', () => {
    const f = createEventFactory();
    const state = createProjection();
    for (let i = 0; i < MAX_RECENT_CLOSED_APPEALS; i += 1) {
      applyEvent(state, f.registered(`a${i}`));
      applyEvent(state, f.statusChanged(`a${i}`, 'closed'));
    }
    applyEvent(state, f.statusChanged('a0', 'reopened'));
    applyEvent(state, f.statusChanged('a0', 'closed'));
    applyEvent(state, f.registered('new'));
    applyEvent(state, f.statusChanged('new', 'closed'));
    expect(evictFinished(state, NO_ARCHIVE)).toBe(1);
    expect(state.appeals.has('a0')).toBe(true);
    expect(state.appeals.has('a1')).toBe(false);
    expect(state.closedAppeals.size).toBe(MAX_RECENT_CLOSED_APPEALS);
  });

  it('keeps memory bounded for appeals that end as resolved and are never closed', () => {
    const f = createEventFactory();
    const state = createProjection();
    for (let i = 0; i < MAX_RECENT_CLOSED_APPEALS + 10; i += 1) {
      applyEvent(state, f.registered(`a${i}`));
      applyEvent(state, f.statusChanged(`a${i}`, 'resolved'));
    }
    evictFinished(state, NO_ARCHIVE);
    expect(state.appeals.size).toBe(MAX_RECENT_CLOSED_APPEALS);
  });

  it('never evicts one `keep` holds: the oldest others go instead', () => {
    const f = createEventFactory();
    const state = createProjection();
    for (let i = 0; i < 10; i += 1) {
      applyEvent(state, f.registered(`a${i}`));
      applyEvent(state, f.statusChanged(`a${i}`, 'resolved'));
    }
    expect(evictFinished(state, { archivedThrough: null, maxFinished: 5, keep: (a) => a.id === 'a0' })).toBe(5);
    expect([...state.appeals.keys()].sort()).toEqual(['a0', 'a6', 'a7', 'a8', 'a9']);
  });

  it(`keeps at most maxResolvedIncidents (${MAX_RECENT_RESOLVED_INCIDENTS}) resolved incidents, oldest evicted first`, () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.incidentOpened('still-open'));
    for (let i = 0; i <= MAX_RECENT_RESOLVED_INCIDENTS; i += 1) {
      applyEvent(state, f.incidentOpened(`i${i}`));
      applyEvent(state, f.incidentResolved(`i${i}`));
    }
    evictFinished(state, NO_ARCHIVE);
    expect(state.resolvedIncidents.size).toBe(MAX_RECENT_RESOLVED_INCIDENTS);
    expect(state.incidents.has('i0')).toBe(false);
    expect(state.incidents.has('i1')).toBe(true);
    expect(state.incidents.has('still-open')).toBe(true);
    expect(state.incidents.size).toBe(MAX_RECENT_RESOLVED_INCIDENTS + 1);
  });
});

describe('evictFinished with an archive (only what the archive holds goes)', () => {
  it('evicts every finished appeal whose newest event is archived, and only those', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('open'));
    applyEvent(state, f.registered('done'));
    applyEvent(state, f.statusChanged('done', 'closed'));
    const archived = state.cursor;
    applyEvent(state, f.registered('late'));
    applyEvent(state, f.statusChanged('late', 'rejected'));
    // Finished before the cursor, touched after it: its newest event is not archived yet.
    applyEvent(state, f.registered('touched'));
    applyEvent(state, f.statusChanged('touched', 'resolved'));
    expect(evictFinished(state, { ...NO_ARCHIVE, archivedThrough: archived })).toBe(1);
    expect([...state.appeals.keys()].sort()).toEqual(['late', 'open', 'touched']);
    expect([...state.closedAppeals.keys()]).toEqual(['late', 'touched']);
    expect(evictFinished(state, { ...NO_ARCHIVE, archivedThrough: state.cursor })).toBe(2);
    expect([...state.appeals.keys()]).toEqual(['open']);
    expect(state.closedAppeals.size).toBe(0);
  });

  it('keeps un-archived finished appeals beyond maxFinished (the archive is behind: nothing else holds them)', () => {
    const f = createEventFactory();
    const state = createProjection();
    for (let i = 0; i < 50; i += 1) {
      applyEvent(state, f.registered(`a${i}`));
      applyEvent(state, f.statusChanged(`a${i}`, 'closed'));
    }
    expect(evictFinished(state, { archivedThrough: '0-0', maxFinished: 10 })).toBe(0);
    expect(state.appeals.size).toBe(50);
  });

  it('never evicts one `keep` holds (awaiting the citizen, say), though archived', () => {
    const f = createEventFactory();
    const state = createProjection();
    for (const id of ['a', 'b']) {
      applyEvent(state, f.registered(id));
      applyEvent(state, f.statusChanged(id, 'resolved'));
    }
    const keep = (appeal: { id: string }): boolean => appeal.id === 'b';
    expect(evictFinished(state, { ...NO_ARCHIVE, archivedThrough: state.cursor, keep })).toBe(1);
    expect([...state.appeals.keys()]).toEqual(['b']);
    expect(state.closedAppeals.has('b')).toBe(true);
    // Once `keep` lets go, the next call evicts it.
    expect(evictFinished(state, { ...NO_ARCHIVE, archivedThrough: state.cursor })).toBe(1);
    expect(state.appeals.size).toBe(0);
  });

  it('evicts resolved incidents beyond the bound only once archived, never open ones', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.incidentOpened('open'));
    for (const id of ['done', 'later', 'newest']) {
      applyEvent(state, f.incidentOpened(id));
      applyEvent(state, f.incidentResolved(id));
      if (id === 'done') applyEvent(state, f.registered('marker'));
    }
    const archivedThrough = state.incidents.get('done')?.streamIds.at(-1) ?? '';
    evictFinished(state, { archivedThrough, maxFinished: 0, maxResolvedIncidents: 1 });
    // 'done' is archived and beyond the bound; 'later' is beyond it too but not archived yet.
    expect([...state.incidents.keys()].sort()).toEqual(['later', 'newest', 'open']);
  });

  it('holds the heap to the open appeals plus the archive lag, whatever the number finished', () => {
    const f = createEventFactory();
    const state = createProjection();
    const lag: string[] = [];
    let peak = 0;
    for (let i = 0; i < 30_000; i += 1) {
      applyEvent(state, f.registered(`a${i}`));
      if (i >= 5) applyEvent(state, f.statusChanged(`a${i - 5}`, 'closed'));
      // The archive trails the stream by 20 entries.
      lag.push(state.cursor);
      const archivedThrough = lag.length > 20 ? (lag.shift() as string) : '0-0';
      if (i % 10 === 0) evictFinished(state, { ...NO_ARCHIVE, archivedThrough });
      peak = Math.max(peak, state.appeals.size, state.closedAppeals.size);
    }
    // 5 open, at most ~20 finished not yet archived, ~10 more between evictions.
    expect(peak).toBeLessThan(50);
  });
});
