import type { Appeal, Incident } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  isIncidentBehind,
  linkCandidates,
  linkedAppealsOf,
  parseIncidentDetails,
} from '../../../../../client/src/features/incident/incidentDetails';
import { incidentIdOf, incidentPath, routeOf } from '../../../../../client/src/routes';

const appeal = (id: string, extra: Partial<Appeal> = {}): Appeal =>
  ({
    id,
    region: 'KZ-71',
    status: 'registered',
    registeredAt: 1000,
    description: 'Нет отопления',
    category: 'heating',
    priority: 'normal',
    ...extra,
  }) as Appeal;

const INCIDENT = {
  id: 'I-1',
  region: 'KZ-71',
  title: 'Авария',
  category: 'heating',
  severity: 'major',
  status: 'open',
  appealIds: ['A-1'],
  streamIds: ['1-0'],
} as unknown as Incident;

const BODY = {
  incident: INCIDENT,
  cursor: '5-0',
  source: 'memory',
  timeline: [{ type: 'incident.opened', streamId: '1-0', at: '2026-11-27T10:00:00Z', data: { incidentId: 'I-1' } }, 42],
  appeals: [appeal('A-1', { status: 'assigned' }), { nope: true }],
  unknownAppealIds: ['A-0'],
};

describe('the incident page model', () => {
  it('reads the answer, skipping what is not an event or an appeal', () => {
    const details = parseIncidentDetails(BODY);
    expect(details?.timeline).toHaveLength(1);
    expect(details?.appeals.map((a) => a.id)).toEqual(['A-1']);
    expect(details?.unknownAppealIds).toEqual(['A-0']);
    expect(parseIncidentDetails({ incident: { id: 'I-1' }, cursor: '1-0' })).toBeNull();
    expect(parseIncidentDetails(null)).toBeNull();
  });

  it('shows linked appeals as the live replica has them, adding ones linked since the answer', () => {
    const details = parseIncidentDetails(BODY);
    if (!details) throw new Error('unparsed');
    const live = { ...INCIDENT, appealIds: ['A-1', 'A-2'], streamIds: ['1-0', '6-0'] };
    const replica = new Map([
      ['A-1', appeal('A-1', { status: 'resolved' })],
      ['A-2', appeal('A-2', { registeredAt: 2000 })],
    ]);
    expect(linkedAppealsOf(details, live, replica).map((a) => [a.id, a.status])).toEqual([
      ['A-2', 'registered'],
      ['A-1', 'resolved'],
    ]);
    expect(isIncidentBehind(details, live)).toBe(true);
    expect(isIncidentBehind(details, INCIDENT)).toBe(false);
  });

  it('offers to link only open appeals of its region without an incident, by number or text', () => {
    const appeals = [
      appeal('A-1'),
      appeal('A-2', { description: 'Холодно в подъезде' }),
      appeal('A-3', { region: 'KZ-75' }),
      appeal('A-4', { status: 'closed' }),
      appeal('A-5', { incidentId: 'I-9' }),
      appeal('A-6', { registeredAt: 3000 }),
    ];
    expect(linkCandidates(INCIDENT, appeals, '').items.map((a) => a.id)).toEqual(['A-6', 'A-2']);
    expect(linkCandidates(INCIDENT, appeals, 'ПОДЪЕЗД').items.map((a) => a.id)).toEqual(['A-2']);
    expect(linkCandidates(INCIDENT, appeals, 'a-6')).toMatchObject({ total: 1 });
    // The live replica carries no descriptions: the id still finds it.
    const bare = [{ ...appeal('A-7'), description: undefined } as unknown as Appeal];
    expect(linkCandidates(INCIDENT, bare, 'a-7').total).toBe(1);
    expect(linkCandidates(INCIDENT, bare, 'отопл').total).toBe(0);
  });

  it('has its own route', () => {
    expect(incidentPath('I-7K3QZD9M')).toBe('/incidents/I-7K3QZD9M');
    expect(routeOf('/incidents/I-7K3QZD9M/')).toBe('incident');
    expect(incidentIdOf('/incidents/I-1')).toBe('I-1');
    expect(incidentIdOf('/incidents/%E0')).toBeNull();
    expect(routeOf('/incidents')).toBe('not-found');
  });
});
