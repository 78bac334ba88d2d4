/**
 * Personal data in every dress the black-box probe used, and a leak detector that does not
 * share code with the scrubber: it knows the secrets it planted and looks for them.
 */

/** A planted secret: the text to write, and what of it must never come back. */
export interface Secret {
  label: string;
  text: string;
  /** Digit strings that must not appear among the digits of a field shown (any script, any separators). */
  digits?: string[];
  /** Lower-case substrings that must not appear in a field shown. */
  words?: string[];
}

/** The phone of every spelling below: 8 701 234 56 12; its tell is the middle digits 0123456. */
const TELL = ['0123456'];

const digitsIn = (script0: number, ascii: string): string =>
  Array.from(ascii, (c) => (/\d/.test(c) ? String.fromCodePoint(script0 + Number(c)) : c)).join('');

const between = (sep: string): string => ['8', '701', '234', '56', '12'].join(sep);

/** The 26 spellings of one phone number the probe sent (16 got through before the scrubber). */
export const PHONE_SPELLINGS: Secret[] = [
  { label: 'plain +7', text: '+7 701 234 56 12', digits: TELL },
  { label: 'bare digits', text: '87012345612', digits: TELL },
  { label: 'brackets and hyphens', text: '8(701)234-56-12', digits: TELL },
  { label: 'dots', text: between('.'), digits: TELL },
  { label: 'en dash', text: between('\u2013'), digits: TELL },
  { label: 'em dash', text: between('\u2014'), digits: TELL },
  { label: 'Unicode hyphen', text: between('\u2010'), digits: TELL },
  { label: 'minus sign', text: between('\u2212'), digits: TELL },
  { label: 'slashes', text: between('/'), digits: TELL },
  { label: 'underscores', text: between('_'), digits: TELL },
  { label: 'commas', text: between(','), digits: TELL },
  { label: 'tildes', text: between('~'), digits: TELL },
  { label: 'middle dots', text: between('·'), digits: TELL },
  { label: 'spaced hyphens', text: between(' - '), digits: TELL },
  { label: 'no-break and thin spaces', text: '+7\u00A0701\u2009234\u202F56\u00A012', digits: TELL },
  { label: 'zero-width spaces', text: Array.from('87012345612').join('\u200B'), digits: TELL },
  { label: 'soft hyphens', text: between('\u00AD'), digits: TELL },
  { label: 'word joiners and BOM', text: `8\u2060701\uFEFF234\u206056\u206012`, digits: TELL },
  { label: 'fullwidth digits', text: digitsIn(0xff10, '8 701 234 56 12'), digits: TELL },
  { label: 'Arabic-Indic digits', text: digitsIn(0x0660, '87012345612'), digits: TELL },
  { label: 'mathematical bold digits', text: digitsIn(0x1d7ce, '8 701 234 56 12'), digits: TELL },
  {
    label: 'Russian words',
    text: 'восемь семьсот один двести тридцать четыре пятьдесят шесть двенадцать',
    words: ['двести тридцать четыре', 'пятьдесят шесть'],
  },
  {
    label: 'Kazakh words',
    text: 'сегіз жеті жүз бір екі жүз отыз төрт елу алты он екі',
    words: ['екі жүз отыз төрт', 'елу алты'],
  },
  {
    label: 'English words',
    text: 'eight seven oh one two three four five six one two',
    words: ['three four five six'],
  },
  { label: 'foreign +7 (Russian mobile)', text: '+7 (916) 234-56-12', digits: ['1623456'] },
  { label: 'other foreign (+49, +998)', text: '+49 30 2345 6712 и +998 90 234 56 12', digits: ['3023456', '9023456'] },
];

/** Other personal data: ИИН/БИН with valid control digits, e-mail, a card, flat numbers. */
export const OTHER_SECRETS: Secret[] = [
  { label: 'ИИН', text: 'ИИН 870412300129', digits: ['870412300129', '04123001'] },
  { label: 'ИИН in groups', text: 'ЖСН 9001 0130 0811', digits: ['900101300811', '01013008'] },
  { label: 'БИН', text: 'БИН 050140001238', digits: ['050140001238', '01400012'] },
  { label: 'e-mail', text: 'пишите aigerim.saparova@mail.kz', words: ['aigerim.saparova', 'saparova@'] },
  { label: 'card', text: 'карта 4539 1488 0343 6467', digits: ['45391488034'] },
  { label: 'flat (кв.)', text: 'ул. Абая 10, кв. 389', words: ['кв. 389'], digits: ['10389'] },
  { label: 'flat (кв glued)', text: 'Абая 10 кв389', words: ['кв389'] },
  { label: 'flat (квартира)', text: 'квартира 412', words: ['квартира 412'] },
  { label: 'flat (пәтер after)', text: 'Абай даңғылы 15, 104-пәтер', words: ['104-пәтер', '104 пәтер'] },
  { label: 'flat (пәтер before)', text: 'пәтер 57', words: ['пәтер 57'] },
  { label: 'flat (apt)', text: 'Main st 5, apt. 63', words: ['apt. 63'] },
];

export const ALL_SECRETS = [...PHONE_SPELLINGS, ...OTHER_SECRETS];

const DECIMAL_DIGIT = /\p{Nd}/u;

/** The digits of a text in ASCII, whatever their script, everything else dropped. */
export function digitsOf(text: string): string {
  let out = '';
  for (const char of text.normalize('NFKC')) {
    if (!DECIMAL_DIGIT.test(char)) continue;
    let zero = char.codePointAt(0) as number;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
    out += String(((char.codePointAt(0) as number) - zero) % 10);
  }
  return out;
}

/** What of the secrets a shown text gives away: their labels, empty when nothing. */
export function leaksIn(shown: string, secrets: readonly Secret[] = ALL_SECRETS): string[] {
  const digits = digitsOf(shown);
  const lower = shown
    .normalize('NFKC')
    .replace(/[\p{Cf}]/gu, '')
    .toLowerCase();
  return secrets
    .filter((s) => s.digits?.some((d) => digits.includes(d)) || s.words?.some((w) => lower.includes(w)))
    .map((s) => s.label);
}

/** Every string inside a JSON value (object keys left out). */
export function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}
