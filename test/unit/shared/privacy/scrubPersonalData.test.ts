import { describe, expect, it } from 'vitest';
import {
  iinControlDigit,
  isLuhnValid,
  isValidIinOrBin,
  maskName,
  maskPhone,
  scrubPersonalData,
  scrubStrict,
  stripInvisible,
} from '@shared';
import { leaksIn, OTHER_SECRETS, PHONE_SPELLINGS } from '../../../support/personalData';

describe('the probe: 26 spellings of one phone number', () => {
  it('has 26 spellings, each of which the leak detector sees when left unmasked', () => {
    expect(PHONE_SPELLINGS).toHaveLength(26);
    for (const secret of [...PHONE_SPELLINGS, ...OTHER_SECRETS])
      expect(leaksIn(secret.text, [secret])).toEqual([secret.label]);
  });

  it.each(PHONE_SPELLINGS.map((s) => [s.label, s] as const))('masks %s', (_label, secret) => {
    const text = `Перезвоните ${secret.text} после 18:00, дом 12`;
    const scrubbed = scrubPersonalData(text);
    expect(leaksIn(scrubbed, [secret])).toEqual([]);
    // Only the number changes: the words around it come back exactly as written.
    expect(scrubbed.startsWith('Перезвоните ')).toBe(true);
    expect(scrubbed.endsWith(' после 18:00, дом 12')).toBe(true);
  });

  it('keeps the masked shape: country code, first digit and the last two', () => {
    expect(scrubPersonalData('тел 8\u2014701\u2014234\u201456\u201412')).toBe('тел +7 7** *** ** 12');
    expect(scrubPersonalData('+7 (916) 234-56-12')).toBe('+7 9** *** ** 12');
    expect(scrubPersonalData('восемь семьсот один двести тридцать четыре пятьдесят шесть двенадцать!')).toBe(
      '+7 7** *** ** 12!',
    );
    expect(scrubPersonalData('call +49 30 2345 6712 now')).toBe('call *** 12 now');
  });
});

describe('ИИН and БИН', () => {
  it('computes the control digit with the first weights 1…11', () => {
    // 8·1+7·2+0·3+4·4+1·5+2·6+3·7+0·8+0·9+1·10+2·11 = 108 ≡ 9 (mod 11)
    expect(iinControlDigit([8, 7, 0, 4, 1, 2, 3, 0, 0, 1, 2])).toBe(9);
  });

  it('falls back to the weights 3…11,1,2 when the first sum gives 10', () => {
    // First: 9+0+0+4+0+6+21+0+0+80+11 = 131 ≡ 10; second: 27+6+8+27+8+2 = 78 ≡ 1.
    expect(iinControlDigit([9, 0, 0, 1, 0, 1, 3, 0, 0, 8, 1])).toBe(1);
    // Both sums give 10: no control digit exists, such a number is never issued.
    expect(iinControlDigit([9, 0, 0, 1, 0, 1, 3, 0, 0, 8, 0])).toBeNull();
  });

  it('tells valid numbers from one-digit typos and non-months', () => {
    for (const valid of ['870412300129', '900101300811', '050140001238']) expect(isValidIinOrBin(valid)).toBe(true);
    for (const invalid of ['870412300128', '900101300812', '871312300129', '87041230012', 'x70412300129']) {
      expect(isValidIinOrBin(invalid)).toBe(false);
    }
  });

  it('masks valid ones in text as [ИИН] or [БИН], and leaves other 12-digit numbers', () => {
    expect(scrubPersonalData('ИИН 870412300129, заявка')).toBe('ИИН [ИИН], заявка');
    expect(scrubPersonalData('ЖСН ９００１ ０１３０ ０８１１')).toBe('ЖСН [ИИН]');
    expect(scrubPersonalData('БИН 050140001238')).toBe('БИН [БИН]');
    expect(scrubPersonalData('счёт 870412300128')).toBe('счёт 870412300128');
  });
});

