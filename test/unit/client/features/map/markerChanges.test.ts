import { describe, expect, it } from 'vitest';
import { createMarkerIndex, syncMarkerIndex, updateMarkers } from '../../../../../client/src/features/map/markerIndex';
import { markerTouchedBy } from '../../../../../client/src/features/map/markerItems';
import { createWallStore, type ReplicaChange } from '../../../../../client/src/state/wallStore';
import { createEventFactory, T0 } from '../../../shared/factories';
import { frameOf, snapshotOf } from '../../fixtures';

describe('the marker changes the store reports', () => {
  it('names the appeal or incident an event is about', () => {
    const f = createEventFactory();
    expect(markerTouchedBy(f.registered('A-1'))).toEqual({ kind: 'appeal', id: 'A-1' });
    expect(markerTouchedBy(f.statusChanged('A-1', 'closed'))).toEqual({ kind: 'appeal', id: 'A-1' });
    expect(markerTouchedBy(f.incidentOpened('I-1'))).toEqual({ kind: 'incident', id: 'I-1' });
    expect(markerTouchedBy(f.incidentResolved('I-1'))).toEqual({ kind: 'incident', id: 'I-1' });
  });

  it('hears a reset for a snapshot and the applied events of each frame, before any render', () => {
    const f = createEventFactory();
    const first = f.registered('A-1');
    const store = createWallStore({ now: () => T0 });
    const changes: ReplicaChange[] = [];
    const unsubscribe = store.subscribeChanges((change) => changes.push(change));
    store.receiveSnapshot(snapshotOf([first], T0));
    const second = f.registered('A-2');
    const closed = f.statusChanged('A-1', 'closed');
    store.receiveFrame(frameOf(first.streamId, [second, closed], T0));
    // A frame overlapping what was applied brings nothing new: no change.
    store.receiveFrame(frameOf(first.streamId, [second], T0));
    expect(changes).toEqual([{ kind: 'reset' }, { kind: 'events', events: [second, closed] }]);

    // What the map does with them: the index ends where a full comparison would.
    const index = createMarkerIndex();
    const { state } = store.getReplica();
    updateMarkers(index, state, { appeals: ['A-1', 'A-2'], incidents: [] }, T0);
    expect(index.openAppeals).toBe(1);
    expect(syncMarkerIndex(index, state.appeals.values(), state.incidents.values(), T0)).toBe(0);

    unsubscribe();
    store.receiveFrame(frameOf(closed.streamId, [f.registered('A-3')], T0));
    expect(changes).toHaveLength(2);
    store.dispose();
  });
});
