import { DISTRIBUTION_EDGES_MS } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  durationRangeLabel,
  hourMinute,
  trendOf,
  TREND_ARROWS,
} from '../../../../../client/src/features/analytics/charts/chartText';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import { getFormatters } from '../../../../../client/src/i18n/format';
import type { Language } from '../../../../../client/src/i18n/languages';

// Intl output contains narrow/non-breaking spaces depending on the ICU version.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** Every bucket label of the distribution, as the chart builds it in `language`. */
function labels(language: Language): string[] {
  const t = createI18n(language).t;
  const units = {
    second: t('analytics.unit.second'),
    minute: t('analytics.unit.minute'),
    hour: t('analytics.unit.hour'),
  };
  const formatters = getFormatters(language);
  return DISTRIBUTION_EDGES_MS.map((from, i) =>
    plain(durationRangeLabel(from, DISTRIBUTION_EDGES_MS[i + 1] ?? null, units, formatters)),
  );
}

describe('distribution labels', () => {
  it('name every log bucket in Russian, one unit where it can, two where it must', () => {
    expect(labels('ru')).toEqual([
      '<30 с',
      '30 с – 1 мин',
      '1–2 мин',
      '2–5 мин',
      '5–10 мин',
      '10–20 мин',
      '20–50 мин',
      '50 мин – 1,7 ч',
      '1,7–3,3 ч',
      '3,3–8,3 ч',
      '8,3–17 ч',
      '17–33 ч',
      '≥ 33 ч',
    ]);
  });

  it('use our own Kazakh unit words (never the browser ICU data, never Russian)', () => {
    const kk = labels('kk');
    expect(kk[0]).toBe('<30 сек');
    expect(kk[2]).toBe('1–2 мин');
    expect(kk[7]).toBe('50 мин – 1,7 сағ');
    expect(kk.at(-1)).toBe('≥ 33 сағ');
    for (const label of kk) expect(label).not.toMatch(/\bч\b|[a-z]/);
  });

  it('use English units and decimal points in English', () => {
    const en = labels('en');
    expect(en[0]).toBe('<30 s');
    expect(en[1]).toBe('30 s – 1 min');
    expect(en[8]).toBe('1.7–3.3 h');
    expect(en.at(-1)).toBe('≥ 33 h');
  });
});

describe('trendOf', () => {
  it('points up, down or flat by the whole percentages shown', () => {
    expect(trendOf({ value: 0.9, previous: 0.84 })).toBe('up');
    expect(trendOf({ value: 0.7, previous: 0.84 })).toBe('down');
    // 84.2 % and 83.8 % both read "84 %": no arrow between equal numbers.
    expect(trendOf({ value: 0.842, previous: 0.838 })).toBe('flat');
    expect(trendOf({ value: 0.5, previous: 0.5 })).toBe('flat');
  });

  it('says none when either hour has no data', () => {
    expect(trendOf({ value: 0.9, previous: null })).toBe('none');
    expect(trendOf({ value: null, previous: 0.9 })).toBe('none');
    expect(trendOf({ value: null, previous: null })).toBe('none');
  });

  it('has an arrow for each direction but none', () => {
    expect(TREND_ARROWS).toEqual({ up: '▲', down: '▼', flat: '▬', none: '' });
  });
});

describe('hourMinute', () => {
  it('is the Kazakhstan wall clock in every language', () => {
    const at = Date.parse('2026-11-27T14:05:59+05:00');
    for (const language of ['ru', 'kk', 'en'] as const) expect(hourMinute(at, getFormatters(language))).toBe('14:05');
    expect(hourMinute(Date.parse('2026-11-27T19:30:00Z'), getFormatters('kk'))).toBe('00:30');
  });
});
