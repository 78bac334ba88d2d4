import { applyEvent, createProjection, type Appeal } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  isWriteConfirmed,
  mergeEntries,
  parseMine,
  quickStatusChanges,
  type MineItem,
  type SubmittedEntry,
} from '../../../../../client/src/features/agent/myEntries';
import { createEventFactory, MINUTE, T0 } from '../../../shared/factories';

describe('isWriteConfirmed', () => {
  it('is true once the replica cursor reaches the write (numerically) and holds the appeal', () => {
    expect(isWriteConfirmed('10-0', '9-5')).toBe(true);
    expect(isWriteConfirmed('9-5', '9-5')).toBe(true);
    expect(isWriteConfirmed('9-4', '9-5')).toBe(false);
    expect(isWriteConfirmed('10-0', '9-0', false)).toBe(false);
    expect(isWriteConfirmed('0-0', 'nonsense')).toBe(false);
  });
});

describe('quickStatusChanges', () => {
  it('offers the four quick changes only where they make sense', () => {
    expect(quickStatusChanges('registered')).toEqual(['in_progress', 'resolved', 'redirected', 'rejected']);
    expect(quickStatusChanges('in_progress')).toEqual(['resolved', 'redirected', 'rejected']);
    expect(quickStatusChanges('resolved')).toEqual([]);
    expect(quickStatusChanges('closed')).toEqual([]);
  });
});

describe('parseMine', () => {
  it('reads the items it can show and skips the ones it cannot', () => {
    const item = {
      id: 'A-1',
      region: 'KZ-71',
      category: 'heating',
      priority: 'high',
      status: 'assigned',
      registeredAt: T0,
      location: { lat: 51, lng: 71, address: 'Абая 1' },
      citizen: { name: 'А. Н.' },
    };
    expect(parseMine({ items: [item, { id: 'broken' }], cursor: '1-0' })).toEqual([
      {
        id: 'A-1',
        region: 'KZ-71',
        category: 'heating',
        priority: 'high',
        status: 'assigned',
        registeredAt: T0,
        address: 'Абая 1',
      },
    ]);
    expect(parseMine({ error: 'not found' })).toBeNull();
    expect(parseMine(null)).toBeNull();
  });
});

describe('mergeEntries', () => {
  const f = createEventFactory();
  const registered = f.registered('A-2', { at: T0 - 5 * MINUTE, category: 'lifts', priority: 'high' });
  const inProgress = f.statusChanged('A-2', 'in_progress', { at: T0 - 2 * MINUTE });
  const fresh = f.registered('A-3', { at: T0, category: 'gas' });
  const replica = (...events: Parameters<typeof applyEvent>[1][]) => {
    const state = createProjection();
    for (const event of events) applyEvent(state, event);
    return { cursor: state.cursor, appeals: state.appeals as ReadonlyMap<string, Appeal> };
  };
  const listed: MineItem[] = [
    {
      id: 'A-1',
      category: 'waste',
      region: 'KZ-71',
      priority: 'normal',
      status: 'closed',
      registeredAt: T0 - 60 * MINUTE,
      address: null,
    },
    {
      id: 'A-2',
      category: 'lifts',
      region: 'KZ-71',
      priority: 'high',
      status: 'registered',
      registeredAt: T0 - 5 * MINUTE,
      address: null,
    },
  ];
  const submitted: SubmittedEntry[] = [
    {
      appealId: 'A-3',
      cursor: fresh.streamId,
      category: 'gas',
      region: 'KZ-71',
      address: 'Абая 1',
      priority: 'normal',
      submittedAt: T0 + 1000,
    },
  ];

  it('lists the server’s entries and this page’s, newest first, with live statuses', () => {
    const rows = mergeEntries(listed, submitted, replica(registered, inProgress));
    expect(rows.map((r) => [r.id, r.status, r.delivery, r.isLive])).toEqual([
      ['A-3', 'registered', 'sent', false],
      ['A-2', 'in_progress', null, true],
      ['A-1', 'closed', null, false],
    ]);
  });

  it('confirms a fresh entry once the replica has it', () => {
    const rows = mergeEntries(listed, submitted, replica(registered, inProgress, fresh));
    expect(rows[0]).toMatchObject({ id: 'A-3', delivery: 'confirmed', isLive: true, registeredAt: T0 });
  });

  it('keeps the last twenty', () => {
    const many: MineItem[] = Array.from({ length: 30 }, (_, i) => ({
      ...(listed[0] as MineItem),
      id: `M-${i}`,
      registeredAt: T0 - i * MINUTE,
    }));
    const rows = mergeEntries(many, submitted, replica());
    expect(rows).toHaveLength(20);
    expect(rows[0]?.id).toBe('A-3');
    expect(rows.at(-1)?.id).toBe('M-18');
  });
});
