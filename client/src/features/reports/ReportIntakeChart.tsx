import type { ReportSummary } from '@shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Line, XAxis, YAxis } from 'recharts';
import { useFormatters } from '../../i18n/useLanguage';
import { intakeBuckets } from './intakeBuckets';
import { dayText } from './reportText';

export interface ReportIntakeChartProps {
  summary: ReportSummary;
}

/** Drawn at a fixed size that fits A4 landscape, so the printed chart is the one on screen. */
const WIDTH = 960;
const HEIGHT = 230;

/**
 * Intake (bars) and resolutions (line) per day, week or month of the period (flow figures,
 * from the summary's days). Colours for the dark screen; the print stylesheet redraws them
 * in greys and a dashed line, so the chart reads in black and white.
 */
export function ReportIntakeChart({ summary }: ReportIntakeChartProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const { size, buckets } = useMemo(() => intakeBuckets(summary.byDay, summary), [summary]);
  const rows = useMemo(
    () => buckets.map((b) => ({ ...b, label: dayText(b.start).slice(0, size === 'month' ? 10 : 5) })),
    [buckets, size],
  );
  const registered = buckets.reduce((sum, b) => sum + b.registered, 0);
  const resolved = buckets.reduce((sum, b) => sum + b.resolved, 0);
  const summaryText = t('briefing.intake.summary', {
    size: t(`briefing.intake.size.${size}`),
    registered: formatters.count(registered),
    resolved: formatters.count(resolved),
  });
  return (
    <figure className="report-chart" data-testid="report-intake" data-size={size} data-registered={registered}>
      <figcaption className="report-chart__caption">
        {t('briefing.intake.title', { size: t(`briefing.intake.size.${size}`) })}
        <span className="report-chart__legend" aria-hidden="true">
          <span className="report-chart__key report-chart__key--bar" /> {t('briefing.figures.registered')}{' '}
          <span className="report-chart__key report-chart__key--line" /> {t('briefing.figures.resolved')}
        </span>
      </figcaption>
      <div role="img" aria-label={summaryText} className="report-chart__drawing">
        <ComposedChart width={WIDTH} height={HEIGHT} data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid className="report-chart__grid" stroke="#263445" vertical={false} />
          <XAxis dataKey="label" tick={{ fill: '#c3ccd6', fontSize: 12 }} stroke="#263445" minTickGap={8} />
          <YAxis
            width={52}
            allowDecimals={false}
            tick={{ fill: '#c3ccd6', fontSize: 12 }}
            stroke="#263445"
            tickFormatter={(v: number) => formatters.count(v)}
          />
          <Bar className="report-chart__bars" dataKey="registered" fill="#7cc4ff" isAnimationActive={false} />
          <Line
            className="report-chart__line"
            dataKey="resolved"
            stroke="#ffb627"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </div>
    </figure>
  );
}
