import { describe, expect, it } from 'vitest';
import {
  ALL_KEY,
  DEDUP_WINDOW,
  FEED_LENGTH,
  MAX_RECENT_CLOSED_APPEALS,
  MAX_RECENT_RESOLVED_INCIDENTS,
  START_CURSOR,
  applyEvent,
  compareStreamIds,
  computeStats,
  createProjection,
  getCategory,
  isOpenStatus,
  resolutionTimeOf,
  responseTimeOf,
  serializeProjection,
  skipEntry,
  type Appeal,
  type Incident,
  type ProjectionState,
  type StreamEvent,
} from '@shared';
import { HOUR, MINUTE, T0, createEventFactory } from '../factories';

function applyAll(state: ProjectionState, events: readonly StreamEvent[]): void {
  for (const event of events) applyEvent(state, event);
}

function appealOf(state: ProjectionState, id: string): Appeal {
  const appeal = state.appeals.get(id);
  if (!appeal) throw new Error(`no appeal ${id}`);
  return appeal;
}

function incidentOf(state: ProjectionState, id: string): Incident {
  const incident = state.incidents.get(id);
  if (!incident) throw new Error(`no incident ${id}`);
  return incident;
}

/** Everything but the cursor and counters, to check that nothing else changed. */
function contentOf(state: ProjectionState): string {
  const { cursor: _cursor, counters: _counters, ...rest } = serializeProjection(state);
  return JSON.stringify(rest);
}

describe('createProjection', () => {
  it('starts empty at the start cursor', () => {
    const state = createProjection();
    expect(state.cursor).toBe(START_CURSOR);
    expect(state.appeals.size).toBe(0);
    expect(state.incidents.size).toBe(0);
    expect(state.seen.size).toBe(0);
    expect(state.closedAppeals.size).toBe(0);
    expect(state.resolvedIncidents.size).toBe(0);
    expect(state.feed).toEqual([]);
    expect(Object.keys(state.metrics)).toEqual([ALL_KEY]);
    expect(state.counters).toEqual({
      applied: 0,
      duplicates: 0,
      ignored: 0,
      lastIgnored: null,
      clockSkew: 0,
      lastClockSkew: null,
      refusedLinks: 0,
      lastRefusedLink: null,
    });
    expect(state.latestAt).toBeNull();
  });
});

