import { CATEGORY_CODES } from '@shared';
import { describe, expect, it } from 'vitest';
import { matchCategories } from '../../../../../client/src/features/agent/categoryMatch';
import { foldText, matchName, MATCH } from '../../../../../client/src/features/agent/textSearch';

describe('foldText', () => {
  it('folds case, ё and the Kazakh letters, and reads punctuation as spaces', () => {
    expect(foldText('  Қар мен КӨКТАЙҒАҚ ')).toBe('кар мен коктайгак');
    expect(foldText('Усть-Каменогорск')).toBe('усть каменогорск');
    expect(foldText('Подтопления и ливнёвка')).toBe('подтопления и ливневка');
    expect(foldText('water_sewer')).toBe('water sewer');
    expect(foldText('ӘҒҚҢӨҰҮҺІ')).toBe('агкноуухи');
  });

  it('ranks exact, prefix, word and inner matches', () => {
    expect(matchName('газ', 'Газ')).toBe(MATCH.exact);
    expect(matchName('газос', 'газоснабжение')).toBe(MATCH.prefix);
    expect(matchName('гор вод', 'теплоснабжение и горячая вода')).toBe(MATCH.words);
    expect(matchName('снабж', 'газоснабжение')).toBe(MATCH.inside);
    expect(matchName('xyz', 'газоснабжение')).toBe(MATCH.none);
    expect(matchName('', 'газ')).toBe(MATCH.none);
  });
});

describe('matchCategories', () => {
  it('lists every category in contract order for an empty query', () => {
    expect(matchCategories('  ', 'ru')).toEqual([...CATEGORY_CODES]);
  });

  it('finds a category by its Russian name', () => {
    expect(matchCategories('тепло', 'ru')[0]).toBe('heating');
    expect(matchCategories('лифт', 'ru')[0]).toBe('lifts');
    expect(matchCategories('вывоз', 'ru')[0]).toBe('waste');
    expect(matchCategories('уличн', 'ru')[0]).toBe('lighting');
  });

  it('finds a category by its Kazakh name, with or without the Kazakh letters', () => {
    expect(matchCategories('жылумен', 'kk')[0]).toBe('heating');
    expect(matchCategories('қоқыс', 'kk')[0]).toBe('waste');
    expect(matchCategories('кокыс', 'kk')[0]).toBe('waste');
    expect(matchCategories('көше жарығы', 'kk')[0]).toBe('lighting');
    expect(matchCategories('кеңес', 'kk')[0]).toBe('consultation');
  });

  it('finds a category by its English name and by its code', () => {
    expect(matchCategories('snow', 'en')[0]).toBe('winter_upkeep');
    expect(matchCategories('public tr', 'en')[0]).toBe('public_transport');
    expect(matchCategories('water_sewer', 'ru')[0]).toBe('water_sewer');
    expect(matchCategories('animals', 'ru')[0]).toBe('animals_pests');
  });

  it('finds a name in another language than the UI one', () => {
    expect(matchCategories('gas', 'ru')[0]).toBe('gas');
    expect(matchCategories('газоснабжение', 'en')[0]).toBe('gas');
    expect(matchCategories('лифтілер', 'ru')[0]).toBe('lifts');
  });

  it('knows the words callers use ("отопление", "яма", "мусор")', () => {
    expect(matchCategories('отопл', 'ru')[0]).toBe('heating');
    expect(matchCategories('яма', 'ru')[0]).toBe('roads');
    expect(matchCategories('мусор', 'ru')[0]).toBe('waste');
    expect(matchCategories('КСК', 'ru')[0]).toBe('housing');
  });

  it('puts a name match before a mere word match, and matches nothing for nonsense', () => {
    // "вод" starts "водоснабжение…" and is a word of "…горячая вода".
    expect(matchCategories('вод', 'ru').slice(0, 2)).toEqual(['water_sewer', 'heating']);
    expect(matchCategories('qqqq', 'ru')).toEqual([]);
  });
});
