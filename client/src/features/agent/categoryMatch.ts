import { CATEGORIES, type CategoryCode } from '@shared';
import type { Language } from '../../i18n/languages';
import { bestMatch, foldText, MATCH, type MatchScore } from './textSearch';

/**
 * Words callers use for a category that its official name does not contain ("отопление"
 * for heating and hot water, "лифт" is already in "лифты"). Matched like names, ranked
 * just below them. ru, kk and en mixed: they are search words, never shown.
 */
const KEYWORDS: Readonly<Record<CategoryCode, readonly string[]>> = {
  heating: ['отопление', 'батарея', 'радиатор', 'жылу', 'батарея суық', 'heat'],
  water_sewer: ['вода', 'канализация', 'засор', 'су', 'кәріз', 'water', 'sewer'],
  electricity: ['свет', 'электричество', 'отключение света', 'жарық', 'power'],
  gas: ['газ', 'запах газа', 'gas leak'],
  lifts: ['лифт', 'застрял', 'elevator'],
  lighting: ['фонарь', 'освещение', 'шам', 'streetlight'],
  roads: ['яма', 'асфальт', 'тротуар', 'жол', 'pothole'],
  winter_upkeep: ['снег', 'гололёд', 'наледь', 'сосульки', 'қар', 'мұз', 'snow', 'ice'],
  flooding: ['потоп', 'подтопление', 'ливнёвка', 'су басу', 'flood'],
  waste: ['мусор', 'контейнер', 'свалка', 'қоқыс', 'trash', 'garbage'],
  landscaping: ['деревья', 'газон', 'парк', 'ағаш', 'trees'],
  animals_pests: ['собаки', 'бродячие', 'крысы', 'ит', 'dogs', 'rats'],
  public_transport: ['автобус', 'остановка', 'маршрут', 'bus'],
  housing: ['ОСИ', 'КСК', 'МИБ', 'ПИБ', 'ПИК', 'подъезд', 'крыша', 'OSI', 'KSK'],
  public_order: ['шум', 'соседи', 'шу', 'noise'],
  consultation: ['справка', 'вопрос', 'анықтама', 'question'],
  healthcare: ['поликлиника', 'больница', 'врач', 'скорая', 'емхана', 'аурухана', 'дәрігер', 'clinic', 'doctor'],
  education: ['школа', 'детский сад', 'садик', 'мектеп', 'балабақша', 'school', 'kindergarten'],
  social_support: ['пособие', 'пенсия', 'инвалидность', 'жәрдемақы', 'зейнетақы', 'мүгедектік', 'benefit', 'pension'],
  utility_billing: ['ЕПД', 'квитанция', 'перерасчёт', 'счёт', 'БТҚ', 'түбіртек', 'bill', 'invoice'],
  corruption: ['взятка', 'вымогательство', 'пара', 'пара алу', 'bribe'],
};

export interface CategoryMatch {
  code: CategoryCode;
  score: number;
}

/**
 * Categories for what the agent typed, best first: by its code, its name in the UI
 * language, in the two other languages, then by the search words. An empty query lists
 * every category in contract order. Ties keep contract order, so the list does not jump.
 */
export function matchCategories(query: string, language: Language): CategoryCode[] {
  const folded = foldText(query);
  if (folded === '') return CATEGORIES.map((c) => c.code);
  const matches: CategoryMatch[] = [];
  for (const category of CATEGORIES) {
    const score = scoreCategory(folded, category.code, category.name, language);
    if (score > 0) matches.push({ code: category.code, score });
  }
  // Array.prototype.sort is stable: equal scores stay in contract order.
  return matches.sort((a, b) => b.score - a.score).map((m) => m.code);
}

/**
 * One category's score: the match kind (exact > prefix > words > inside) counts most; at
 * equal kind the code, then the UI language, then another language, then a search word.
 */
function scoreCategory(
  folded: string,
  code: CategoryCode,
  name: Readonly<Record<Language, string>>,
  language: Language,
): number {
  const others = (Object.keys(name) as Language[]).filter((l) => l !== language).map((l) => name[l]);
  const candidates: [MatchScore, number][] = [
    [bestMatch(folded, [code, code.replace(/_/g, ' ')]), 4],
    [bestMatch(folded, [name[language]]), 3],
    [bestMatch(folded, others), 2],
    [bestMatch(folded, KEYWORDS[code]), 1],
  ];
  let best = 0;
  for (const [kind, weight] of candidates) {
    if (kind === MATCH.none) continue;
    best = Math.max(best, kind * 10 + weight);
  }
  return best;
}