describe('appeal.registered', () => {
  it('creates an open appeal with SLA targets from its category and priority', () => {
    const f = createEventFactory();
    const state = createProjection();
    const event = f.registered('a1', {
      at: T0,
      region: 'KZ-75',
      category: 'gas',
      priority: 'high',
      channel: 'app',
      citizen: { name: 'Ерлан', phone: '+77010000000' },
      location: { lat: 43.25, lng: 76.92, address: 'пр. Абая, 1' },
    });
    expect(applyEvent(state, event)).toEqual({ kind: 'applied' });
    const gas = getCategory('gas');
    expect(appealOf(state, 'a1')).toEqual({
      id: 'a1',
      region: 'KZ-75',
      category: 'gas',
      priority: 'high',
      channel: 'app',
      location: { lat: 43.25, lng: 76.92, address: 'пр. Абая, 1' },
      description: event.data.description,
      citizen: { name: 'Ерлан', phone: '+77010000000' },
      status: 'registered',
      registeredAt: T0,
      respondedAt: null,
      resolvedAt: null,
      closedAt: null,
      responseDueAt: T0 + gas.responseSla.high * MINUTE,
      dueAt: T0 + gas.resolutionSla.high * MINUTE,
      // Fri 27 Nov 2026 → d1 Mon 30 Nov … d12 Tue 15 Dec, 16 Dec off, d13 17, d14 18, d15 Mon 21 Dec.
      legalDueAt: Date.parse('2026-12-21T23:59:59.999+05:00'),
      isLegalProvisional: true,
      redirectDueAt: Date.parse('2026-12-02T23:59:59.999+05:00'),
      extension: null,
      outcome: null,
      feedback: null,
      updatedAt: T0,
      streamIds: [event.streamId],
    });
    expect(state.cursor).toBe(event.streamId);
    expect(state.counters).toMatchObject({ applied: 1, duplicates: 0, ignored: 0 });
    expect(state.seen.get(event.id)).toBe(event.streamId);
    expect(state.feed).toEqual([event]);
  });

  it('leaves citizen out when the event has none', () => {
    const state = createProjection();
    applyEvent(state, createEventFactory().registered('a1'));
    expect(appealOf(state, 'a1')).not.toHaveProperty('citizen');
  });

  it('uses slaMinutes instead of the category default for the resolution target only', () => {
    const state = createProjection();
    applyEvent(
      state,
      createEventFactory().registered('a1', { at: T0, slaMinutes: 90, category: 'roads', priority: 'low' }),
    );
    const appeal = appealOf(state, 'a1');
    expect(appeal.dueAt).toBe(T0 + 90 * MINUTE);
    expect(appeal.responseDueAt).toBe(T0 + getCategory('roads').responseSla.low * MINUTE);
  });

  it('takes the instant from `at` whatever its offset', () => {
    const state = createProjection();
    const event = { ...createEventFactory().registered('a1'), at: '2026-11-27T05:00:00Z' };
    applyEvent(state, event);
    expect(appealOf(state, 'a1').registeredAt).toBe(T0);
  });

  it('counts the registration in the national, region, category and region-category rings', () => {
    const state = createProjection();
    applyEvent(state, createEventFactory().registered('a1', { region: 'KZ-35', category: 'lifts' }));
    expect(Object.keys(state.metrics).sort()).toEqual([ALL_KEY, 'KZ-35', 'lifts', 'KZ-35|lifts'].sort());
    const stats = computeStats(state, T0);
    expect(stats.overall.windows['15m'].registered).toBe(1);
    expect(stats.regions['KZ-35']?.windows['15m']?.registered).toBe(1);
    expect(stats.categories.lifts.windows['15m'].registered).toBe(1);
    expect(stats.regions['KZ-71']?.windows['15m']?.registered).toBe(0);
  });

  it('ignores a second registration of the same appealId (and keeps the first)', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('a1', { category: 'gas' }));
    const before = contentOf(state);
    const second = f.registered('a1', { category: 'roads', at: T0 + HOUR });
    const outcome = applyEvent(state, second);
    expect(outcome).toEqual({ kind: 'ignored', reason: 'appeal a1 is already registered' });
    expect(appealOf(state, 'a1').category).toBe('gas');
    expect(state.counters).toMatchObject({ applied: 1, ignored: 1, lastIgnored: 'appeal a1 is already registered' });
    expect(state.cursor).toBe(second.streamId);
    expect(contentOf(state)).toBe(before);
  });
});

describe('appeal.assigned', () => {
  it('records the first response and the service', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('a1', { at: T0 }));
    const assigned = f.assigned('a1', { at: T0 + 12 * MINUTE, service: 'Astana Teplo', assignee: 'Бригада 3' });
    expect(applyEvent(state, assigned)).toEqual({ kind: 'applied' });
    const appeal = appealOf(state, 'a1');
    expect(appeal).toMatchObject({
      status: 'assigned',
      service: 'Astana Teplo',
      assignee: 'Бригада 3',
      respondedAt: T0 + 12 * MINUTE,
      updatedAt: T0 + 12 * MINUTE,
    });
    expect(appeal.streamIds).toHaveLength(2);
    expect(responseTimeOf(appeal)).toBe(12 * MINUTE);
  });

  it('keeps the first response time on reassignment, but takes the new service and assignee', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [
      f.registered('a1', { at: T0 }),
      f.assigned('a1', { at: T0 + 5 * MINUTE, service: 'A', assignee: 'Иван' }),
      f.assigned('a1', { at: T0 + 50 * MINUTE, service: 'B' }),
    ]);
    const appeal = appealOf(state, 'a1');
    expect(appeal.respondedAt).toBe(T0 + 5 * MINUTE);
    expect(appeal.service).toBe('B');
    expect(appeal).not.toHaveProperty('assignee');
    expect(computeStats(state, T0 + 50 * MINUTE).overall.windows['1h'].response.count).toBe(1);
  });

  it('does not reopen a resolved appeal', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [f.registered('a1'), f.statusChanged('a1', 'resolved'), f.assigned('a1', { service: 'C' })]);
    expect(appealOf(state, 'a1').status).toBe('resolved');
    expect(appealOf(state, 'a1').service).toBe('C');
  });

  it('counts a response within SLA only when it came by responseDueAt', () => {
    const f = createEventFactory();
    const state = createProjection();
    const due = getCategory('heating').responseSla.normal * MINUTE;
    applyAll(state, [
      f.registered('on-time', { at: T0 }),
      f.registered('late', { at: T0 }),
      f.assigned('on-time', { at: T0 + due }),
      f.assigned('late', { at: T0 + due + 1 }),
    ]);
    const stats = computeStats(state, T0 + due + 1);
    expect(stats.overall.windows['15m'].responseSlaCompliance).toBe(0.5);
  });
});

