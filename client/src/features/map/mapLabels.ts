import type { RegionShapeMeta } from '@shared';
import type { Language } from '../../i18n/languages';

/**
 * The generic word of an oblast's name in each language. Map labels drop it ("Павлодарская",
 * "Павлодар", "Pavlodar"): at the country view the full names of 20 regions do not fit
 * at a size readable from 5 m. Tooltips and the region panel keep the full name. The three
 * oblasts of 2022 are officially named with the word first in Russian ("область Абай").
 */
const GENERIC_WORD: Record<Language, RegExp> = {
  ru: /^область\s+|\s+область$/u,
  kk: /\s+облысы$/u,
  en: /\s+Region$/u,
};

/**
 * The label of each shape in `language`: its name without the generic word, unless that
 * would make two labels alike (in Kazakh and English, Almaty Region would read as the
 * city of Almaty), in which case both keep their full names. Pure.
 */
export function mapLabels(
  shapes: readonly Pick<RegionShapeMeta, 'code' | 'name'>[],
  language: Language,
): Map<string, string> {
  const short = shapes.map((shape) => {
    const full = shape.name[language];
    const trimmed = full.replace(GENERIC_WORD[language], '');
    return { code: shape.code, full, label: trimmed.length > 0 ? trimmed : full };
  });
  const uses = new Map<string, number>();
  for (const { label } of short) uses.set(label, (uses.get(label) ?? 0) + 1);
  return new Map(short.map(({ code, full, label }) => [code, (uses.get(label) ?? 0) > 1 ? full : label]));
}
