import { describe, expect, it } from 'vitest';
import { legendBuckets, scaleFor } from '../../../../../client/src/features/map/colorScale';
import { formatKpi, formatLoad, legendLabel } from '../../../../../client/src/features/map/kpiFormat';
import { getFormatters } from '../../../../../client/src/i18n/format';

const ru = getFormatters('ru');
const kk = getFormatters('kk');
const en = getFormatters('en');
// Intl output contains narrow/non-breaking spaces depending on the ICU version.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatKpi', () => {
  it('shows load with a decimal below 10 only', () => {
    expect(formatLoad(4.56, ru)).toBe('4,6');
    expect(formatLoad(137.4, en)).toBe('137');
    expect(plain(formatLoad(12_345.6, ru))).toBe('12 346');
    expect(formatLoad(null, ru)).toBe('—');
  });

  it('shows shares as percentages and response times as durations', () => {
    expect(plain(formatKpi('overdueShare', 0.123, ru))).toBe('12 %');
    expect(formatKpi('overdueShare', 0.123, en)).toBe('12%');
    expect(formatKpi('medianResponse', 15 * 60_000, kk)).toBe('15 мин');
    expect(formatKpi('medianResponse', null, kk)).toBe('—');
  });
});

describe('legendLabel', () => {
  it('labels the ends open and the middle as a range', () => {
    const labels = legendBuckets(scaleFor('load')).map((b) => legendLabel('load', b, en));
    expect(labels).toEqual(['< 15', '15 – 30', '30 – 60', '≥ 60']);
  });

  it('prints the step just above zero as "> 0"', () => {
    const labels = legendBuckets(scaleFor('overdueShare')).map((b) => legendLabel('overdueShare', b, en));
    expect(labels).toEqual(['0%', '> 0% – < 5%', '5% – 15%', '≥ 15%']);
  });

  it('uses Kazakh units in Kazakh', () => {
    const labels = legendBuckets(scaleFor('medianResponse')).map((b) => legendLabel('medianResponse', b, kk));
    // Hours keep their number and unit together (a no-break space, format.ts longDuration).
    expect(labels).toEqual(['< 30 мин', '30 мин – 1\u00a0сағ', '1\u00a0сағ – 2\u00a0сағ', '≥ 2\u00a0сағ']);
  });
});