describe('appeal.status_changed lifecycle', () => {
  it('goes registered → assigned → in_progress → resolved → closed', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('a1', { at: T0 }));
    applyEvent(state, f.assigned('a1', { at: T0 + 10 * MINUTE }));
    applyEvent(state, f.statusChanged('a1', 'in_progress', { at: T0 + 20 * MINUTE, comment: 'выехали' }));
    expect(appealOf(state, 'a1').status).toBe('in_progress');
    applyEvent(state, f.statusChanged('a1', 'resolved', { at: T0 + 3 * HOUR }));
    let appeal = appealOf(state, 'a1');
    expect(appeal.status).toBe('resolved');
    expect(appeal.resolvedAt).toBe(T0 + 3 * HOUR);
    expect(appeal.closedAt).toBeNull();
    expect(resolutionTimeOf(appeal)).toBe(3 * HOUR);
    expect(isOpenStatus(appeal.status)).toBe(false);
    applyEvent(state, f.statusChanged('a1', 'closed', { at: T0 + 4 * HOUR }));
    appeal = appealOf(state, 'a1');
    expect(appeal.status).toBe('closed');
    expect(appeal.closedAt).toBe(T0 + 4 * HOUR);
    expect(appeal.resolvedAt).toBe(T0 + 3 * HOUR);
    expect(appeal.updatedAt).toBe(T0 + 4 * HOUR);
    expect(appeal.streamIds).toHaveLength(5);
    expect([...state.closedAppeals.keys()]).toEqual(['a1']);
    expect(state.counters.applied).toBe(5);
  });

  it('closes a rejected appeal', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [f.registered('a1', { at: T0 }), f.statusChanged('a1', 'rejected', { at: T0 + MINUTE })]);
    expect(appealOf(state, 'a1')).toMatchObject({ status: 'rejected', closedAt: T0 + MINUTE, resolvedAt: null });
    expect(state.closedAppeals.has('a1')).toBe(true);
    expect(computeStats(state, T0 + MINUTE).overall.open).toBe(0);
  });

  it('keeps a redirected appeal open', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [f.registered('a1'), f.statusChanged('a1', 'redirected')]);
    expect(appealOf(state, 'a1').status).toBe('redirected');
    expect(computeStats(state, T0).overall.open).toBe(1);
  });

  it('keeps the first resolution when resolved twice without a reopen', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [
      f.registered('a1', { at: T0 }),
      f.statusChanged('a1', 'resolved', { at: T0 + HOUR }),
      f.statusChanged('a1', 'resolved', { at: T0 + 2 * HOUR }),
    ]);
    expect(appealOf(state, 'a1').resolvedAt).toBe(T0 + HOUR);
    expect(computeStats(state, T0 + 2 * HOUR).overall.windows['24h'].resolution.count).toBe(1);
  });

  it('reopen after resolve clears resolvedAt and puts the appeal back in the backlog; a second resolve is recorded', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [
      f.registered('a1', { at: T0, region: 'KZ-55' }),
      f.statusChanged('a1', 'resolved', { at: T0 + HOUR }),
    ]);
    expect(computeStats(state, T0 + HOUR).overall.open).toBe(0);

    applyEvent(state, f.statusChanged('a1', 'reopened', { at: T0 + 2 * HOUR }));
    let appeal = appealOf(state, 'a1');
    expect(appeal.status).toBe('reopened');
    expect(appeal.resolvedAt).toBeNull();
    expect(resolutionTimeOf(appeal)).toBeNull();
    const reopened = computeStats(state, T0 + 2 * HOUR);
    expect(reopened.overall.open).toBe(1);
    expect(reopened.regions['KZ-55']?.open).toBe(1);

    applyEvent(state, f.statusChanged('a1', 'resolved', { at: T0 + 5 * HOUR }));
    appeal = appealOf(state, 'a1');
    expect(appeal.resolvedAt).toBe(T0 + 5 * HOUR);
    expect(resolutionTimeOf(appeal)).toBe(5 * HOUR);
    const resolution = computeStats(state, T0 + 5 * HOUR).overall.windows['24h'].resolution;
    expect(resolution.count).toBe(2);
    expect(Math.abs((resolution.p99 as number) - 5 * HOUR) / (5 * HOUR)).toBeLessThan(0.01);
    expect(resolution.p50).toBe(HOUR);
  });

  it('reopen after close clears closedAt and drops it from the closed list', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [
      f.registered('a1', { at: T0 }),
      f.statusChanged('a1', 'resolved', { at: T0 + HOUR }),
      f.statusChanged('a1', 'closed', { at: T0 + 2 * HOUR }),
      f.statusChanged('a1', 'reopened', { at: T0 + 3 * HOUR }),
    ]);
    expect(appealOf(state, 'a1')).toMatchObject({ status: 'reopened', closedAt: null, resolvedAt: null });
    expect(state.closedAppeals.size).toBe(0);
    expect(computeStats(state, T0 + 3 * HOUR).overall.open).toBe(1);
  });

  it('clears closedAt when a closed appeal moves to any open status (state.ts: "null otherwise")', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [
      f.registered('a1', { at: T0 }),
      f.statusChanged('a1', 'closed', { at: T0 + HOUR }),
      f.statusChanged('a1', 'in_progress', { at: T0 + 2 * HOUR }),
    ]);
    const appeal = appealOf(state, 'a1');
    expect(appeal.status).toBe('in_progress');
    expect(state.closedAppeals.has('a1')).toBe(false);
    expect(appeal.closedAt).toBeNull();
  });
});

