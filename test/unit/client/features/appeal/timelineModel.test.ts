import { describe, expect, it } from 'vitest';
import { timelineEntries, timelineTitleKey } from '../../../../../client/src/features/appeal/timelineModel';
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
