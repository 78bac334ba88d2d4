import { describe, expect, it } from 'vitest';
import {
  APPEAL_STATUSES,
  CHANNELS,
  INCIDENT_STATUSES,
  PRIORITIES,
  SEVERITIES,
  STATUS_CHANGES,
  TERMINAL_STATUSES,
  isOpenStatus,
} from '@shared';

describe('vocabularies', () => {
  it('match design.md', () => {
    expect(CHANNELS).toEqual(['call', 'app', 'telegram', 'web', 'social', 'walk_in']);
    expect(PRIORITIES).toEqual(['low', 'normal', 'high', 'emergency']);
    expect(SEVERITIES).toEqual(['minor', 'major', 'critical']);
    expect(STATUS_CHANGES).toEqual(['in_progress', 'resolved', 'closed', 'rejected', 'reopened', 'redirected']);
    expect(INCIDENT_STATUSES).toEqual(['open', 'resolved']);
  });

  it('adds the implicit registered and assigned statuses to the status changes', () => {
    expect(APPEAL_STATUSES).toEqual(['registered', 'assigned', ...STATUS_CHANGES]);
  });
});

describe('isOpenStatus', () => {
  it.each(['resolved', 'closed', 'rejected'] as const)('%s is not open (not in the backlog)', (status) => {
    expect(isOpenStatus(status)).toBe(false);
    expect(TERMINAL_STATUSES.has(status)).toBe(true);
  });

  it.each(['registered', 'assigned', 'in_progress', 'reopened', 'redirected'] as const)('%s is open', (status) => {
    expect(isOpenStatus(status)).toBe(true);
  });

  it('has exactly three terminal statuses', () => {
    expect(TERMINAL_STATUSES.size).toBe(3);
  });
});