describe('out-of-order `at`', () => {
  it('clamps a response time to 0 when assigned.at is before registered.at, and leaves it out of the figures', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [f.registered('a1', { at: T0 }), f.assigned('a1', { at: T0 - 3 * MINUTE })]);
    const appeal = appealOf(state, 'a1');
    expect(appeal.respondedAt).toBe(T0 - 3 * MINUTE);
    expect(responseTimeOf(appeal)).toBe(0);
    expect(appeal.updatedAt).toBe(T0);
    // Not an instant response within target: a producer's clock was wrong (producerClocks.test.ts).
    const response = computeStats(state, T0).overall.windows['15m'].response;
    expect(response).toEqual({ count: 0, p50: null, p90: null, p99: null });
  });

  it('clamps a resolution time to 0 when resolved.at is before registered.at', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [f.registered('a1', { at: T0 }), f.statusChanged('a1', 'resolved', { at: T0 - HOUR })]);
    expect(resolutionTimeOf(appealOf(state, 'a1'))).toBe(0);
  });

  it('orders by the stream, not by `at`: the last applied status wins', () => {
    const f = createEventFactory();
    const state = createProjection();
    const events = [
      f.registered('a1', { at: T0 }),
      f.statusChanged('a1', 'in_progress', { at: T0 + 2 * HOUR }),
      f.statusChanged('a1', 'redirected', { at: T0 + HOUR }),
    ];
    applyAll(state, events);
    const appeal = appealOf(state, 'a1');
    expect(appeal.status).toBe('redirected');
    expect(appeal.updatedAt).toBe(T0 + 2 * HOUR);
    expect(appeal.streamIds).toEqual(events.map((e) => e.streamId));
    expect(state.feed.map((e) => e.streamId)).toEqual(events.map((e) => e.streamId));
  });
});

