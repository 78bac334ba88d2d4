/**
 * Flat, apartment and office numbers ("кв. 89", "кв89", "квартира 12", "104-пәтер",
 * "пәтер 5", "apt. 5", "flat 3", "оф. 2"): with a street and a house they point at one
 * household, so roles that may not see personal data get street and house only.
 * The patterns run over normalised text (see `normalizeForScan`: lower case, "-" dashes).
 */

/** Words that introduce a flat/office number (ru, kk, en), longest spellings first. */
const BEFORE_NUMBER = [
  'квартира',
  'квартиры',
  'кварт',
  'кв',
  'пәтер',
  'пәт',
  'офис',
  'оф',
  'кеңсе',
  'комната',
  'комн',
  'apartment',
  'apt',
  'flat',
  'office',
  'suite',
  'room',
].join('|');

/** Words that follow the number in Kazakh ("104-пәтер", "12 пәтерде"). */
const AFTER_NUMBER = 'пәтер\\p{L}*|кеңсе\\p{L}*';

const NUMBER = '\\d+(?:[/-]\\d+)?\\p{L}?';

/**
 * `keyword` then the number ("кв. 89"), or the number then the keyword ("104-пәтер"). Not
 * inside a word (the "кв" of "квадрат"), and not "50 кв. м" (an area: no number after "кв").
 */
export const FLAT_NUMBER = new RegExp(
  `(?<![\\p{L}\\d])(?:(?<word>${BEFORE_NUMBER})\\.?\\s*(?:№|#|no\\.?)?\\s*-?\\s*(?<num>${NUMBER})(?![\\p{L}\\d])` +
    `|(?<num2>${NUMBER})\\s*-?\\s*(?<word2>${AFTER_NUMBER})(?![\\p{L}]))`,
  'gdu',
);

const ANY_KEYWORD = new RegExp(`${BEFORE_NUMBER}|пәтер|кеңсе`);

/** Where a flat number is: the whole part, and the number inside it (normalised offsets). */
export interface FlatMatch {
  start: number;
  end: number;
  numberStart: number;
  numberEnd: number;
}

/** Every flat/office number in normalised text. */
export function findFlatNumbers(normalised: string): FlatMatch[] {
  const found: FlatMatch[] = [];
  // The full pattern is slow (Unicode classes, look-behind): most texts have no keyword at all.
  if (!ANY_KEYWORD.test(normalised)) return found;
  FLAT_NUMBER.lastIndex = 0;
  for (const match of normalised.matchAll(FLAT_NUMBER)) {
    const span = match.indices?.groups?.num ?? match.indices?.groups?.num2;
    if (!span) continue;
    found.push({ start: match.index, end: match.index + match[0].length, numberStart: span[0], numberEnd: span[1] });
  }
  return found;
}
