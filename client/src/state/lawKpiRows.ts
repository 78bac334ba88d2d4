import type { RegionCode, Stats } from '@shared';
import type { TFunction } from 'i18next';
import { NO_VALUE, type Formatters } from '../i18n/format';
import { lawKpisOf, type LawCounts } from './lawKpis';

const LAW_COUNT_KEYS = [
  'legalOverdue',
  'awaitingConfirmation',
  'finished',
  'solvedPositively',
  'ratingSum',
  'ratingCount',
] as const satisfies readonly (keyof LawCounts)[];

/** The law's counts of several regions summed (a map shape), from the live stats; null without stats for any. Pure. */
export function sumLawCounts(regions: readonly RegionCode[], stats: Stats | null): LawCounts | null {
  if (!stats) return null;
  let sum: LawCounts | null = null;
  for (const code of regions) {
    const region = stats.regions[code] as (LawCounts & object) | undefined;
    if (!region) continue;
    sum ??= {
      legalOverdue: 0,
      awaitingConfirmation: 0,
      finished: 0,
      solvedPositively: 0,
      ratingSum: 0,
      ratingCount: 0,
    };
    for (const key of LAW_COUNT_KEYS) sum[key] += region[key] ?? 0;
  }
  return sum;
}

/** The region page's rows of the law's clock: overdue by law, awaiting confirmation, solved positively, average rating. */
export function lawKpiRows(
  counts: LawCounts | null,
  t: TFunction,
  formatters: Formatters,
): { label: string; value: string }[] {
  const kpis = lawKpisOf(counts);
  const count = (value: number | null) => (value === null ? NO_VALUE : formatters.count(value));
  return [
    { label: t('lawKpi.legalOverdue'), value: count(kpis.legalOverdue) },
    { label: t('lawKpi.awaitingConfirmation'), value: count(kpis.awaitingConfirmation) },
    {
      label: t('lawKpi.solvedPositively'),
      value: kpis.solvedPositivelyShare === null ? NO_VALUE : formatters.percent(kpis.solvedPositivelyShare),
    },
    {
      label: t('lawKpi.averageRating'),
      value: kpis.averageRating === null ? NO_VALUE : formatters.decimal(kpis.averageRating),
    },
  ];
}
