import { isLuhnValid, isValidIinOrBin } from './checksums';
import { findFlatNumbers } from './flatNumbers';
import { MASKED_EMAIL, maskCard, maskIin, maskPhone } from './maskContact';
import { normalizeForScan, type MappedText } from './normalizeText';
import { readNumberWords } from './numberWords';

/**
 * The one personal-data scrubber (design.md "Security"): every presenter passes every
 * free-text field through it for viewers who may not see personal data.
 *
 * It reads a normalised copy of the text (NFKC, any script's digits as 0–9, invisible
 * characters dropped, every dash as "-", spelled-out ru/kk/en numbers as digits) and masks,
 * in the original text, what it finds there: phone numbers (Kazakh, Russian and any "+"/"00"
 * international number, whatever stands between the digits), checksum-valid ИИН/БИН, e-mail
 * addresses, Luhn-valid card numbers and flat/office numbers. Text between matches is
 * returned exactly as given.
 */

/**
 * What may stand between the digits of a dictated or typed number: spaces, dots, dashes,
 * brackets, slashes, underscores, commas, tildes, middle dots, bullets, bars, quotes; up to
 * three of them ("8 - 701").
 */
const SEP = `[ .\\-()\\[\\]/\\\\_,~·‧∙⋅•|'"]{0,3}`;
const DIGIT = `(?:${SEP}\\d)`;

const PHONE_PATTERNS = [
  // Kazakh and Russian numbers with a trunk or country prefix: +7 / 8 / 7 and ten digits.
  // Not the tail of a longer number ("A-2025-705725…", "1.7…").
  `(?<!\\d|\\d[-./_])(?:\\+${SEP}7|8|7)${DIGIT}{10}(?!\\d)`,
  // The ten digits alone, when they start with 7 (every Kazakh mobile and city code).
  `(?<!\\d|\\d[-./_])7${DIGIT}{9}(?!\\d)`,
  // Any international number: "+", a country code and 7–15 digits in all (E.164).
  `(?<![\\d+])\\+${SEP}[1-9]${DIGIT}{6,14}(?!\\d)`,
  // The same dialled with "00" instead of "+" (not the minutes of a time: "20:00, 18 311").
  `(?<![\\d:])00${SEP}[1-9]${DIGIT}{7,13}(?!\\d)`,
];
const PHONE = new RegExp(PHONE_PATTERNS.join('|'), 'g');
/** Twelve digits, maybe in groups ("8704 1230 0123"): an ИИН/БИН when its checksum holds. */
const TWELVE_DIGITS = /(?<!\d)\d(?:[ .-]?\d){11}(?!\d)/g;
/** 13–19 digits starting like a card scheme (2 Mir/Mastercard … 6 UnionPay/Maestro). */
const CARD = /(?<!\d)[2-6](?:[ -]?\d){12,18}(?!\d)/g;
/** Six digits or more, whatever stands between them: part of a phone cut short, in strict mode. */
const LONG_NUMBER = new RegExp(`\\d${DIGIT}{5,}`, 'g');
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** One thing to mask, in normalised offsets. */
interface Finding {
  start: number;
  end: number;
  mask: string;
}

const digitsOf = (text: string): string => text.replace(/\D/g, '');

/**
 * A sentence or list break (". ", ", ", "; ") between numbers that a phone would not mix with
 * other separators: "счёт 8056656. 08.08.2020" is two numbers, "8, 701, 234, 56, 12" one.
 */
function isOnePhone(match: string): boolean {
  const separators = match.replace(/^\+/, '').split(/\d+/).slice(1, -1);
  if (!separators.some((sep) => /[.,;]\s/.test(sep))) return true;
  return separators.length >= 3 && separators.every((sep) => sep === separators[0]);
}

function maskPhoneMatch(match: string): string | null {
  return isOnePhone(match) ? maskPhone(match) : null;
}

function find(pattern: RegExp, text: string, mask: (match: string) => string | null, into: Finding[]): void {
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern)) {
    const replacement = mask(match[0]);
    if (replacement !== null) into.push({ start: match.index, end: match.index + match[0].length, mask: replacement });
  }
}

/** Everything personal in the mapped text, overlapping findings merged (the longest mask wins). */
function findings(scan: MappedText, isStrict = false): Finding[] {
  const { text } = scan;
  const found: Finding[] = [];
  if (isStrict) find(LONG_NUMBER, text, () => '***', found);
  if (/\d/.test(text)) {
    find(PHONE, text, maskPhoneMatch, found);
    find(TWELVE_DIGITS, text, (m) => (isValidIinOrBin(digitsOf(m)) ? maskIin(digitsOf(m)) : null), found);
    find(CARD, text, (m) => (isLuhnValid(digitsOf(m)) ? maskCard(digitsOf(m)) : null), found);
    for (const flat of findFlatNumbers(text)) {
      found.push({ start: flat.numberStart, end: flat.numberEnd, mask: '***' });
    }
  }
  if (text.includes('@')) find(EMAIL, text, () => MASKED_EMAIL, found);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Finding[] = [];
  for (const f of found) {
    const last = merged[merged.length - 1];
    if (last && f.start < last.end) {
      if (f.end - f.start > last.end - last.start) last.mask = f.mask;
      last.end = Math.max(last.end, f.end);
    } else merged.push({ ...f });
  }
  return merged;
}

/** The normalised, number-words-read view of a text the detectors run on. */
export function scanView(text: string): MappedText {
  return readNumberWords(normalizeForScan(text));
}

/** Replaces each finding's original characters by its mask; the rest stays as given. */
function applyMasks(original: string, scan: MappedText, found: readonly Finding[]): string {
  let out = '';
  let copied = 0;
  for (const f of found) {
    const from = scan.startOf(f.start);
    const to = scan.endOf(f.end - 1);
    if (from < copied) continue;
    out += original.slice(copied, from) + f.mask;
    copied = to;
  }
  return out + original.slice(copied);
}

// Presenters scrub the same descriptions for every snapshot and page: remember recent answers.
const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

/**
 * Free text with every phone number, ИИН/БИН, e-mail address, card number and flat number
 * masked (see the module comment); text without any is returned unchanged.
 */
export function scrubPersonalData(text: string): string {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const scan = scanView(text);
  const found = findings(scan);
  const scrubbed = found.length === 0 ? text : applyMasks(text, scan, found);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, scrubbed);
  return scrubbed;
}

/**
 * `scrubPersonalData` for text that quotes a producer's input cut to a length (dead-letter
 * reasons): any run of six or more digits is masked too, since the cut may have left a
 * phone too short to be recognised as one. Not for appeals' text: house numbers and sums
 * would go.
 */
export function scrubStrict(text: string): string {
  const scan = scanView(text);
  const found = findings(scan, true);
  return found.length === 0 ? text : applyMasks(text, scan, found);
}

/** True when the text holds something `scrubPersonalData` would mask. */
export function hasPersonalData(text: string): boolean {
  return findings(scanView(text)).length > 0;
}
