/**
 * Text matching for the console's typeaheads (categories, places). Agents type fast, in
 * Russian or Kazakh, often on a keyboard without the Kazakh letters, so matching folds
 * case, ё and the Kazakh-specific letters onto their nearest Russian ones (қ→к, ө→о…),
 * and treats punctuation as spaces ("усть кам" finds "Усть-Каменогорск").
 */
const FOLD: Readonly<Record<string, string>> = {
  ё: 'е',
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
};

/** Lower case, Kazakh letters folded, punctuation as single spaces, trimmed. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ёәғқңөұүһі]/g, (c) => FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** How well a query matched a name: higher is better. */
export const MATCH = {
  /** The whole name is the query. */
  exact: 4,
  /** The name starts with the query. */
  prefix: 3,
  /** Every query word starts a word of the name, in any order. */
  words: 2,
  /** The query is somewhere inside the name. */
  inside: 1,
  none: 0,
} as const;

export type MatchScore = (typeof MATCH)[keyof typeof MATCH];

/** Score of one folded query against one name (folded here). */
export function matchName(foldedQuery: string, name: string): MatchScore {
  if (foldedQuery === '') return MATCH.none;
  const folded = foldText(name);
  if (folded === foldedQuery) return MATCH.exact;
  if (folded.startsWith(foldedQuery)) return MATCH.prefix;
  const words = folded.split(' ');
  const wanted = foldedQuery.split(' ');
  if (wanted.every((w) => words.some((word) => word.startsWith(w)))) return MATCH.words;
  return folded.includes(foldedQuery) ? MATCH.inside : MATCH.none;
}

/** The best score of a query against several names (a thing's names in three languages). */
export function bestMatch(foldedQuery: string, names: readonly string[]): MatchScore {
  let best: MatchScore = MATCH.none;
  for (const name of names) {
    const score = matchName(foldedQuery, name);
    if (score > best) best = score;
  }
  return best;
}
