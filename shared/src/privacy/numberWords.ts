import { MappedTextBuilder, type MappedText } from './normalizeText';

/**
 * Spelled-out numbers (Russian, Kazakh, English) read as digits, so "восемь семьсот один
 * двести тридцать четыре пятьдесят шесть двенадцать" is seen as "8 701 234 56 12" by the
 * phone detector. Only whole words count; the words are those people dictate phones with.
 */

type Kind = 'plus' | 'unit' | 'teen' | 'tens' | 'hundreds' | 'hundred';

interface NumberWord {
  kind: Kind;
  value: number;
}

function words(kind: Kind, list: Record<number, readonly string[]>): [string, NumberWord][] {
  return Object.entries(list).flatMap(([value, spellings]) =>
    spellings.map((w): [string, NumberWord] => [w, { kind, value: Number(value) }]),
  );
}

const NUMBER_WORDS = new Map<string, NumberWord>([
  // "плюс сорок девять…": the "+" of an international number, said aloud.
  ...words('plus', { 0: ['плюс', 'plus'] }),
  ...words('unit', {
    0: ['ноль', 'нуль', 'нөл', 'zero', 'oh'],
    1: ['один', 'одна', 'одно', 'бір', 'one'],
    2: ['два', 'две', 'екі', 'two'],
    3: ['три', 'үш', 'three'],
    4: ['четыре', 'төрт', 'four'],
    5: ['пять', 'бес', 'five'],
    6: ['шесть', 'алты', 'six'],
    7: ['семь', 'жеті', 'seven'],
    8: ['восемь', 'сегіз', 'eight'],
    9: ['девять', 'тоғыз', 'nine'],
  }),
  ...words('teen', {
    10: ['десять', 'ten'],
    11: ['одиннадцать', 'eleven'],
    12: ['двенадцать', 'twelve'],
    13: ['тринадцать', 'thirteen'],
    14: ['четырнадцать', 'fourteen'],
    15: ['пятнадцать', 'fifteen'],
    16: ['шестнадцать', 'sixteen'],
    17: ['семнадцать', 'seventeen'],
    18: ['восемнадцать', 'eighteen'],
    19: ['девятнадцать', 'nineteen'],
  }),
  // Kazakh "он" (10) takes a unit after it like the other tens: он бір = 11.
  ...words('tens', {
    1: ['он'],
    2: ['двадцать', 'жиырма', 'twenty'],
    3: ['тридцать', 'отыз', 'thirty'],
    4: ['сорок', 'қырық', 'forty'],
    5: ['пятьдесят', 'елу', 'fifty'],
    6: ['шестьдесят', 'алпыс', 'sixty'],
    7: ['семьдесят', 'жетпіс', 'seventy'],
    8: ['восемьдесят', 'сексен', 'eighty'],
    9: ['девяносто', 'тоқсан', 'ninety'],
  }),
  ...words('hundreds', {
    1: ['сто'],
    2: ['двести'],
    3: ['триста'],
    4: ['четыреста'],
    5: ['пятьсот'],
    6: ['шестьсот'],
    7: ['семьсот'],
    8: ['восемьсот'],
    9: ['девятьсот'],
  }),
  // Kazakh and English build hundreds from a unit: "жеті жүз", "seven hundred".
  ...words('hundred', { 1: ['жүз', 'hundred'] }),
]);

/**
 * Words of the scripts number words are written in; a letter of another script ends a word.
 * (Faster than `\p{L}` with look-arounds, which ran on every appeal the presenters show.)
 */
const WORD = /[a-zа-яёәғқңөұүһі]+/g;

/** What may stand between two dictated words: spaces, dashes, commas, dots. */
const BETWEEN = /^[ \-,.]*$/;

interface Token {
  word: NumberWord;
  from: number;
  to: number;
}

/** One dictated group ("семьсот один" → "701") and how many tokens it took. */
function readGroup(tokens: readonly Token[], at: number): { digits: string; used: number } {
  const first = tokens[at] as Token;
  if (first.word.kind === 'plus') return { digits: '+', used: 1 };
  const peek = (i: number): NumberWord | undefined => tokens[at + i]?.word;
  let hundreds: number | null = null;
  let used = 0;
  if (first.word.kind === 'hundreds') {
    hundreds = first.word.value;
    used = 1;
  } else if (first.word.kind === 'hundred') {
    hundreds = 1;
    used = 1;
  } else if (first.word.kind === 'unit' && first.word.value > 0 && peek(1)?.kind === 'hundred') {
    hundreds = first.word.value;
    used = 2;
  }
  const next = peek(used);
  let rest: number | null = null;
  let restUsed = 0;
  if (next?.kind === 'teen') {
    rest = next.value;
    restUsed = 1;
  } else if (next?.kind === 'tens') {
    const unit = peek(used + 1);
    const hasUnit = unit?.kind === 'unit' && unit.value > 0;
    rest = next.value * 10 + (hasUnit ? unit.value : 0);
    restUsed = hasUnit ? 2 : 1;
  } else if (next?.kind === 'unit' && hundreds !== null) {
    rest = next.value;
    restUsed = 1;
  }
  if (hundreds !== null) {
    return { digits: String(hundreds * 100 + (rest ?? 0)).padStart(3, '0'), used: used + restUsed };
  }
  if (rest !== null) return { digits: String(rest).padStart(2, '0'), used: restUsed };
  return { digits: String(first.word.value), used: 1 };
}

/** The mapped text with every run of number words replaced by its digit groups. */
export function readNumberWords(source: MappedText): MappedText {
  const tokens: Token[] = [];
  for (const match of source.text.matchAll(WORD)) {
    const word = NUMBER_WORDS.get(match[0]);
    if (word) tokens.push({ word, from: match.index, to: match.index + match[0].length });
  }
  if (tokens.length === 0) return source;
  const out = new MappedTextBuilder();
  let copied = 0;
  let i = 0;
  while (i < tokens.length) {
    // A run: consecutive number words with only separators between them.
    let j = i + 1;
    while (
      j < tokens.length &&
      BETWEEN.test(source.text.slice((tokens[j - 1] as Token).to, (tokens[j] as Token).from))
    ) {
      j += 1;
    }
    const run = tokens.slice(i, j);
    let k = 0;
    while (k < run.length) {
      const { digits, used } = readGroup(run, k);
      const first = run[k] as Token;
      const last = run[k + used - 1] as Token;
      out.copy(source, copied, first.from);
      out.push(digits, source.startOf(first.from), source.endOf(last.to - 1));
      copied = last.to;
      k += used;
    }
    i = j;
  }
  out.copy(source, copied, source.text.length);
  return out.build();
}
