import { applyEvent, createProjection, type StreamEvent } from '@shared';
import { describe, expect, it } from 'vitest';
import { selectRegionDetails } from '../../../../../client/src/features/region/regionAppeals';
import { createEventFactory, HOUR, MINUTE, T0 } from '../../../shared/factories';

function appealsOf(events: StreamEvent[]) {
  const state = createProjection();
  for (const event of events) applyEvent(state, event);
  return state.appeals;
}

describe('selectRegionDetails', () => {
  const f = createEventFactory();
  const appeals = appealsOf([
    // Gas: resolution target 4 h, so this one is overdue at T0.
    f.registered('A-1', { region: 'KZ-63', category: 'gas', at: T0 - 5 * HOUR }),
    f.registered('A-2', { region: 'KZ-10', category: 'heating', at: T0 - 10 * MINUTE }),
    f.registered('A-3', { region: 'KZ-63', category: 'heating', at: T0 - 20 * MINUTE }),
    f.registered('A-4', { region: 'KZ-63', category: 'waste', at: T0 - 1 * MINUTE }),
    f.statusChanged('A-4', 'resolved', { region: 'KZ-63', at: T0 }),
    f.registered('A-5', { region: 'KZ-75', category: 'roads', at: T0 }),
    f.registered('A-6', { region: 'KZ-63', category: 'lifts', at: T0 - 10 * MINUTE }),
  ]);

  it('lists the open appeals of the included regions, newest first, overdue marked', () => {
    const details = selectRegionDetails(appeals.values(), ['KZ-63', 'KZ-10'], T0);
    expect(details.appeals.map((a) => a.id)).toEqual(['A-6', 'A-2', 'A-3', 'A-1']);
    expect(details.appeals.map((a) => a.isOverdue)).toEqual([false, false, false, true]);
    expect(details.open).toBe(4);
    expect(details.overdue).toBe(1);
    expect(details.appeals[1]).toEqual({
      id: 'A-2',
      region: 'KZ-10',
      category: 'heating',
      priority: 'normal',
      status: 'registered',
      registeredAt: T0 - 10 * MINUTE,
      isOverdue: false,
    });
  });

  it('ranks categories by backlog, ties in contract order', () => {
    const details = selectRegionDetails(appeals.values(), ['KZ-63', 'KZ-10'], T0);
    expect(details.topCategories).toEqual([
      { category: 'heating', open: 2 },
      { category: 'gas', open: 1 },
      { category: 'lifts', open: 1 },
    ]);
  });

  it('keeps at most five categories and `limit` rows, counting all', () => {
    const g = createEventFactory('g');
    const many = appealsOf(
      (['heating', 'gas', 'lifts', 'roads', 'waste', 'housing', 'heating'] as const).map((category, i) =>
        g.registered(`B-${i}`, { region: 'KZ-71', category, at: T0 - i * MINUTE }),
      ),
    );
    const details = selectRegionDetails(many.values(), ['KZ-71'], T0, 3);
    expect(details.topCategories).toHaveLength(5);
    expect(details.topCategories[0]).toEqual({ category: 'heating', open: 2 });
    expect(details.appeals.map((a) => a.id)).toEqual(['B-0', 'B-1', 'B-2']);
    expect(details.open).toBe(7);
  });

  it('is empty for a region without open appeals', () => {
    expect(selectRegionDetails(appeals.values(), ['KZ-11'], T0)).toEqual({
      open: 0,
      overdue: 0,
      topCategories: [],
      appeals: [],
    });
  });
});
