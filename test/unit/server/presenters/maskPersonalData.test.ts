import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, scrubPhones } from '../../../../server/src/presenters/maskPersonalData';
import { presentAppeal, presentEvent, ANONYMOUS_VIEWER } from '../../../../server/src/presenters/present';
import { applyEvent, createProjection, type StreamEvent } from '@shared';
import { appealRegistered } from '../../../support/events';

// A phone-like run of digits not embedded in a longer number (timestamps are numbers too).
const PHONE = /(?<!\d)\+?[78][\s\-()]*\d{3}[\s\-()]*\d{3}[\s\-()]*\d{2}[\s\-()]*\d{2}(?!\d)/;

describe('personal data masking', () => {
  it.each([
    ['+7 701 234 56 12', '+7 7** *** ** 12'],
    ['87012345612', '+7 7** *** ** 12'],
    ['+7(701)234-56-12', '+7 7** *** ** 12'],
    ['12', '***'],
    ['+44 20 7946 0958', '*** 58'],
  ])('masks the phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('keeps initials only, in any script', () => {
    expect(maskName('Айгерім Сапарова')).toBe('А. С.');
    expect(maskName('  Ұлан  ')).toBe('Ұ.');
  });

  it('masks phone numbers written inside free text', () => {
    const text = 'Перезвоните на +7 701 234 56 12 или 8(702)555-44-33, кв. 12';
    const scrubbed = scrubPhones(text);
    expect(scrubbed).not.toMatch(PHONE);
    expect(scrubbed).toContain('кв. 12');
  });

  it('masks appeals and events for a viewer without access to personal data', () => {
    const envelope = appealRegistered();
    const event = { ...envelope, region: 'KZ-71', streamId: '1-0' } as StreamEvent;
    const state = createProjection();
    applyEvent(state, event);
    const appeal = [...state.appeals.values()][0];
    if (!appeal) throw new Error('not applied');
    for (const shown of [presentAppeal(appeal, ANONYMOUS_VIEWER), presentEvent(event, ANONYMOUS_VIEWER)]) {
      const json = JSON.stringify(shown);
      expect(json).not.toMatch(PHONE);
      expect(json).not.toContain('Сапарова');
    }
    expect(presentAppeal(appeal, { canSeePersonalData: true }).citizen?.phone).toBe('+7 701 234 56 12');
  });
});

describe('phones in free text, in any dress', () => {
  it.each(['701 234 56 12', 'tel87012345612', '8.701.234.56.12', '87012345612x', '+7 (701) 234-56-12', '7012345612'])(
    'masks %s',
    (phone) => {
      const scrubbed = scrubPhones(`звоните ${phone} после 18:00`);
      expect(scrubbed).not.toMatch(/\d{3}[\s.\-()]*\d{2}[\s.\-()]*\d{2}\b/);
      expect(scrubbed).toContain('** 12');
      expect(scrubbed).toContain('после 18:00');
    },
  );

  it('leaves ordinary numbers alone', () => {
    expect(scrubPhones('дом 12, кв. 345, 2026 год, 1795805880726')).toBe('дом 12, кв. 345, 2026 год, 1795805880726');
  });
});
