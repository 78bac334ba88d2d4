import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  BUILT_IN_CALENDAR,
  BUILT_IN_CALENDAR_YEARS,
  computeStats,
  confirmationOf,
  createProjection,
  defineCalendarYear,
  deserializeProjection,
  extendedDeadline,
  isAwaitingConfirmation,
  isLegallyOverdue,
  isOverdue,
  legalDeadline,
  redirectDeadline,
  serializeProjection,
  type Appeal,
  type ProjectionState,
} from '@shared';
import { createEventFactory, DAY, HOUR, T0 } from '../factories';

const WINDOW = 14 * DAY;
/** Wed 18 March 2026 14:00 in Astana: the worked case over Nauryz (docs/legal-deadlines.md, case 1). */
const NAURYZ_CASE = Date.parse('2026-03-18T14:00:00+05:00');

function appealOf(state: ProjectionState, id: string): Appeal {
  const appeal = state.appeals.get(id);
  if (!appeal) throw new Error(`no appeal ${id}`);
  return appeal;
}

/** A projection with one appeal registered at `at`, and the factory that made it. */
function withAppeal(at = T0, id = 'a1') {
  const f = createEventFactory();
  const state = createProjection();
  expect(applyEvent(state, f.registered(id, { at })).kind).toBe('applied');
  return { f, state };
}

function resolved(at = T0, outcome?: 'satisfied' | 'refused') {
  const { f, state } = withAppeal(at);
  const options = outcome ? { at: at + HOUR, outcome } : { at: at + HOUR };
  expect(applyEvent(state, f.statusChanged('a1', 'resolved', options)).kind).toBe('applied');
  return { f, state };
}

describe('legal clock on registration', () => {
  it('counts the worked Nauryz case: 18 March 2026 14:00 → Monday 13 April, redirect Thursday 26 March', () => {
    const { state } = withAppeal(NAURYZ_CASE);
    const appeal = appealOf(state, 'a1');
    expect(new Date(appeal.legalDueAt).toISOString()).toBe('2026-04-13T18:59:59.999Z');
    expect(new Date(appeal.redirectDueAt).toISOString()).toBe('2026-03-26T18:59:59.999Z');
    expect(appeal.isLegalProvisional).toBe(true);
    expect(appeal).toMatchObject({ extension: null, outcome: null, feedback: null });
  });

  it('equals legalDeadline and redirectDeadline of the calendar module over random instants 2023–2028', () => {
    let seed = 17;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const f = createEventFactory();
    const state = createProjection();
    const from = Date.parse('2023-01-01T00:00:00Z');
    const span = Date.parse('2028-12-31T00:00:00Z') - from;
    for (let i = 0; i < 2000; i += 1) {
      // Half of them a few seconds around an Almaty midnight (19:00 UTC since March 2024).
      let at = from + Math.floor(random() * span);
      if (i % 2 === 0) at = Math.floor(at / DAY) * DAY + 19 * HOUR + Math.floor((random() - 0.5) * 4000);
      expect(applyEvent(state, f.registered(`r${i}`, { at })).kind).toBe('applied');
      const appeal = appealOf(state, `r${i}`);
      const legal = legalDeadline(BUILT_IN_CALENDAR, at);
      expect(new Date(appeal.legalDueAt).toISOString()).toBe(legal.at);
      expect(appeal.isLegalProvisional).toBe(legal.provisional);
      expect(new Date(appeal.redirectDueAt).toISOString()).toBe(redirectDeadline(BUILT_IN_CALENDAR, at).at);
    }
  });
});

