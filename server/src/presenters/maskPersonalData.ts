/**
 * Personal-data masking, done once on the server before anything goes on the wire
 * (style.md habit 6). A wall screen in a room full of visitors must never show a phone.
 */

/** "+7 701 234 56 12" → "+7 7** *** ** 12": country code, first digit and last two kept. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return '***';
  const last = digits.slice(-2);
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) {
    return `+7 ${digits[1]}** *** ** ${last}`;
  }
  return `*** ${last}`;
}

/** "Айгерім Сапарова" → "А. С.": initials only. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter((part) => part.length > 0)
    .map((part) => `${Array.from(part)[0] ?? ''}.`)
    .join(' ');
}

/** A citizen contact with both parts masked; undefined stays undefined. */
export function maskCitizen<T extends { name?: string; phone?: string } | undefined>(citizen: T): T {
  if (!citizen) return citizen;
  return {
    ...(citizen.name !== undefined ? { name: maskName(citizen.name) } : {}),
    ...(citizen.phone !== undefined ? { phone: maskPhone(citizen.phone) } : {}),
  } as T;
}

// A Kazakh number in any dress: +7 / 8 / 7 and ten digits, or the ten digits alone when they
// start with 7 (a mobile "701 234 56 12"), with spaces, dots, dashes or brackets between
// digits, and not part of a longer run of digits (timestamps are numbers too).
const PHONE_IN_TEXT = /(?<!\d)(?:(?:\+\s*7|8|7)[\s.\-()]*)?7(?:[\s.\-()]*\d){9}(?!\d)/g;

/** Free text (a description, a comment) with every phone-like number in it masked. */
export function scrubPhones(text: string): string {
  return text.replace(PHONE_IN_TEXT, (match) => maskPhone(match));
}
