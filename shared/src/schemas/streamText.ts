/**
 * What text the stream carries. JSON lets a producer escape any UTF-16 unit, so a string
 * may hold control characters (`\u0000`, `\u001b`) or half of a surrogate pair (`\ud800`):
 * neither is text a person wrote, a terminal or a CSV cell shows them as garbage or acts on
 * them, and a lone surrogate cannot be stored as UTF-8 at all (it comes back as U+FFFD, so
 * the timeline read back would differ from the projection). The decoder dead-letters them;
 * the write API refuses them before it appends (plus DEL and C1, which it never writes).
 */

/** The first bad character found in a value, and the dotted path of the string holding it. */
export interface BadText {
  /** Dotted path (`data.description`, `data.appealIds.3`). */
  path: string;
  /** `U+001B`, or `lone surrogate U+D800`. */
  what: string;
}

/** Which characters a string may not hold. */
export type TextRule = 'stream' | 'typed';

/** C0 controls other than tab, line feed and carriage return: refused on the stream. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const STREAM_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
/** …and DEL and the C1 controls, which no keyboard types: refused by the write API too. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TYPED_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (unit: number): string => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with one string under a rule, or null. */
export function badCharacterIn(text: string, rule: TextRule = 'stream'): string | null {
  const control = (rule === 'typed' ? TYPED_CONTROLS : STREAM_CONTROLS).exec(text);
  if (control) return `control character ${codePoint(control[0].charCodeAt(0))}`;
  const lone = LONE_SURROGATE.exec(text);
  return lone ? `lone surrogate ${codePoint(lone[0].charCodeAt(0))} (not Unicode text)` : null;
}

/**
 * The first string in `value` (walked depth-first, keys in order) that holds a character the
 * rule refuses, or null. Keys are not checked: the schemas fix them.
 */
export function findBadText(value: unknown, rule: TextRule = 'stream', path: string[] = []): BadText | null {
  if (typeof value === 'string') {
    const what = badCharacterIn(value, rule);
    return what === null ? null : { path: path.join('.'), what };
  }
  if (typeof value !== 'object' || value === null) return null;
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const found = findBadText(item, rule, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * True when a JSON text may hold a string `findBadText` refuses on the stream: an escape of a
 * C0 control or a surrogate, or a raw surrogate. A cheap gate on the raw entry (a false
 * positive only costs the exact walk): raw control characters cannot appear in JSON strings.
 */
export function mayHoldBadText(json: string): boolean {
  return /\\[bf]|\\u00[01]|\\u[dD][89abcdefABCDEF]|[\uD800-\uDFFF]/.test(json);
}
