import { describe, expect, it } from 'vitest';
import { ALERT_HEIGHT_REM, alertsThatFit, MORE_LINE_REM } from '../../../../../client/src/features/wallscreen/alertFit';

const OVERDUE = ALERT_HEIGHT_REM.overdue;
const BURST = ALERT_HEIGHT_REM.burst;

describe('alertsThatFit', () => {
  it('shows all alerts that fit, with no "more" line', () => {
    expect(alertsThatFit([], 10)).toEqual({ shown: 0, more: 0 });
    expect(alertsThatFit(['burst', 'overdue'], BURST + OVERDUE)).toEqual({ shown: 2, more: 0 });
  });

  it('leaves room for the "N more" line when some do not fit', () => {
    const kinds = ['overdue', 'overdue', 'overdue', 'backlog'] as const;
    // Three fit exactly, but then "1 more" would not: two and "2 more".
    expect(alertsThatFit(kinds, 3 * OVERDUE)).toEqual({ shown: 2, more: 2 });
    expect(alertsThatFit(kinds, 3 * OVERDUE + MORE_LINE_REM)).toEqual({ shown: 3, more: 1 });
  });

  it('counts a burst taller than the others', () => {
    expect(alertsThatFit(['burst', 'burst', 'overdue'], 2 * OVERDUE + MORE_LINE_REM)).toEqual({ shown: 1, more: 2 });
  });

  it('always shows the most urgent one, however small the panel', () => {
    expect(alertsThatFit(['burst', 'overdue'], 1)).toEqual({ shown: 1, more: 1 });
  });
});
