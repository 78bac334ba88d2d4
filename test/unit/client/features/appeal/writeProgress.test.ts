import { describe, expect, it } from 'vitest';
import {
  errorKeyOf,
  hasReached,
  KNOWN_ERROR_CODES,
  waitingKeyOf,
  writeProgressOf,
} from '../../../../../client/src/features/appeal/writeProgress';
import { createI18n } from '../../../../../client/src/i18n/createI18n';

const accepted = { phase: 'accepted' as const, data: { eventId: 'e1', cursor: '1795000000010-0', appealId: 'A-1' } };

describe('write progress', () => {
  it('goes sending → waiting → sent → confirmed as the live cursor reaches the write', () => {
    expect(writeProgressOf(null, '0-0')).toEqual({ state: 'idle' });
    expect(writeProgressOf({ phase: 'sending', attempt: 1 }, '0-0')).toEqual({ state: 'sending' });
    expect(writeProgressOf({ phase: 'waiting', attempt: 1, status: 0, retryAt: 5 }, '0-0')).toEqual({
      state: 'waiting',
      status: 0,
      retryAt: 5,
    });
    expect(writeProgressOf(accepted, '1795000000009-5').state).toBe('sent');
    expect(writeProgressOf(accepted, '1795000000010-0')).toEqual({
      state: 'confirmed',
      cursor: '1795000000010-0',
      appealId: 'A-1',
      incidentId: null,
    });
    expect(writeProgressOf(accepted, '1795000000100-0').state).toBe('confirmed');
  });

  it('carries a refusal and treats sign-out and stop alike', () => {
    const error = { code: 'not_higher', message: 'already high' };
    expect(writeProgressOf({ phase: 'refused', status: 409, error }, '0-0')).toEqual({
      state: 'refused',
      status: 409,
      error,
    });
    expect(writeProgressOf({ phase: 'stopped' }, '0-0').state).toBe('stopped');
    expect(writeProgressOf({ phase: 'signed-out' }, '0-0').state).toBe('stopped');
  });

  it('compares cursors numerically and never confirms with an unreadable one', () => {
    expect(hasReached('10-0', '9-0')).toBe(true);
    expect(hasReached('9-9', '10-0')).toBe(false);
    expect(hasReached('junk', '1-0')).toBe(false);
  });
});

describe('error words', () => {
  it('translates the known codes, and falls back by status', () => {
    expect(errorKeyOf(409, { code: 'invalid_transition' })).toBe('appeal.error.invalid_transition');
    expect(errorKeyOf(409, { code: 'something_new' })).toBe('appeal.error.conflict');
    expect(errorKeyOf(403, null)).toBe('appeal.error.forbidden');
    expect(errorKeyOf(404, null)).toBe('appeal.error.not_found');
    expect(errorKeyOf(418, null)).toBe('appeal.error.refused');
    expect(waitingKeyOf(0)).toBe('appeal.write.offline');
    expect(waitingKeyOf(429)).toBe('appeal.write.rateLimited');
    expect(waitingKeyOf(503)).toBe('appeal.write.catchingUp');
    expect(waitingKeyOf(500)).toBe('appeal.write.serverError');
  });

  it('has Kazakh words for every known code', () => {
    const i18n = createI18n('kk');
    for (const code of KNOWN_ERROR_CODES) {
      const key = errorKeyOf(409, { code });
      expect(i18n.t(key), code).not.toBe(key);
      expect(i18n.t(key), code).toMatch(/[а-яәғқңөұүһі]/i);
    }
  });
});
