/**
 * Text as the personal-data detectors read it, with a map back to the original, so a match
 * found in the normalised text replaces exactly the original characters it came from and
 * everything around it is returned untouched.
 */

/**
 * Characters that render as nothing: every format character (Cf: soft hyphen, zero-width
 * space and joiners, word joiner, BOM, bidi marks…), variation selectors and the few
 * default-ignorable characters of other categories (combining grapheme joiner, Hangul fillers).
 * Someone hiding digits from a filter puts these between them.
 */
export const INVISIBLE = /\p{Cf}|\p{Variation_Selector}|\u034F|\u17B4|\u17B5|[\u115F\u1160\u3164\uFFA0]/gu;

/** True when the text holds an invisible character (see `INVISIBLE`). */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

/** The text without invisible characters (see `INVISIBLE`). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

const IS_INVISIBLE = new RegExp(`^(?:${INVISIBLE.source})$`, 'u');
const DECIMAL_DIGIT = /^\p{Nd}$/u;
/** Every dash (Pd) and the minus signs: all read as "-". */
const DASH = /^[\p{Pd}\u2212\u2796\uFE63\uFF0D]$/u;
/** Every space (Zs), tab and line break: all read as " ". */
const SPACE = /^[\p{Zs}\t\n\r\v\f\u2028\u2029]$/u;

/** Value 0–9 of a Unicode decimal digit: Nd digits come in runs of ten from 0, in order. */
function digitValue(codePoint: number): number {
  let zero = codePoint;
  while (zero > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return (codePoint - zero) % 10;
}

/** One character as the detectors read it; null for an invisible one. */
function normalizeChar(char: string): string | null {
  const code = char.charCodeAt(0);
  // Fast path: printable ASCII and basic Cyrillic need only lower-casing (one unit each).
  if ((code >= 0x20 && code < 0x7f) || (code >= 0x400 && code <= 0x4ff)) {
    return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : char.toLowerCase();
  }
  if (IS_INVISIBLE.test(char)) return null;
  if (DECIMAL_DIGIT.test(char)) return String(digitValue(char.codePointAt(0) as number));
  if (DASH.test(char)) return '-';
  if (SPACE.test(char)) return ' ';
  // NFKC can give digits of other scripts or dashes of its own (e.g. ⑴ → "(1)").
  return Array.from(char.normalize('NFKC').toLowerCase(), (c) =>
    DECIMAL_DIGIT.test(c) ? String(digitValue(c.codePointAt(0) as number)) : DASH.test(c) ? '-' : c,
  ).join('');
}

/** Normalised text; `startOf(i)`/`endOf(i)` are the original UTF-16 range of its unit `i`. */
export interface MappedText {
  text: string;
  startOf(i: number): number;
  endOf(i: number): number;
}

function fromArrays(text: string, start: readonly number[], end: readonly number[]): MappedText {
  return { text, startOf: (i) => start[i] as number, endOf: (i) => end[i] as number };
}

/** Printable ASCII, basic Cyrillic, tabs and line breaks: normalised unit for unit. */
const SIMPLE = /^[\t\n\r\x20-\x7e\u0400-\u04ff]*$/;

/**
 * NFKC per character (fullwidth and mathematical digits, ligatures, the fullwidth @), every
 * Unicode decimal digit as 0–9, invisible characters dropped, dashes as "-", spaces as " ",
 * lower case. Each output unit remembers the original character it came from.
 */
export function normalizeForScan(original: string): MappedText {
  // Most appeals: no mapping to build, offsets are the original's.
  if (SIMPLE.test(original)) {
    return { text: original.toLowerCase().replace(/[\t\n\r]/g, ' '), startOf: (i) => i, endOf: (i) => i + 1 };
  }
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let offset = 0;
  for (const char of original) {
    const from = offset;
    offset += char.length;
    const out = normalizeChar(char);
    if (out === null) continue;
    text += out;
    for (let i = 0; i < out.length; i += 1) {
      start.push(from);
      end.push(offset);
    }
  }
  return fromArrays(text, start, end);
}

/** Builds a MappedText piece by piece over another one (the number-word pass). */
export class MappedTextBuilder {
  text = '';
  readonly start: number[] = [];
  readonly end: number[] = [];

  /** Appends `out`, all of it mapped to the original range [from, to). */
  push(out: string, from: number, to: number): void {
    this.text += out;
    for (let i = 0; i < out.length; i += 1) {
      this.start.push(from);
      this.end.push(to);
    }
  }

  /** Appends units [from, to) of `source` with their own mapping. */
  copy(source: MappedText, from: number, to: number): void {
    this.text += source.text.slice(from, to);
    for (let i = from; i < to; i += 1) {
      this.start.push(source.startOf(i));
      this.end.push(source.endOf(i));
    }
  }

  build(): MappedText {
    return fromArrays(this.text, this.start, this.end);
  }
}
