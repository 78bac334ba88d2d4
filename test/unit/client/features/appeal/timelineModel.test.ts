import { describe, expect, it } from 'vitest';
import { actorLine, timelineEntries, timelineTitleKey } from '../../../../../client/src/features/appeal/timelineModel';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import { createEventFactory, MINUTE, T0 } from '../../../shared/factories';

describe('appeal timeline', () => {
  const f = createEventFactory();
  const events = [
    f.registered('A-1', { channel: 'telegram', category: 'gas', priority: 'high' }),
    f.assigned('A-1', { service: 'Алматы Газ', assignee: 'бригада 7', at: T0 + 5 * MINUTE }),
    f.statusChanged('A-1', 'in_progress', { at: T0 + 6 * MINUTE }),
    f.statusChanged('A-1', 'resolved', { comment: 'Утечка устранена', at: T0 + 50 * MINUTE }),
  ] as const;
  const [, assigned, inProgress] = events;

  it('turns each event into a line with what happened, when and who', () => {
    const entries = timelineEntries(events);
    expect(entries.map((e) => e.kind)).toEqual(['registered', 'assigned', 'status', 'status']);
    expect(entries[0]).toMatchObject({ at: T0, channel: 'telegram', category: 'gas', priority: 'high' });
    expect(entries[1]).toMatchObject({ service: 'Алматы Газ', assignee: 'бригада 7', at: T0 + 5 * MINUTE });
    expect(entries[3]).toMatchObject({ status: 'resolved', comment: 'Утечка устранена' });
    expect(entries[2]).toMatchObject({ comment: null });
  });

  it('shows each stream entry once', () => {
    expect(timelineEntries([...events, assigned])).toHaveLength(4);
  });

  it('has a translated headline for every kind, in all three languages', () => {
    const escalated = { ...inProgress, type: 'appeal.escalated', data: { appealId: 'A-1', priority: 'emergency' } };
    const incident = f.incidentOpened('I-1', { appealIds: ['A-1'] });
    const entries = timelineEntries([...events, escalated as never, incident]);
    for (const language of ['ru', 'kk', 'en'] as const) {
      const i18n = createI18n(language);
      for (const entry of entries) {
        const key = timelineTitleKey(entry);
        expect(i18n.t(key), `${language}:${key}`).not.toBe(key);
      }
    }
    const resolved = entries.find((e) => e.kind === 'status' && e.status === 'resolved');
    expect(resolved && timelineTitleKey(resolved)).toBe('appeal.event.status.resolved');
    expect(resolved && createI18n('kk').t(timelineTitleKey(resolved))).toBe('Орындалды');
  });
});

describe('who acted (issue 18)', () => {
  const f = createEventFactory('who');
  it('says a staff name and role, a system, or "not recorded", in every language', () => {
    const staff = {
      ...f.statusChanged('A-9', 'in_progress'),
      actor: { kind: 'user', id: 'dana', role: 'supervisor', name: 'Дана Ахметова' },
    } as const;
    const open311 = {
      ...f.assigned('A-9'),
      actor: { kind: 'user', id: 'city-app', role: 'agent', via: 'open311' },
    } as const;
    const simulated = { ...f.statusChanged('A-9', 'resolved'), actor: { kind: 'system', name: 'simulator' } } as const;
    const older = f.statusChanged('A-9', 'closed');
    const entries = timelineEntries([staff, open311, simulated, older]);
    expect(entries.map((e) => actorLine(e.actor))).toEqual([
      { key: 'actor.user', name: 'Дана Ахметова', role: 'supervisor', via: null },
      { key: 'actor.user', name: 'city-app', role: 'agent', via: 'open311' },
      { key: 'actor.system', system: 'simulator' },
      { key: 'actor.unknown' },
    ]);
    for (const language of ['ru', 'kk', 'en'] as const) {
      const i18n = createI18n(language);
      for (const key of [
        'actor.unknown',
        'actor.system.simulator',
        'actor.system.archive',
        'actor.viaOpen311',
      ] as const) {
        expect(i18n.exists(key), `${language}: ${key}`).toBe(true);
        if (language !== 'en') expect(i18n.t(key)).toMatch(/[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
      }
    }
  });

  it('lists the appeals an incident event linked', () => {
    const opened = f.incidentOpened('I-1', { appealIds: ['A-1', 'A-2'] });
    const [entry] = timelineEntries([opened]);
    expect(entry).toMatchObject({ kind: 'incident', appealIds: ['A-1', 'A-2'], actor: null });
  });
});
