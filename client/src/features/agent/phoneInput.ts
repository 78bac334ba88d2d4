import { formatKzPhone, normalizeKzPhone } from '@shared';

/**
 * What the phone field shows once the agent leaves it: a complete Kazakh number in the
 * house style "+7 701 234 56 78" (whatever shape it was typed in: 8 701…, 7012345678,
 * +7 (701) 234-56-78), anything else exactly as typed, so half a number is never mangled.
 */
export function displayPhone(raw: string): string {
  const e164 = normalizeKzPhone(raw.trim());
  return e164 === null ? raw : formatKzPhone(e164);
}

/**
 * Whether to reformat while the agent is still typing: only a number with its country
 * prefix (11 digits: 8…, 7…, +7…) and only with the caret at the end, so the caret never
 * jumps. Ten digits wait for blur: "7701234567" is a whole number (+7 770 123 45 67) but
 * also the start of "77012345678" (+7 701 234 56 78), and only the agent knows which.
 */
export function formatWhileTyping(raw: string, isCaretAtEnd: boolean): string {
  if (!isCaretAtEnd || raw.replace(/\D/g, '').length !== 11) return raw;
  return displayPhone(raw);
}
