import { describe, expect, it } from 'vitest';
import { scrubPersonalData } from '@shared';
import { digitsOf } from '../../../support/personalData';
import { createRng, type Rng } from '../../../../server/src/simulator/random';

// The simulator's seeded generator (mulberry32): a failure names a seed that reproduces it.
const createRandom = createRng;
type Random = Rng;

// Words without digits or number words, in the three languages of the appeals.
const WORDS = {
  ru: [
    'нет',
    'отопления',
    'в',
    'подъезде',
    'перезвоните',
    'пожалуйста',
    'срочно',
    'холодно',
    'течёт',
    'крыша',
    'жильцы',
    'жалуются',
    'свет',
    'не',
    'горит',
    'улица',
    'двор',
    'мусор',
  ],
  kk: [
    'жылу',
    'жоқ',
    'кіреберісте',
    'хабарласыңыз',
    'өтінемін',
    'шұғыл',
    'суық',
    'шатыр',
    'ағып',
    'тұр',
    'тұрғындар',
    'шағымданады',
    'жарық',
    'көше',
    'аула',
    'қоқыс',
  ],
  en: [
    'no',
    'heating',
    'in',
    'the',
    'entrance',
    'please',
    'call',
    'back',
    'urgent',
    'cold',
    'roof',
    'leaking',
    'residents',
    'complain',
    'street',
    'yard',
    'waste',
  ],
} as const;
type Lang = keyof typeof WORDS;
const LANGS: readonly Lang[] = ['ru', 'kk', 'en'];

function sentence(random: Random, lang: Lang, words: number): string {
  return Array.from({ length: words }, () => random.pick(WORDS[lang])).join(' ');
}