describe('duplicates', () => {
  it('ignores an event whose id was already applied and changes nothing else', () => {
    const f = createEventFactory();
    const state = createProjection();
    const registered = f.registered('a1', { at: T0 });
    const assigned = f.assigned('a1', { at: T0 + MINUTE });
    applyAll(state, [registered, assigned]);
    const before = contentOf(state);
    const countersBefore = { ...state.counters };
    expect(applyEvent(state, assigned)).toEqual({ kind: 'duplicate' });
    expect(applyEvent(state, registered)).toEqual({ kind: 'duplicate' });
    expect(contentOf(state)).toBe(before);
    expect(state.counters).toEqual({ ...countersBefore, duplicates: 2 });
  });

  it('treats the same event id at another stream position (with other content) as a duplicate', () => {
    const f = createEventFactory();
    const state = createProjection();
    const registered = f.registered('a1', { at: T0 });
    const changed = f.statusChanged('a1', 'in_progress', { at: T0 + MINUTE });
    applyAll(state, [registered, changed]);
    const before = contentOf(state);
    const again = f.statusChanged('a1', 'resolved', { id: changed.id, at: T0 + HOUR });
    expect(compareStreamIds(again.streamId, changed.streamId)).toBeGreaterThan(0);
    expect(applyEvent(state, again)).toEqual({ kind: 'duplicate' });
    expect(appealOf(state, 'a1').status).toBe('in_progress');
    expect(contentOf(state)).toBe(before);
    expect(state.seen.get(changed.id)).toBe(changed.streamId);
    expect(state.cursor).toBe(again.streamId);
    expect(state.counters.duplicates).toBe(1);
  });

  it('does not remember ignored events: the same id is tried again once it can apply', () => {
    const f = createEventFactory();
    const state = createProjection();
    const early = f.assigned('a1', { at: T0 + MINUTE });
    expect(applyEvent(state, early).kind).toBe('ignored');
    applyEvent(state, f.registered('a1', { at: T0 }));
    expect(applyEvent(state, { ...early, streamId: f.nextStreamId() })).toEqual({ kind: 'applied' });
    expect(appealOf(state, 'a1').respondedAt).toBe(T0 + MINUTE);
  });
});

describe('events about something unknown', () => {
  it.each([
    ['appeal.assigned', 'unknown appeal nope'],
    ['appeal.status_changed', 'unknown appeal nope'],
    ['incident.updated', 'unknown incident nope'],
    ['incident.resolved', 'unknown incident nope'],
  ] as const)('%s is ignored with a reason, counted, and the cursor still moves', (type, reason) => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('a1'));
    const before = contentOf(state);
    const event =
      type === 'appeal.assigned'
        ? f.assigned('nope')
        : type === 'appeal.status_changed'
          ? f.statusChanged('nope', 'resolved')
          : type === 'incident.updated'
            ? f.incidentUpdated('nope', { severity: 'critical' })
            : f.incidentResolved('nope');
    expect(applyEvent(state, event)).toEqual({ kind: 'ignored', reason });
    expect(state.counters).toMatchObject({ applied: 1, duplicates: 0, ignored: 1, lastIgnored: reason });
    expect(state.cursor).toBe(event.streamId);
    expect(state.seen.has(event.id)).toBe(false);
    expect(state.feed).toHaveLength(1);
    expect(contentOf(state)).toBe(before);
  });

  it('keeps the newest reason in lastIgnored', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.assigned('x'));
    applyEvent(state, f.incidentResolved('y'));
    expect(state.counters).toMatchObject({ ignored: 2, lastIgnored: 'unknown incident y' });
  });
});

