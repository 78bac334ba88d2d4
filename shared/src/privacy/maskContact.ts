import { stripInvisible } from './normalizeText';

/**
 * How a masked contact looks: recognisable as what it was, useless for calling anyone.
 */

/**
 * A phone number masked: "+7 701 234 56 12" → "+7 7** *** ** 12" (a Kazakh or Russian number
 * keeps its country code, first digit and last two), any other → "*** 58".
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return '***';
  const last = digits.slice(-2);
  const isTrunk = digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'));
  const isPlus7 = digits.length === 11 && /^\s*\+\s*7/.test(phone);
  if (isTrunk || isPlus7) return `+7 ${digits[1]}** *** ** ${last}`;
  if (digits.length === 10 && digits.startsWith('7')) return `+7 7** *** ** ${last}`;
  return `*** ${last}`;
}

/** "Айгерім Сапарова" → "А. С.": initials only. */
export function maskName(name: string): string {
  return stripInvisible(name)
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

/** A card number masked to its last four digits (as receipts print it). */
export function maskCard(digits: string): string {
  return `**** ${digits.slice(-4)}`;
}

/** An ИИН (person) or БИН (organisation: its 5th digit is 4, 5 or 6) replaced by its kind. */
export function maskIin(digits: string): string {
  return /^\d{4}[456]/.test(digits) ? '[БИН]' : '[ИИН]';
}

/** An e-mail address replaced whole: the domain can name a small employer. */
export const MASKED_EMAIL = '***@***';