const DIGIT_WORDS: Record<Lang, readonly string[]> = {
  ru: ['ноль', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
  kk: ['нөл', 'бір', 'екі', 'үш', 'төрт', 'бес', 'алты', 'жеті', 'сегіз', 'тоғыз'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
};
/** Scripts' zeros: ASCII, fullwidth, Arabic-Indic, extended Arabic-Indic, Devanagari, Bengali, maths bold and monospace. */
const ZEROS = [0x30, 0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x1d7ce, 0x1d7f6];
const SEPARATORS = [
  ' ',
  '',
  '-',
  '.',
  '/',
  '_',
  ',',
  '~',
  '·',
  '\u2013',
  '\u2014',
  '\u2212',
  '\u00A0',
  ' - ',
  ') ',
  '(',
];
const INVISIBLES = ['\u200B', '\u00AD', '\u2060', '\uFEFF', '\u200C', '\u200D'];

/** A random phone's digits: Kazakh (8/+7 7xx), Russian (+7 9xx) or foreign (+49, +998, +1, +44…). */
function phoneDigits(random: Random): { prefix: string; digits: string } {
  const rest = (n: number) => Array.from({ length: n }, () => String(random.int(0, 9))).join('');
  switch (random.int(0, 4)) {
    case 0:
      return { prefix: '8', digits: `87${rest(9)}` };
    case 1:
      return { prefix: '+', digits: `77${rest(9)}` };
    case 2:
      return { prefix: '', digits: `7${random.pick(['0', '7', '1'])}${rest(8)}` };
    case 3:
      return { prefix: '+', digits: `79${rest(9)}` };
    default:
      return { prefix: '+', digits: `${random.pick(['49', '998', '1', '44', '90', '86'])}${rest(random.int(8, 10))}` };
  }
}

/** The phone in a random dress: grouping, separators, scripts of digits, invisible characters, or words. */
function dress(random: Random, digits: string, prefix: string): { text: string; asWords: string[] } {
  if (random.next() < 0.15) {
    const lang = random.pick(LANGS);
    const words = Array.from(digits, (d) => (DIGIT_WORDS[lang][Number(d)] as string).toString());
    const plus = prefix === '+' ? [lang === 'en' ? 'plus' : 'плюс'] : [];
    return { text: [...plus, ...words].join(random.pick([' ', ', ', '-'])), asWords: words };
  }
  const zero = random.pick(ZEROS);
  const mixScripts = random.next() < 0.2;
  const sep = random.pick(SEPARATORS);
  let text = prefix === '+' ? '+' : '';
  let group = random.int(1, 4);
  for (const d of digits) {
    const z = mixScripts ? random.pick(ZEROS) : zero;
    text += String.fromCodePoint(z + Number(d));
    if (random.next() < 0.15) text += random.pick(INVISIBLES);
    group -= 1;
    if (group === 0) {
      text += random.next() < 0.8 ? sep : random.pick(SEPARATORS);
      group = random.int(1, 4);
    }
  }
  return { text: text.replace(/[\s\-.,/_~·(]+$/u, ''), asWords: [] };
}

describe('scrubber properties (seeded)', () => {
  it('masks every random phone, in any dress, inside random ru/kk/en text', () => {
    const random = createRandom(15_2026);
    for (let i = 0; i < 3000; i += 1) {
      const lang = random.pick(LANGS);
      const { digits, prefix } = phoneDigits(random);
      const phone = dress(random, digits, prefix);
      const before = sentence(random, lang, random.int(0, 6));
      const after = sentence(random, lang, random.int(0, 6));
      const text = `${before}${before ? ' ' : ''}${phone.text}${random.pick(['', '.', ',', '!'])} ${after}`;
      const scrubbed = scrubPersonalData(text);
      // Nothing of the number but (at most) its first two and last two digits survives.
      const middle = digits.slice(2, -2);
      expect(digitsOf(scrubbed).includes(middle), `#${i}: ${JSON.stringify(text)} → ${JSON.stringify(scrubbed)}`).toBe(
        false,
      );
      for (const word of phone.asWords.slice(2, -2)) {
        expect(` ${scrubbed} `.includes(` ${word} `), `#${i}: ${text} → ${scrubbed}`).toBe(false);
      }
      expect(scrubbed.endsWith(after), `#${i}: the words after stay`).toBe(true);
    }
  });

  it('returns random text without personal data unchanged', () => {
    const random = createRandom(109);
    for (let i = 0; i < 3000; i += 1) {
      const lang = random.pick(LANGS);
      // Words, punctuation and short numbers, never two numbers in a row.
      const parts = Array.from({ length: random.int(1, 8) }, () =>
        random.next() < 0.3
          ? `${sentence(random, lang, 1)} ${random.int(0, 9999)}`
          : sentence(random, lang, random.int(1, 4)),
      );
      const text = parts.join(random.pick([' ', ', ', '. ', '; ', ' — ']));
      expect(scrubPersonalData(text), `#${i}`).toBe(text);
    }
  });
});

/** Numbers that are not personal data, as appeals write them. */
const NON_PERSONAL: readonly ((random: Random) => string)[] = [
  (r) => `дом ${r.int(1, 250)}${r.pick(['', 'а', '/2', ' корпус 3'])}`,
  (r) => `${String(r.int(1, 28)).padStart(2, '0')}.${String(r.int(1, 12)).padStart(2, '0')}.${r.int(2020, 2027)}`,
  (r) => `${r.int(2020, 2027)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
  (r) => `${r.int(1, 999)} ${String(r.int(0, 999)).padStart(3, '0')} тг`,
  (r) => `${r.int(1, 99)} ${String(r.int(0, 999)).padStart(3, '0')} ${String(r.int(0, 999)).padStart(3, '0')} тенге`,
  (r) => `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`,
  (r) => `с ${r.int(7, 9)}:00 до ${r.int(17, 21)}:30`,
  (r) => `A-${r.int(2020, 2027)}-${String(r.int(0, 999_999)).padStart(6, '0')}`,
  (r) => `${r.int(1, 500)} ${r.pick(['человек', 'адам', 'people', 'квартир', 'подъездов'])}`,
  (r) => `индекс ${r.pick(['01', '05', '07', '09', '11', '15'])}${String(r.int(0, 9999)).padStart(4, '0')}`,
  (r) => `${r.int(1990, 2027)} ${r.pick(['год', 'жыл', 'year'])}`,
  (r) => `${r.int(-35, 40)} градусов`,
  (r) => `${r.int(1, 20)} этаж, ${r.int(1, 12)} подъезд`,
  (r) => `лицевой счёт ${r.int(100_000, 9_999_999)}`,
  (r) => `${(r.int(1, 9999) / 10).toFixed(1)} ${r.pick(['м', 'км', 'кВт·ч', 'м³'])}`,
];

describe('false positives', () => {
  it('masks at most 0.5 % of non-personal numbers over 10,000 generated texts', () => {
    const random = createRandom(2026_12_07);
    let numbers = 0;
    let masked = 0;
    const examples: string[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      const lang = random.pick(LANGS);
      const items = Array.from({ length: random.int(1, 4) }, () => random.pick(NON_PERSONAL)(random));
      const text = items
        .map((item) => `${sentence(random, lang, random.int(0, 3))} ${item}`.trim())
        .join(random.pick([', ', '. ', ' ', '; ']));
      const scrubbed = scrubPersonalData(text);
      numbers += items.length;
      for (const item of items) {
        if (!scrubbed.includes(item)) {
          masked += 1;
          if (examples.length < 5) examples.push(`${text} → ${scrubbed}`);
        }
      }
    }
    const rate = masked / numbers;
    console.log(`false positives: ${masked} of ${numbers} non-personal numbers (${(rate * 100).toFixed(3)} %)`);
    expect(numbers).toBeGreaterThan(20_000);
    expect(rate, examples.join('\n')).toBeLessThanOrEqual(0.005);
  });
});
