import {
  BUILT_IN_CALENDAR,
  initialLawFields,
  linkAppealsBodySchema,
  MAX_LINKED_APPEALS,
  openIncidentBodySchema,
  type Appeal,
} from '@shared';
import { describe, expect, it } from 'vitest';
import {
  commonCategory,
  groupProblemOf,
  linkBodyOf,
  openIncidentBodyOf,
} from '../../../../../client/src/features/region/incidentDraft';

function appeal(id: string, extra: Partial<Appeal> = {}): Appeal {
  return {
    id,
    region: 'KZ-71',
    category: 'heating',
    priority: 'normal',
    channel: 'call',
    location: { lat: 51.1, lng: 71.4, address: 'пр. Абая, 10' },
    description: '—',
    status: 'registered',
    registeredAt: 0,
    respondedAt: null,
    resolvedAt: null,
    closedAt: null,
    responseDueAt: 1,
    dueAt: 2,
    ...initialLawFields(BUILT_IN_CALENDAR, Date.UTC(2026, 0, 15)),
    updatedAt: 0,
    streamIds: ['1-0'],
    ...extra,
  };
}

describe('grouping appeals into an incident', () => {
  it('needs one region and at most the linked-appeals limit', () => {
    expect(groupProblemOf([])).toBe('empty');
    expect(groupProblemOf([appeal('A-1'), appeal('A-2')])).toBeNull();
    expect(groupProblemOf([appeal('A-1'), appeal('A-2', { region: 'KZ-75' })])).toBe('mixedRegions');
    const many = Array.from({ length: MAX_LINKED_APPEALS + 1 }, (_, i) => appeal(`A-${i}`));
    expect(groupProblemOf(many)).toBe('tooMany');
  });

  it('suggests the category most of them share', () => {
    expect(commonCategory([appeal('1', { category: 'gas' }), appeal('2'), appeal('3', { category: 'gas' })])).toBe(
      'gas',
    );
    expect(commonCategory([appeal('1', { category: 'gas' }), appeal('2')])).toBe('heating');
  });

  it('places a new incident at the first chosen appeal, in their region, with every id', () => {
    const first = appeal('A-2', { location: { lat: 43.2, lng: 76.9, district: 'Медеуский' }, region: 'KZ-75' });
    const body = openIncidentBodyOf([first, appeal('A-1', { region: 'KZ-75' })], {
      title: '  Авария на теплотрассе ',
      category: 'heating',
      severity: 'critical',
    });
    expect(body).toEqual({
      region: 'KZ-75',
      title: 'Авария на теплотрассе',
      category: 'heating',
      severity: 'critical',
      location: { lat: 43.2, lng: 76.9, district: 'Медеуский' },
      appealIds: ['A-2', 'A-1'],
    });
    expect(openIncidentBodySchema.safeParse(body).success).toBe(true);
  });

  it('sends nothing for appeals it cannot group', () => {
    expect(openIncidentBodyOf([], { title: 'x', category: 'gas', severity: 'minor' })).toBeNull();
    expect(
      openIncidentBodyOf([appeal('A-1'), appeal('A-2', { region: 'KZ-75' })], {
        title: 'x',
        category: 'gas',
        severity: 'minor',
      }),
    ).toBeNull();
  });

  it('links only appeals not yet in the incident', () => {
    const body = linkBodyOf([appeal('A-1', { incidentId: 'I-1' }), appeal('A-2')], 'I-1');
    expect(body).toEqual({ appealIds: ['A-2'] });
    expect(linkAppealsBodySchema.safeParse(body).success).toBe(true);
    expect(linkBodyOf([appeal('A-1', { incidentId: 'I-1' })], 'I-1')).toBeNull();
  });
});