describe('appeal.extended', () => {
  it('moves the legal deadline to the extended term counted from the day of receipt', () => {
    const { f, state } = withAppeal(NAURYZ_CASE);
    const event = f.extended('a1', 2, { at: NAURYZ_CASE + 5 * DAY, reason: 'Экспертиза' });
    expect(applyEvent(state, event).kind).toBe('applied');
    const appeal = appealOf(state, 'a1');
    const expected = extendedDeadline(BUILT_IN_CALENDAR, NAURYZ_CASE, 2);
    // 18 March + 2 months = Monday 18 May 2026, a working day.
    expect(expected.date).toBe('2026-05-18');
    expect(new Date(appeal.legalDueAt).toISOString()).toBe(expected.at);
    expect(appeal.extension).toEqual({ months: 2, reason: 'Экспертиза', at: NAURYZ_CASE + 5 * DAY });
    expect(appeal.streamIds).toContain(event.streamId);
  });

  it('is ignored when it would not move the deadline later, and on a finished appeal', () => {
    const { f, state } = withAppeal(NAURYZ_CASE);
    expect(applyEvent(state, f.extended('a1', 2, { at: NAURYZ_CASE + DAY })).kind).toBe('applied');
    const shorter = applyEvent(state, f.extended('a1', 1, { at: NAURYZ_CASE + 2 * DAY }));
    expect(shorter).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('would not move') });
    expect(appealOf(state, 'a1').extension?.months).toBe(2);
    applyEvent(state, f.statusChanged('a1', 'resolved', { at: NAURYZ_CASE + 3 * DAY, outcome: 'satisfied' }));
    const late = applyEvent(state, f.extended('a1', 2, { at: NAURYZ_CASE + 4 * DAY }));
    expect(late).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('needs an open appeal') });
    expect(state.counters.ignored).toBe(2);
    expect(state.counters.lastIgnored).toContain('needs an open appeal');
  });

  it('is ignored for an unknown appeal and a region mismatch', () => {
    const { f, state } = withAppeal();
    expect(applyEvent(state, f.extended('nope', 1)).kind).toBe('ignored');
    expect(applyEvent(state, f.extended('a1', 1, { region: 'KZ-75' }))).toMatchObject({
      kind: 'ignored',
      reason: expect.stringContaining('KZ-71'),
    });
  });
});

describe('outcomes', () => {
  it('records the outcome of a resolution, keeps it through closing, and says unknown when none was sent', () => {
    const { f, state } = resolved(T0, 'refused');
    expect(appealOf(state, 'a1').outcome).toBe('refused');
    applyEvent(state, f.statusChanged('a1', 'closed', { at: T0 + 2 * HOUR }));
    expect(appealOf(state, 'a1').outcome).toBe('refused');
    const other = resolved(T0);
    expect(appealOf(other.state, 'a1').outcome).toBe('unknown');
  });

  it('clears the outcome on a reopen', () => {
    const { f, state } = resolved(T0, 'satisfied');
    applyEvent(state, f.statusChanged('a1', 'reopened', { at: T0 + 2 * HOUR }));
    expect(appealOf(state, 'a1').outcome).toBeNull();
  });
});

