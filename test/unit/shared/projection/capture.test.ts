import { describe, expect, it } from 'vitest';
import {
  MAX_RECENT_CLOSED_APPEALS,
  applyEvent,
  captureProjection,
  evictFinished,
  createProjection,
  deserializeProjection,
  releaseCapture,
  serializeCapture,
  serializeProjection,
  type ProjectionState,
  type SerializedProjection,
  type StreamEvent,
} from '@shared';
import { HOUR, MINUTE, T0, createEventFactory, type EventFactory } from '../factories';

/** Applies the events, then evicts as the server's store does after a batch (no archive). */
function applyAll(state: ProjectionState, events: readonly StreamEvent[]): void {
  for (const event of events) applyEvent(state, event);
  evictFinished(state, { archivedThrough: null, maxFinished: MAX_RECENT_CLOSED_APPEALS });
}

function fold(events: readonly StreamEvent[]): ProjectionState {
  const state = createProjection();
  applyAll(state, events);
  return state;
}

const REGIONS = ['KZ-71', 'KZ-75', 'KZ-79'] as const;

/** Appeals and an incident, some routed, some finished, over a few minutes. */
function before(f: EventFactory): StreamEvent[] {
  const events: StreamEvent[] = [];
  for (let i = 0; i < 40; i += 1) {
    const region = REGIONS[i % 3];
    events.push(f.registered(`a${i}`, { at: T0 + i * 10_000, region }));
    if (i % 2 === 0) events.push(f.assigned(`a${i}`, { at: T0 + i * 10_000 + 5 * MINUTE }));
    if (i % 5 === 0) events.push(f.statusChanged(`a${i}`, 'resolved', { at: T0 + i * 10_000 + 20 * MINUTE }));
  }
  events.push(f.incidentOpened('i1', { at: T0 + MINUTE, appealIds: ['a0', 'a3'] }));
  return events;
}

/** Every kind of change to what the capture holds: appeals, the incident, the same minute's slots, evictions. */
function after(f: EventFactory): StreamEvent[] {
  const events: StreamEvent[] = [
    f.assigned('a1', { at: T0 + 20 * MINUTE, assignee: 'Бригада' }),
    f.assigned('a0', { at: T0 + 21 * MINUTE }),
    f.statusChanged('a2', 'closed', { at: T0 + 5 * MINUTE }),
    f.statusChanged('a5', 'reopened', { at: T0 + 25 * MINUTE }),
    f.escalated('a7', 'emergency', { at: T0 + 26 * MINUTE }),
    f.incidentUpdated('i1', { at: T0 + 30 * MINUTE, appealIds: ['a9', 'a11'], severity: 'critical', note: 'растёт' }),
    f.incidentResolved('i1', { at: T0 + HOUR }),
    f.registered('late', { at: T0 + 2 * MINUTE, region: 'KZ-33', category: 'flooding' }),
  ];
  // Enough closures to evict the captured closed appeals.
  for (let i = 0; i < MAX_RECENT_CLOSED_APPEALS + 5; i += 1) {
    events.push(f.registered(`bulk${i}`, { at: T0 + 3 * MINUTE }));
    events.push(f.statusChanged(`bulk${i}`, 'closed', { at: T0 + 4 * MINUTE }));
  }
  return events;
}

describe('captureProjection / serializeCapture', () => {
  it('writes exactly the JSON of serializeProjection, whatever the piece size', () => {
    const state = fold(before(createEventFactory()));
    for (const perPiece of [1, 7, 500]) {
      const capture = captureProjection(state);
      expect([...serializeCapture(capture, perPiece)].join('')).toBe(JSON.stringify(serializeProjection(state)));
      releaseCapture(state, capture);
    }
    const empty = createProjection();
    const capture = captureProjection(empty);
    expect([...serializeCapture(capture)].join('')).toBe(JSON.stringify(serializeProjection(empty)));
  });

  it('still writes the state at the capture when events are applied while it is written', () => {
    const f = createEventFactory();
    const first = before(f);
    const next = after(f);
    const state = fold(first);
    const capture = captureProjection(state);
    const pieces = serializeCapture(capture, 3);
    const written: string[] = [];
    // Half the pieces, then every later event, then the rest: as ingest interleaves with a save.
    for (let i = 0; i < 20; i += 1) written.push(pieces.next().value as string);
    applyAll(state, next);
    for (const piece of pieces) written.push(piece);
    releaseCapture(state, capture);

    expect(written.join('')).toBe(JSON.stringify(serializeProjection(fold(first))));
    // The live state went on exactly as without a snapshot.
    expect(JSON.stringify(serializeProjection(state))).toBe(
      JSON.stringify(serializeProjection(fold([...first, ...next]))),
    );
  });

  it('restores from a snapshot written meanwhile to a state that continues like the original', () => {
    const f = createEventFactory();
    const first = before(f);
    const next = after(f);
    const state = fold(first);
    const capture = captureProjection(state);
    applyAll(state, next.slice(0, 3));
    const text = [...serializeCapture(capture)].join('');
    releaseCapture(state, capture);
    applyAll(state, next.slice(3));
    const restored = deserializeProjection(JSON.parse(text) as SerializedProjection);
    if (!restored) throw new Error('snapshot rejected');
    // A restart replays everything after the snapshot's cursor.
    applyAll(restored, next);
    expect(JSON.stringify(serializeProjection(restored))).toBe(JSON.stringify(serializeProjection(state)));
  });

  it('changes in place when no snapshot is being written, and copies once per snapshot otherwise', () => {
    const f = createEventFactory();
    const state = fold(before(f));
    const a1 = state.appeals.get('a1');
    applyEvent(state, f.assigned('a1', { at: T0 + 10 * MINUTE }));
    expect(state.appeals.get('a1')).toBe(a1);

    const capture = captureProjection(state);
    applyEvent(state, f.statusChanged('a1', 'in_progress', { at: T0 + 11 * MINUTE }));
    const copy = state.appeals.get('a1');
    expect(copy).not.toBe(a1);
    expect(a1?.status).toBe('assigned');
    applyEvent(state, f.statusChanged('a1', 'resolved', { at: T0 + 12 * MINUTE }));
    expect(state.appeals.get('a1')).toBe(copy);
    releaseCapture(state, capture);
    expect(state.owned).toBeNull();
  });
});
