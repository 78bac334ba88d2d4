import { describe, expect, it } from 'vitest';
import { applyEvent, createProjection, type StreamEvent } from '@shared';
import { feedLabelKey, selectFeed, toFeedItem, type FeedItem } from '../../../../client/src/state/feed';
import { createEventFactory, T0 } from '../../shared/factories';

function stateWith(events: StreamEvent[]) {
  const state = createProjection();
  for (const event of events) applyEvent(state, event);
  return state;
}

describe('selectFeed', () => {
  it('lists the newest first, at most `limit`', () => {
    const f = createEventFactory();
    const events = Array.from({ length: 40 }, (_, i) => f.registered(`A-${i}`));
    const feed = selectFeed(stateWith(events), 30);
    expect(feed).toHaveLength(30);
    expect(feed[0]?.entityId).toBe('A-39');
    expect(feed[29]?.entityId).toBe('A-10');
  });

  it('takes category and priority of later appeal events from the replica', () => {
    const f = createEventFactory();
    const state = stateWith([
      f.registered('A-1', { category: 'gas', priority: 'emergency', region: 'KZ-75' }),
      f.assigned('A-1', { region: 'KZ-75' }),
      f.statusChanged('A-1', 'in_progress', { region: 'KZ-75' }),
    ]);
    const [changed, assigned, registered] = selectFeed(state);
    expect(registered).toMatchObject({
      type: 'appeal.registered',
      category: 'gas',
      priority: 'emergency',
      region: 'KZ-75',
    });
    expect(assigned).toMatchObject({
      type: 'appeal.assigned',
      entity: 'appeal',
      category: 'gas',
      priority: 'emergency',
    });
    expect(changed).toMatchObject({ status: 'in_progress', category: 'gas', priority: 'emergency' });
  });

  it('shows incidents with their title and current severity', () => {
    const f = createEventFactory();
    const state = stateWith([
      f.incidentOpened('I-1', { title: 'Авария на теплотрассе', severity: 'major', category: 'heating' }),
      f.incidentUpdated('I-1', { severity: 'critical' }),
      f.incidentResolved('I-1'),
    ]);
    const [resolved, updated, opened] = selectFeed(state);
    expect(opened).toMatchObject({
      entity: 'incident',
      entityId: 'I-1',
      title: 'Авария на теплотрассе',
      severity: 'major',
    });
    expect(updated).toMatchObject({ title: 'Авария на теплотрассе', severity: 'critical', priority: null });
    expect(resolved).toMatchObject({ type: 'incident.resolved', category: 'heating' });
  });

  it('survives events about appeals the replica does not know', () => {
    const f = createEventFactory();
    const item = toFeedItem(createProjection(), f.assigned('unknown'));
    expect(item).toMatchObject({ entityId: 'unknown', category: null, priority: null });
  });

  it('never carries description, address or citizen data', () => {
    const f = createEventFactory();
    const event = f.registered('A-1', {
      citizen: { name: 'Айгерим Нурланова', phone: '+7 701 000 00 00' },
      description: 'Нет отопления, кв. 12',
      location: { lat: 51.1, lng: 71.4, address: 'ул. Кенесары, 1' },
    });
    const item = toFeedItem(stateWith([event]), event);
    const text = JSON.stringify(item);
    for (const secret of ['Айгерим', '+7 701', 'кв. 12', 'Кенесары']) expect(text).not.toContain(secret);
    expect(Object.keys(item).sort()).toEqual(
      [
        'at',
        'category',
        'entity',
        'entityId',
        'key',
        'priority',
        'region',
        'severity',
        'status',
        'title',
        'type',
      ].sort(),
    );
  });

  it('uses the event time (at), not the arrival time', () => {
    const f = createEventFactory();
    const event = f.registered('A-1', { at: T0 - 60_000 });
    expect(toFeedItem(stateWith([event]), event).at).toBe(T0 - 60_000);
  });

  it('keeps item identity across calls with a cache (memoised rows)', () => {
    const f = createEventFactory();
    const state = stateWith([f.registered('A-1'), f.registered('A-2')]);
    const cache = new WeakMap<StreamEvent, FeedItem>();
    const first = selectFeed(state, 30, cache);
    applyEvent(state, f.registered('A-3'));
    const second = selectFeed(state, 30, cache);
    expect(second[1]).toBe(first[0]);
    expect(second[2]).toBe(first[1]);
  });
});

describe('feedLabelKey', () => {
  it('maps event types and statuses to message keys', () => {
    expect(feedLabelKey({ type: 'appeal.registered', status: null })).toBe('status.registered');
    expect(feedLabelKey({ type: 'appeal.assigned', status: null })).toBe('status.assigned');
    expect(feedLabelKey({ type: 'appeal.status_changed', status: 'redirected' })).toBe('status.redirected');
    expect(feedLabelKey({ type: 'incident.opened', status: null })).toBe('incident.opened');
    expect(feedLabelKey({ type: 'incident.resolved', status: null })).toBe('incident.resolved');
  });
});