describe('incidents', () => {
  it('opens an incident and links the listed appeals', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [f.registered('a1', { at: T0 }), f.registered('a2', { at: T0 })]);
    const opened = f.incidentOpened('i1', {
      at: T0 + MINUTE,
      region: 'KZ-71',
      severity: 'critical',
      affected: 5000,
      appealIds: ['a1', 'a2', 'a1', 'ghost'],
    });
    expect(applyEvent(state, opened)).toEqual({ kind: 'applied' });
    expect(incidentOf(state, 'i1')).toEqual({
      id: 'i1',
      region: 'KZ-71',
      title: opened.data.title,
      category: 'heating',
      severity: 'critical',
      location: opened.data.location,
      affected: 5000,
      appealIds: ['a1', 'a2', 'ghost'],
      status: 'open',
      openedAt: T0 + MINUTE,
      resolvedAt: null,
      updatedAt: T0 + MINUTE,
      streamIds: [opened.streamId],
    });
    expect(appealOf(state, 'a1').incidentId).toBe('i1');
    expect(appealOf(state, 'a2').incidentId).toBe('i1');
  });

  it('opens an incident without appeals or affected count', () => {
    const state = createProjection();
    applyEvent(state, createEventFactory().incidentOpened('i1'));
    expect(incidentOf(state, 'i1').appealIds).toEqual([]);
    expect(incidentOf(state, 'i1')).not.toHaveProperty('affected');
  });

  it('updates severity, note and links more appeals without duplicates', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [
      f.registered('a1'),
      f.registered('a2'),
      f.registered('a3'),
      f.incidentOpened('i1', { at: T0, severity: 'minor', appealIds: ['a1'] }),
    ]);
    const updated = f.incidentUpdated('i1', {
      at: T0 + HOUR,
      severity: 'major',
      note: 'растёт',
      appealIds: ['a1', 'a2', 'a3'],
    });
    expect(applyEvent(state, updated)).toEqual({ kind: 'applied' });
    const incident = incidentOf(state, 'i1');
    expect(incident).toMatchObject({
      severity: 'major',
      note: 'растёт',
      appealIds: ['a1', 'a2', 'a3'],
      updatedAt: T0 + HOUR,
    });
    expect(incident.streamIds).toHaveLength(2);
    expect(appealOf(state, 'a3').incidentId).toBe('i1');

    applyEvent(state, f.incidentUpdated('i1', { at: T0 + 30 * MINUTE }));
    expect(incidentOf(state, 'i1')).toMatchObject({ severity: 'major', note: 'растёт', updatedAt: T0 + HOUR });
  });

  it('resolves an incident once; a second resolve is ignored', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyAll(state, [
      f.incidentOpened('i1', { at: T0 }),
      f.incidentResolved('i1', { at: T0 + 2 * HOUR, note: 'устранено' }),
    ]);
    expect(incidentOf(state, 'i1')).toMatchObject({
      status: 'resolved',
      resolvedAt: T0 + 2 * HOUR,
      note: 'устранено',
      updatedAt: T0 + 2 * HOUR,
    });
    expect([...state.resolvedIncidents.keys()]).toEqual(['i1']);
    const again = f.incidentResolved('i1', { at: T0 + 3 * HOUR });
    expect(applyEvent(state, again)).toEqual({ kind: 'ignored', reason: 'incident i1 is already resolved' });
    expect(incidentOf(state, 'i1').resolvedAt).toBe(T0 + 2 * HOUR);
  });

  it('ignores opening an incident id that already exists', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.incidentOpened('i1', { title: 'first' }));
    expect(applyEvent(state, f.incidentOpened('i1', { title: 'second' }))).toEqual({
      kind: 'ignored',
      reason: 'incident i1 is already open',
    });
    expect(incidentOf(state, 'i1').title).toBe('first');
  });

  it(`keeps at most MAX_RECENT_RESOLVED_INCIDENTS (${MAX_RECENT_RESOLVED_INCIDENTS}) resolved incidents, oldest evicted first`, () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.incidentOpened('still-open'));
    for (let i = 0; i <= MAX_RECENT_RESOLVED_INCIDENTS; i += 1) {
      applyEvent(state, f.incidentOpened(`i${i}`));
      applyEvent(state, f.incidentResolved(`i${i}`));
    }
    expect(state.resolvedIncidents.size).toBe(MAX_RECENT_RESOLVED_INCIDENTS);
    expect(state.incidents.has('i0')).toBe(false);
    expect(state.incidents.has('i1')).toBe(true);
    expect(state.incidents.has(`i${MAX_RECENT_RESOLVED_INCIDENTS}`)).toBe(true);
    expect(state.incidents.has('still-open')).toBe(true);
    expect(state.incidents.size).toBe(MAX_RECENT_RESOLVED_INCIDENTS + 1);
  });
});