describe('appeal.feedback and confirmation', () => {
  it('records a confirmation: the appeal leaves the queue and counts as solved positively', () => {
    const { f, state } = resolved(T0, 'satisfied');
    expect(confirmationOf(appealOf(state, 'a1'), T0 + DAY, WINDOW)).toBe('awaiting');
    expect(isAwaitingConfirmation(appealOf(state, 'a1'), T0 + DAY, WINDOW)).toBe(true);
    applyEvent(state, f.feedback('a1', 'confirmed', { at: T0 + DAY, rating: 4, comment: 'Спасибо' }));
    const appeal = appealOf(state, 'a1');
    expect(appeal.feedback).toEqual({ result: 'confirmed', rating: 4, comment: 'Спасибо', at: T0 + DAY });
    expect(confirmationOf(appeal, T0 + DAY, WINDOW)).toBe('confirmed');
    expect(isAwaitingConfirmation(appeal, T0 + DAY, WINDOW)).toBe(false);
    const stats = computeStats(state, T0 + DAY, 'all', [], WINDOW);
    expect(stats.overall).toMatchObject({
      finished: 1,
      solvedPositively: 1,
      awaitingConfirmation: 0,
      ratingSum: 4,
      ratingCount: 1,
    });
    expect(stats.regions['KZ-71']).toMatchObject({ finished: 1, solvedPositively: 1 });
  });

  it('reopens on not_confirmed exactly like a reopened status change', () => {
    const viaFeedback = resolved(T0, 'satisfied');
    const viaStatus = resolved(T0, 'satisfied');
    applyEvent(viaFeedback.state, viaFeedback.f.feedback('a1', 'not_confirmed', { at: T0 + DAY }));
    applyEvent(viaStatus.state, viaStatus.f.statusChanged('a1', 'reopened', { at: T0 + DAY }));
    const a = appealOf(viaFeedback.state, 'a1');
    const b = appealOf(viaStatus.state, 'a1');
    expect({ ...a, feedback: null }).toEqual(b);
    expect(a).toMatchObject({ status: 'reopened', resolvedAt: null, outcome: null });
    expect(a.feedback?.result).toBe('not_confirmed');
    expect(viaFeedback.state.metrics).toEqual(viaStatus.state.metrics);
    expect(viaFeedback.state.closedAppeals.has('a1')).toBe(false);
    // Resolved again: the old callback is about the earlier resolution, so it awaits again.
    applyEvent(viaFeedback.state, viaFeedback.f.statusChanged('a1', 'resolved', { at: T0 + 2 * DAY }));
    expect(confirmationOf(appealOf(viaFeedback.state, 'a1'), T0 + 2 * DAY, WINDOW)).toBe('awaiting');
  });

  it('keeps an unreachable citizen in the queue until the window ends, then counts it as not reopened', () => {
    const { f, state } = resolved(T0);
    applyEvent(state, f.feedback('a1', 'unreachable', { at: T0 + DAY }));
    const appeal = appealOf(state, 'a1');
    expect(confirmationOf(appeal, T0 + 2 * DAY, WINDOW)).toBe('unreachable');
    expect(isAwaitingConfirmation(appeal, T0 + 2 * DAY, WINDOW)).toBe(true);
    const resolvedAt = T0 + HOUR;
    expect(confirmationOf(appeal, resolvedAt + WINDOW, WINDOW)).toBe('unreachable');
    expect(confirmationOf(appeal, resolvedAt + WINDOW + 1, WINDOW)).toBe('expired');
    expect(computeStats(state, resolvedAt + WINDOW + 1, 'all', [], WINDOW).overall).toMatchObject({
      finished: 1,
      solvedPositively: 1,
      awaitingConfirmation: 0,
    });
  });

  it('is ignored on an appeal that is not resolved or closed', () => {
    const { f, state } = withAppeal();
    expect(applyEvent(state, f.feedback('a1', 'confirmed'))).toMatchObject({
      kind: 'ignored',
      reason: expect.stringContaining('needs a resolved or closed appeal'),
    });
    applyEvent(state, f.statusChanged('a1', 'rejected', { at: T0 + HOUR }));
    expect(applyEvent(state, f.feedback('a1', 'confirmed')).kind).toBe('ignored');
    expect(confirmationOf(appealOf(state, 'a1'), T0 + HOUR, WINDOW)).toBeNull();
  });

  it('counts a rejected appeal as finished but never solved positively', () => {
    const { f, state } = withAppeal();
    applyEvent(state, f.statusChanged('a1', 'rejected', { at: T0 + HOUR, outcome: 'refused' }));
    expect(computeStats(state, T0 + 30 * DAY, 'all', [], WINDOW).overall).toMatchObject({
      finished: 1,
      solvedPositively: 0,
    });
  });
});

describe('two overdue clocks', () => {
  it('says which deadline an open appeal is past', () => {
    const { state } = withAppeal(NAURYZ_CASE);
    const appeal = appealOf(state, 'a1');
    const afterSla = appeal.dueAt + 1;
    expect(isOverdue(appeal, afterSla)).toBe(true);
    expect(isLegallyOverdue(appeal, afterSla)).toBe(false);
    expect(isLegallyOverdue(appeal, appeal.legalDueAt)).toBe(false);
    expect(isLegallyOverdue(appeal, appeal.legalDueAt + 1)).toBe(true);
    const stats = computeStats(state, appeal.legalDueAt + 1, 'all', [], WINDOW);
    expect(stats.overall).toMatchObject({ open: 1, overdue: 1, legalOverdue: 1 });
    expect(computeStats(state, afterSla, ['KZ-71'], [], WINDOW).overall).toMatchObject({ overdue: 1, legalOverdue: 0 });
  });
});

