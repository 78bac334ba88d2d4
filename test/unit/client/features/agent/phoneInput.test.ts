import { describe, expect, it } from 'vitest';
import { displayPhone, formatWhileTyping } from '../../../../../client/src/features/agent/phoneInput';

describe('displayPhone (on leaving the field)', () => {
  it('shows any common shape of a Kazakh number as +7 7XX XXX XX XX', () => {
    for (const typed of ['87012345678', '+7 (701) 234-56-78', '7012345678', '8 701 234 5678', '+77012345678 ']) {
      expect(displayPhone(typed), typed).toBe('+7 701 234 56 78');
    }
    expect(displayPhone('8 7172 55 66 77')).toBe('+7 717 255 66 77');
  });

  it('leaves what is not a Kazakh number exactly as typed', () => {
    for (const typed of ['', '8701', '+7 912 345 67 89', '+1 202 555 0100', 'нет телефона']) {
      expect(displayPhone(typed), typed).toBe(typed);
    }
  });
});

describe('formatWhileTyping', () => {
  it('formats a complete number with its prefix as soon as the last digit is typed', () => {
    expect(formatWhileTyping('87012345678', true)).toBe('+7 701 234 56 78');
    expect(formatWhileTyping('+77012345678', true)).toBe('+7 701 234 56 78');
  });

  it('waits for blur with ten digits (the start of an eleven-digit number looks like one)', () => {
    expect(formatWhileTyping('7701234567', true)).toBe('7701234567');
    expect(formatWhileTyping('8701234567', true)).toBe('8701234567');
    expect(formatWhileTyping('+7701234567', true)).toBe('+7701234567');
  });

  it('never reformats with the caret inside the number', () => {
    expect(formatWhileTyping('87012345678', false)).toBe('87012345678');
  });
});