describe('bounded memory', () => {
  it(`keeps at most MAX_RECENT_CLOSED_APPEALS (${MAX_RECENT_CLOSED_APPEALS}) closed appeals, oldest evicted first`, () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('open-1'));
    const extra = 3;
    for (let i = 0; i < MAX_RECENT_CLOSED_APPEALS + extra; i += 1) {
      applyEvent(state, f.registered(`a${i}`));
      applyEvent(state, f.statusChanged(`a${i}`, i % 2 === 0 ? 'closed' : 'rejected'));
    }
    expect(state.closedAppeals.size).toBe(MAX_RECENT_CLOSED_APPEALS);
    expect(state.appeals.size).toBe(MAX_RECENT_CLOSED_APPEALS + 1);
    for (let i = 0; i < extra; i += 1) expect(state.appeals.has(`a${i}`)).toBe(false);
    expect(state.appeals.has(`a${extra}`)).toBe(true);
    expect(state.appeals.has('open-1')).toBe(true);
    expect([...state.closedAppeals.keys()][0]).toBe(`a${extra}`);
    // later events for an evicted appeal are ignored, not crashes
    expect(applyEvent(state, f.statusChanged('a0', 'reopened')).kind).toBe('ignored');
  });

  it('evicts by the order appeals were closed, not registered (a reclosed appeal moves to the back)', () => {
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
    expect(state.appeals.has('a0')).toBe(true);
    expect(state.appeals.has('a1')).toBe(false);
    expect(state.closedAppeals.size).toBe(MAX_RECENT_CLOSED_APPEALS);
  });

  it('keeps memory bounded for appeals that end as resolved and are never closed', () => {
    // `resolved` is terminal (not in the backlog), so such appeals are never touched again
    const f = createEventFactory();
    const state = createProjection();
    for (let i = 0; i < MAX_RECENT_CLOSED_APPEALS + 10; i += 1) {
      applyEvent(state, f.registered(`a${i}`));
      applyEvent(state, f.statusChanged(`a${i}`, 'resolved'));
    }
    expect(state.appeals.size).toBeLessThanOrEqual(MAX_RECENT_CLOSED_APPEALS);
  });

  it(`keeps the live feed bounded (≤ 2 × FEED_LENGTH) with the newest ${FEED_LENGTH} events last, in stream order`, () => {
    const f = createEventFactory();
    const state = createProjection();
    const events: StreamEvent[] = [];
    for (let i = 0; i < 1000; i += 1) events.push(f.registered(`a${i}`));
    for (const event of events) {
      applyEvent(state, event);
      expect(state.feed.length).toBeLessThanOrEqual(2 * FEED_LENGTH);
    }
    expect(state.feed.length).toBeGreaterThanOrEqual(FEED_LENGTH);
    expect(state.feed.slice(-FEED_LENGTH)).toEqual(events.slice(-FEED_LENGTH));
    for (let i = 1; i < state.feed.length; i += 1) {
      expect(
        compareStreamIds((state.feed[i] as StreamEvent).streamId, (state.feed[i - 1] as StreamEvent).streamId),
      ).toBe(1);
    }
  });

  it(`forgets the oldest event id after DEDUP_WINDOW (${DEDUP_WINDOW}) newer ones (FIFO)`, () => {
    const f = createEventFactory();
    const state = createProjection();
    const opened = f.incidentOpened('i1');
    applyEvent(state, opened);
    const first = f.incidentUpdated('i1', { note: 'first' });
    const second = f.incidentUpdated('i1', { note: 'second' });
    applyEvent(state, first);
    applyEvent(state, second);
    const started = performance.now();
    // DEDUP_WINDOW − 2 more applied events: `opened` falls out, `first` is the oldest remembered
    for (let i = 0; i < DEDUP_WINDOW - 2; i += 1) {
      applyEvent(state, { ...second, id: `bulk-${i}`, streamId: `${i + 10}-2` });
    }
    const elapsed = performance.now() - started;
    expect(state.seen.size).toBe(DEDUP_WINDOW);
    expect(state.seen.has(opened.id)).toBe(false);
    expect(state.seen.has(first.id)).toBe(true);
    expect(applyEvent(state, { ...first, streamId: f.nextStreamId() })).toEqual({ kind: 'duplicate' });
    expect(state.seen.size).toBe(DEDUP_WINDOW);

    // one more applied event pushes `first` out: a replay of it now applies again
    applyEvent(state, { ...second, id: 'one-more', streamId: f.nextStreamId() });
    expect(state.seen.size).toBe(DEDUP_WINDOW);
    expect(state.seen.has(first.id)).toBe(false);
    expect(applyEvent(state, { ...first, streamId: f.nextStreamId() })).toEqual({ kind: 'applied' });
    // the replay of an event that left the window is not recognised as a duplicate
    expect(applyEvent(state, { ...opened, streamId: f.nextStreamId() }).kind).toBe('ignored');
    expect(elapsed).toBeLessThan(10_000);
  }, 30_000);
});