describe('calendar.year_added', () => {
  /** 2026 with a transfer that makes Friday 10 April 2026 a day off (a made-up order). */
  const corrected2026 = defineCalendarYear({
    year: 2026,
    kurbanAit: '2026-05-27',
    transfers: [{ date: '2026-04-10', kind: 'day_off' }],
    verified: { holidays: true, transfers: true },
    source: 'test',
  });

  it('recounts the provisional legal deadlines of open appeals, and nothing else', () => {
    const { f, state } = withAppeal(NAURYZ_CASE);
    applyEvent(state, f.registered('done', { at: NAURYZ_CASE }));
    applyEvent(state, f.statusChanged('done', 'resolved', { at: NAURYZ_CASE + HOUR }));
    const before = appealOf(state, 'done').legalDueAt;
    const event = f.calendarYearAdded(corrected2026);
    expect(applyEvent(state, event).kind).toBe('applied');
    const appeal = appealOf(state, 'a1');
    // One working day fewer before the 15th: Tuesday 14 April, no longer provisional.
    expect(new Date(appeal.legalDueAt).toISOString()).toBe('2026-04-14T18:59:59.999Z');
    expect(appeal.isLegalProvisional).toBe(false);
    expect(appealOf(state, 'done').legalDueAt).toBe(before);
    expect(state.addedYears).toEqual([2026]);
    // Not a line of the wall's feed; a new registration counts on the new calendar.
    expect(state.feed.some((e) => e.type === 'calendar.year_added')).toBe(false);
    applyEvent(state, f.registered('a2', { at: NAURYZ_CASE }));
    expect(appealOf(state, 'a2').legalDueAt).toBe(appeal.legalDueAt);
  });

  it('keeps an extension when it recounts', () => {
    const { f, state } = withAppeal(Date.parse('2026-03-09T10:00:00+05:00'));
    applyEvent(state, f.extended('a1', 1, { at: T0 }));
    applyEvent(state, f.calendarYearAdded(corrected2026));
    // 9 March + 1 month = Thursday 9 April; the made-up transfer does not touch it.
    expect(new Date(appealOf(state, 'a1').legalDueAt).toISOString()).toBe('2026-04-09T18:59:59.999Z');
    expect(appealOf(state, 'a1').isLegalProvisional).toBe(false);
  });

  it('travels in snapshots: a replica restored from one counts the same deadlines', () => {
    const { f, state } = withAppeal(NAURYZ_CASE);
    applyEvent(state, f.calendarYearAdded(corrected2026));
    applyEvent(state, f.extended('a1', 1, { at: NAURYZ_CASE + DAY, reason: 'Запрос' }));
    applyEvent(state, f.registered('a2', { at: NAURYZ_CASE }));
    applyEvent(state, f.statusChanged('a2', 'resolved', { at: NAURYZ_CASE + HOUR, outcome: 'partly' }));
    applyEvent(state, f.feedback('a2', 'confirmed', { at: NAURYZ_CASE + DAY, rating: 5 }));
    const restored = deserializeProjection(JSON.parse(JSON.stringify(serializeProjection(state))));
    if (!restored) throw new Error('not restored');
    expect(restored.appeals).toEqual(state.appeals);
    expect(restored.calendar).toEqual(state.calendar);
    expect(restored.addedYears).toEqual([2026]);
    applyEvent(restored, f.registered('a3', { at: NAURYZ_CASE }));
    applyEvent(state, f.registered('a3', { at: NAURYZ_CASE, id: 'same' }));
    expect(appealOf(restored, 'a3').legalDueAt).toBe(appealOf(state, 'a3').legalDueAt);
  });

  it('fills the law clock of appeals in a snapshot written before it', () => {
    const { state } = withAppeal(NAURYZ_CASE);
    const data = JSON.parse(JSON.stringify(serializeProjection(state))) as ReturnType<typeof serializeProjection>;
    const {
      legalDueAt: _legal,
      isLegalProvisional: _provisional,
      redirectDueAt: _redirect,
      extension: _extension,
      outcome: _outcome,
      feedback: _feedback,
      ...old
    } = data.appeals[0] as Appeal;
    data.appeals = [old as Appeal];
    delete data.calendarYears;
    const restored = deserializeProjection(data);
    expect(restored?.appeals.get('a1')).toEqual(appealOf(state, 'a1'));
    expect(restored?.calendar.years).toEqual(
      Object.fromEntries(BUILT_IN_CALENDAR_YEARS.map((year) => [String(year.year), year])),
    );
  });
});
