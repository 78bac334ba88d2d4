import type { Organisation } from '@shared';
import type { Language } from '../../i18n/languages';

/** Options offered at most (a city's 1,500 organisations are found by typing). */
export const SERVICE_OPTION_LIMIT = 12;

/** An organisation's name in the interface language (English falls back to Russian). */
export function organisationName(org: Pick<Organisation, 'name'>, language: Language): string {
  return language === 'en' ? (org.name.en ?? org.name.ru) : org.name[language];
}

const fold = (text: string): string =>
  text
    .toLocaleLowerCase('ru')
    .replace(/ё/g, 'е')
    .replace(/[«»"“”]/g, '');

/**
 * Directory organisations for what was typed: every word in one of its names, or the start
 * of its БИН; names that start with the text first. Pure.
 */
export function matchOrganisations(
  organisations: readonly Organisation[],
  text: string,
  language: Language,
  limit = SERVICE_OPTION_LIMIT,
): Organisation[] {
  const words = fold(text).split(/\s+/).filter(Boolean);
  const digits = text.replace(/\s/g, '');
  const scored: { org: Organisation; score: number }[] = [];
  for (const org of organisations) {
    if (/^\d+$/.test(digits) && org.bin.startsWith(digits)) {
      scored.push({ org, score: 0 });
      continue;
    }
    const names = [org.name.ru, org.name.kk, org.name.en ?? ''].map(fold);
    const name = names.find((n) => words.every((w) => n.includes(w)));
    if (name === undefined) continue;
    scored.push({ org, score: words.length > 0 && name.startsWith(words[0] as string) ? 1 : 2 });
  }
  return scored
    .sort(
      (a, b) =>
        a.score - b.score ||
        organisationName(a.org, language).localeCompare(organisationName(b.org, language), language),
    )
    .slice(0, limit)
    .map((s) => s.org);
}