describe('skipEntry', () => {
  it('moves the cursor past a dead-lettered entry and changes nothing else', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('a1'));
    const before = contentOf(state);
    const counters = { ...state.counters };
    skipEntry(state, '1795000009999-3');
    expect(state.cursor).toBe('1795000009999-3');
    expect(contentOf(state)).toBe(before);
    expect(state.counters).toEqual(counters);
  });
});

describe('determinism', () => {
  it('gives the same state for the same events', () => {
    const f = createEventFactory();
    const events = [
      f.registered('a1', { at: T0 }),
      f.registered('a2', { at: T0 + MINUTE, region: 'KZ-79', category: 'waste' }),
      f.assigned('a1', { at: T0 + 2 * MINUTE }),
      f.incidentOpened('i1', { appealIds: ['a1'] }),
      f.statusChanged('a2', 'rejected', { at: T0 + HOUR }),
      f.assigned('zzz'),
    ];
    const a = createProjection();
    const b = createProjection();
    applyAll(a, events);
    applyAll(b, events);
    expect(JSON.stringify(serializeProjection(a))).toBe(JSON.stringify(serializeProjection(b)));
  });
});

describe('follow-up events must name their appeal or incident region', () => {
  it('ignores an assignment or status change that names another region (it would be routed to the wrong scope)', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('A-1', { region: 'KZ-71' }));
    const outcome = applyEvent(state, f.statusChanged('A-1', 'in_progress', { region: 'KZ-75', comment: 'x' }));
    expect(outcome).toEqual({ kind: 'ignored', reason: 'appeal A-1 is in KZ-71, the event says KZ-75' });
    expect(applyEvent(state, f.assigned('A-1', { region: 'KZ-75' })).kind).toBe('ignored');
    expect(state.appeals.get('A-1')?.status).toBe('registered');
    applyEvent(state, f.incidentOpened('I-1', { region: 'KZ-71' }));
    expect(applyEvent(state, f.incidentResolved('I-1', { region: 'KZ-19' })).kind).toBe('ignored');
  });
});

describe('appeal.escalated', () => {
  it('raises the priority and recomputes both due times from registration for the new priority', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('a1', { at: T0, priority: 'normal', category: 'heating' }));
    const before = { ...appealOf(state, 'a1') };
    expect(applyEvent(state, f.escalated('a1', 'emergency', { at: T0 + HOUR, comment: 'дети' }))).toEqual({
      kind: 'applied',
    });
    const heating = getCategory('heating');
    const after = appealOf(state, 'a1');
    expect(after.priority).toBe('emergency');
    expect(after.responseDueAt).toBe(T0 + heating.responseSla.emergency * MINUTE);
    expect(after.dueAt).toBe(T0 + heating.resolutionSla.emergency * MINUTE);
    expect(after.dueAt).toBeLessThan(before.dueAt);
    expect(after.updatedAt).toBe(T0 + HOUR);
    expect(after.streamIds).toHaveLength(2);
  });

  it('keeps an explicit slaMinutes as the resolution target', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('a1', { at: T0, slaMinutes: 90 }));
    applyEvent(state, f.escalated('a1', 'high'));
    expect(appealOf(state, 'a1').dueAt).toBe(T0 + 90 * MINUTE);
    expect(appealOf(state, 'a1').priority).toBe('high');
  });

  it('ignores an escalation of an unknown appeal or one naming another region, changing nothing', () => {
    const f = createEventFactory();
    const state = createProjection();
    applyEvent(state, f.registered('a1', { region: 'KZ-71' }));
    const content = contentOf(state);
    expect(applyEvent(state, f.escalated('nope', 'high')).kind).toBe('ignored');
    expect(applyEvent(state, f.escalated('a1', 'high', { region: 'KZ-75' })).kind).toBe('ignored');
    expect(contentOf(state)).toBe(content);
  });
});
