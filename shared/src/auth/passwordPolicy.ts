import common from '../../data/common-passwords.json';

/**
 * The password policy, one function for the server (which enforces it on every password a
 * person or an admin chooses) and the client (which checks as you type). It follows NIST
 * SP 800-63B: a length floor and a block list of predictable choices, no composition rules.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** Each rule a password can break, in the order they are checked; the UI has a message per rule. */
export const PASSWORD_RULES = [
  'too_short',
  'too_long',
  'whitespace',
  'repetitive',
  'sequence',
  'username',
  'common',
] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

/** English text per rule: API messages and the CLI (the UI translates the rule itself). */
export const PASSWORD_RULE_TEXT: Record<PasswordRule, string> = {
  too_short: `at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `at most ${PASSWORD_MAX_LENGTH} characters`,
  whitespace: 'must not be only spaces',
  repetitive: 'must not be one character or a short part repeated',
  sequence: 'must not be a run of keys or letters such as 1234567890 or qwertyuiop',
  username: 'must not contain the username',
  common: 'is one of the most common passwords',
};

const FULL = new Set(common.full);
const BASES = new Set(common.bases);

/**
 * Russian ЙЦУКЕН (and the Kazakh layout, which adds ә і ң ғ ү ұ қ ө һ on the digit row) to
 * the QWERTY keys under the same fingers, so "йцукенгшщз" is caught as "qwertyuiop" and
 * "пароль" typed on the wrong layout ("gfhjkm") as itself.
 */
const LAYOUT: Record<string, string> = Object.fromEntries([
  ...[...'йцукенгшщзхъфывапролджэячсмитьбюё'].map((c, i) => [c, "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"[i] ?? c]),
  ...[...'әіңғүұқөһ'].map((c, i) => [c, '2345890-='[i] ?? c]),
]);

const toQwerty = (chars: readonly string[]): string[] => chars.map((c) => LAYOUT[c] ?? c);

/** Runs a person types without thinking: alphabets, digits, keyboard rows. */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  '`1234567890-=',
  'qwertyuiop[]',
  "asdfghjkl;'",
  'zxcvbnm,./',
  'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
  'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя',
];

const isStep = (a: string, b: string): boolean =>
  a === b ||
  SEQUENCES.some((seq) => {
    const i = seq.indexOf(a);
    return i >= 0 && (seq[i + 1] === b || seq[i - 1] === b);
  });

/**
 * How many times the password starts something new: a character that is neither the last one
 * again nor its neighbour in a sequence. "1234567890" and "qwertyuiop" start once, "aaaa1111"
 * twice; ordinary words a dozen times.
 */
function freshStarts(chars: readonly string[]): number {
  let starts = chars.length > 0 ? 1 : 0;
  for (let i = 1; i < chars.length; i += 1) if (!isStep(chars[i - 1] ?? '', chars[i] ?? '')) starts += 1;
  return starts;
}

/** True when the password is a part shorter than the minimum length written out again and again. */
function isRepeatedPart(chars: readonly string[]): boolean {
  for (let unit = 1; unit * 2 <= chars.length && unit < PASSWORD_MIN_LENGTH; unit += 1) {
    if (chars.every((c, i) => c === chars[i % unit])) return true;
  }
  return false;
}

/** Fewer fresh starts than this reads as a keyboard or alphabet run ("qwerty123456", "abcd1234"). */
const MIN_FRESH_STARTS = 4;

/** The password with leading and trailing digits and symbols taken off ("Dragon2026!" → "dragon"). */
const coreOf = (text: string): string => text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

function isCommon(forms: readonly string[]): boolean {
  return forms.some((form) => FULL.has(form) || BASES.has(coreOf(form)) || FULL.has(coreOf(form)));
}

export interface PasswordContext {
  /** The account's username: a password containing it is refused. */
  username?: string | undefined;
}

/**
 * The first rule the password breaks, or null when it is acceptable. Compared in NFKC and
 * lower case, and also as typed on the other keyboard layout.
 */
export function passwordProblem(password: string, context: PasswordContext = {}): PasswordRule | null {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (chars.length > PASSWORD_MAX_LENGTH) return 'too_long';
  if (password.trim() === '') return 'whitespace';
  const lower = [...password.normalize('NFKC').toLowerCase()];
  const qwerty = toQwerty(lower);
  if (isRepeatedPart(lower) || isRepeatedPart(qwerty)) return 'repetitive';
  if (Math.min(freshStarts(lower), freshStarts(qwerty)) < MIN_FRESH_STARTS) return 'sequence';
  const forms = [lower.join(''), qwerty.join('')];
  const username = context.username?.trim().toLowerCase() ?? '';
  if (
    username.length > 0 &&
    forms.some((form) => (username.length >= 4 ? form.includes(username) : form === username))
  ) {
    return 'username';
  }
  if (isCommon(forms)) return 'common';
  return null;
}
