import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  BUILT_IN_CALENDAR_YEARS,
  createProjection,
  EVENT_TYPES,
  type CalendarYear,
  type EventEnvelope,
  type StreamEvent,
} from '@shared';
import {
  ANONYMOUS_VIEWER,
  presentAppeal,
  presentEvent,
  presentIncident,
} from '../../../../server/src/presenters/present';
import { appealRegistered } from '../../../support/events';
import { leaksIn, stringsIn } from '../../../support/personalData';

// One phone in a dress the old regex let through, in every free-text field.
const PHONE = 'восемь семьсот один двести тридцать четыре пятьдесят шесть двенадцать';
const DASHED = '8\u2014701\u2014234\u201456\u201412';
const text = (field: string) => `${field}: звоните ${DASHED}`;
const location = { lat: 51.13, lng: 71.44, address: `ул. Абая 10, кв. 389, ${PHONE}`, district: text('district') };

function stream(envelope: EventEnvelope, n: number): StreamEvent {
  return { ...envelope, region: 'KZ-71', streamId: `${n}-0` } as StreamEvent;
}

/** One event of every type, every optional free-text field filled. */
function everyEventType(): StreamEvent[] {
  const base = { v: 1 as const, at: '2026-12-07T10:00:00+05:00', region: 'KZ-71' as const };
  const registered = appealRegistered({ appealId: 'A-1' });
  if (registered.type !== 'appeal.registered') throw new Error('factory');
  const envelopes: EventEnvelope[] = [
    { ...registered, data: { ...registered.data, description: text('description'), location } },
    {
      ...base,
      id: 'e2',
      type: 'appeal.assigned',
      data: { appealId: 'A-1', service: text('service'), assignee: text('assignee') },
    },
    {
      ...base,
      id: 'e3',
      type: 'appeal.status_changed',
      data: { appealId: 'A-1', status: 'in_progress', comment: text('comment') },
    },
    {
      ...base,
      id: 'e4',
      type: 'appeal.escalated',
      data: { appealId: 'A-1', priority: 'emergency', comment: text('comment') },
    },
    { ...base, id: 'e4b', type: 'appeal.extended', data: { appealId: 'A-1', months: 2, reason: text('reason') } },
    {
      ...base,
      id: 'e4c',
      type: 'appeal.feedback',
      data: { appealId: 'A-1', result: 'unreachable', rating: 2, comment: text('comment') },
    },
    {
      v: 1,
      at: base.at,
      id: 'e4d',
      type: 'calendar.year_added',
      data: { year: BUILT_IN_CALENDAR_YEARS[3] as CalendarYear },
    },
    {
      ...base,
      id: 'e5',
      type: 'incident.opened',
      data: {
        incidentId: 'I-1',
        title: text('title'),
        category: 'heating',
        severity: 'major',
        location,
        appealIds: ['A-1'],
      },
    },
    {
      ...base,
      id: 'e6',
      type: 'incident.updated',
      data: { incidentId: 'I-1', severity: 'critical', note: text('note') },
    },
    { ...base, id: 'e7', type: 'incident.resolved', data: { incidentId: 'I-1', note: text('note') } },
    {
      ...base,
      id: 'e8',
      type: 'appeal.restored',
      data: {
        ...registered.data,
        appealId: 'A-0',
        description: text('description'),
        location,
        status: 'closed',
        service: text('service'),
        assignee: text('assignee'),
        registeredAt: '2026-10-01T09:00:00+05:00',
        closedAt: '2026-10-02T09:00:00+05:00',
        responseDueAt: '2026-10-01T10:00:00+05:00',
        dueAt: '2026-10-01T21:00:00+05:00',
        updatedAt: '2026-10-02T09:00:00+05:00',
      },
    },
  ];
  return envelopes.map((e, i) => stream(e, i + 1));
}

/** Strings of a presented value that still give away the phone, the flat or the surname. */
const leaks = (value: unknown): string[] =>
  stringsIn(value).filter((s) => leaksIn(s).length > 0 || s.includes('389') || s.includes('Сапарова'));

describe('presenters', () => {
  it('covers every event type of the contract', () => {
    expect(new Set(everyEventType().map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
  });

  it('scrubs every free-text field of every event type, and nothing else changes', () => {
    for (const event of everyEventType()) {
      const shown = presentEvent(event, ANONYMOUS_VIEWER);
      // A calendar year has no free text: shown as it is.
      if (event.type === 'calendar.year_added') {
        expect(shown).toEqual(event);
        continue;
      }
      expect(leaks(shown), event.type).toEqual([]);
      expect(shown.type).toBe(event.type);
      expect(shown.streamId).toBe(event.streamId);
      expect(JSON.stringify(shown)).toContain('+7 7** *** ** 12');
    }
  });

  it('scrubs appeals and incidents as the projection holds them: text, address, district, service, assignee', () => {
    const state = createProjection();
    for (const event of everyEventType()) applyEvent(state, event);
    const appeal = state.appeals.get('A-1');
    const incident = state.incidents.get('I-1');
    if (!appeal || !incident) throw new Error('not applied');
    expect(appeal.assignee).toContain(DASHED);
    const shownAppeal = presentAppeal(appeal, ANONYMOUS_VIEWER);
    const shownIncident = presentIncident(incident, ANONYMOUS_VIEWER);
    expect(leaks(shownAppeal)).toEqual([]);
    expect(leaks(shownIncident)).toEqual([]);
    expect(shownAppeal.location.address).toBe('ул. Абая 10, +7 7** *** ** 12');
    expect(shownAppeal.citizen).toEqual({ name: 'А. С.', phone: '+7 7** *** ** 12' });
    expect(shownAppeal.service).toBe('service: звоните +7 7** *** ** 12');
    // The projection's own copy is untouched.
    expect(appeal.location.address).toContain('кв. 389');
  });

  it('shows everything to a viewer who may see personal data', () => {
    const event = everyEventType()[0] as StreamEvent;
    expect(presentEvent(event, { canSeePersonalData: true })).toBe(event);
  });
});