describe('e-mail addresses and cards', () => {
  it.each([
    ['пишите aigerim.saparova@mail.kz, спасибо', 'пишите ***@***, спасибо'],
    ['A.B+tag@sub.example.com', '***@***'],
    ['почта ａｉｇｅｒｉｍ＠ｍａｉｌ．ｋｚ', 'почта ***@***'],
    ['айгерим@почта.қаз', '***@***'],
  ])('masks %j', (text, masked) => {
    expect(scrubPersonalData(text)).toBe(masked);
  });

  it('masks Luhn-valid card numbers to their last four, not other long numbers', () => {
    expect(isLuhnValid('4539148803436467')).toBe(true);
    expect(isLuhnValid('4539148803436468')).toBe(false);
    expect(scrubPersonalData('карта 4539 1488 0343 6467 списано')).toBe('карта **** 6467 списано');
    expect(scrubPersonalData('карта 5555-5555-5555-4444')).toBe('карта **** 4444');
    expect(scrubPersonalData('номер 4539 1488 0343 6468')).toBe('номер 4539 1488 0343 6468');
    // An epoch-ms timestamp is 13 digits too, but no card scheme starts with 1.
    expect(scrubPersonalData('ts 1795805880726')).toBe('ts 1795805880726');
  });
});

describe('flat numbers in free text', () => {
  it.each(OTHER_SECRETS.filter((s) => s.label.startsWith('flat')).map((s) => [s.label, s] as const))(
    'masks the number of %s',
    (_label, secret) => {
      expect(leaksIn(scrubPersonalData(secret.text), [secret])).toEqual([]);
    },
  );

  it('keeps the word and masks the number; areas and words that only start alike are left', () => {
    expect(scrubPersonalData('ул. Абая 10, кв. 89, подъезд 2')).toBe('ул. Абая 10, кв. ***, подъезд 2');
    expect(scrubPersonalData('104-пәтерде су жоқ')).toBe('***-пәтерде су жоқ');
    expect(scrubPersonalData('площадь 50 кв. м, квадрат 12, 5 квартир')).toBe(
      'площадь 50 кв. м, квадрат 12, 5 квартир',
    );
  });
});

describe('normalisation and what is left alone', () => {
  it('returns text without personal data exactly as given, invisible characters and all', () => {
    for (const text of [
      'Нет отопления\u200B с 07.12.2026, 12 500 тг, дом 12',
      'Заявка A-2026-000123, индекс 010000, в 2026 году, 3 подъезда',
      'Жылу жоқ, 5 қабат, сағат 18:30-да',
      '',
    ]) {
      expect(scrubPersonalData(text)).toBe(text);
    }
  });

  it('strips invisible format characters', () => {
    expect(stripInvisible('a\u200Bb\u00ADc\u2060d\uFEFFe\u200Df')).toBe('abcdef');
  });

  it('masks citizen fields: phones of any kind, initials of names', () => {
    expect(maskPhone('+7 701 234 56 12')).toBe('+7 7** *** ** 12');
    expect(maskPhone('87012345612')).toBe('+7 7** *** ** 12');
    expect(maskPhone('+44 20 7946 0958')).toBe('*** 58');
    expect(maskPhone('12')).toBe('***');
    expect(maskName('Айгерім Сапарова')).toBe('А. С.');
    expect(maskName('\u200BАйгерім  Сапарова ')).toBe('А. С.');
  });
});

describe('strict scrubbing of quoted input (dead-letter reasons)', () => {
  it('also masks a phone cut short, in digits or words', () => {
    expect(scrubStrict('invalid: region: unknown region 8 701 234 5')).toBe('invalid: region: unknown region ***');
    expect(scrubStrict('unknown region сегіз жеті жүз бір екі жүз отыз төрт елу')).toBe('unknown region ***');
    expect(scrubStrict('oversize: 70000 bytes, limit 65536')).toBe('oversize: 70000 bytes, limit 65536');
  });
});
