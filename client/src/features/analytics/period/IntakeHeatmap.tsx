import { reportAddDays, reportDayCount, seriesBucketOf, type LocalDate, type ReportDayRow } from '@shared';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../i18n/useLanguage';
import { dayLabel } from './periodFormat';

export interface IntakeHeatmapProps {
  /** First and last day drawn (the period, from the first day with data). */
  from: LocalDate;
  to: LocalDate;
  days: readonly ReportDayRow[];
  onPick(day: LocalDate): void;
}

/** Five steps of intensity (0: none), by the share of the busiest day. */
function levelOf(n: number, max: number): number {
  if (n === 0 || max === 0) return 0;
  return Math.min(4, Math.ceil((n / max) * 4));
}

/**
 * The calendar heat map of intake: a column per week (Monday on top, as calendars in
 * Kazakhstan are printed), a cell per day coloured by its intake. Each day is a button that
 * opens that day's appeals, so the map is as usable by keyboard as by mouse.
 */
export function IntakeHeatmap({ from, to, days, onPick }: IntakeHeatmapProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const counts = new Map(days.map((d) => [d.day, d.registered]));
  const max = days.reduce((m, d) => Math.max(m, d.registered), 0);
  const busiest = days.find((d) => d.registered === max);
  const lead = reportDayCount(seriesBucketOf(from, 'week'), from) - 1;
  const total = reportDayCount(from, to);
  const weeks = Math.ceil((lead + total) / 7);
  const cells = Array.from({ length: total }, (_, i) => reportAddDays(from, i));
  return (
    <div className="heatmap" data-testid="chart-period-heatmap">
      <p className="visually-hidden">
        {max === 0
          ? t('analyticsPeriod.heatmap.empty')
          : t('analyticsPeriod.heatmap.summary', {
              days: total,
              max: formatters.count(max),
              when: busiest ? dayLabel(busiest.day) : '—',
            })}
      </p>
      <div className="heatmap__body">
        <ol className="heatmap__weekdays" aria-hidden="true">
          {['1', '2', '3', '4', '5', '6', '7'].map((d) => (
            <li key={d}>{d === '1' || d === '3' || d === '5' ? t(`analyticsPeriod.weekdays.${d}`) : ''}</li>
          ))}
        </ol>
        <ol className="heatmap__grid" style={{ gridTemplateColumns: `repeat(${weeks}, minmax(0, 1.3rem))` }}>
          {cells.map((day, i) => {
            const n = counts.get(day) ?? 0;
            const text = t('analyticsPeriod.heatmap.day', { date: dayLabel(day), n: formatters.count(n) });
            return (
              <li key={day} style={i === 0 ? { gridRowStart: lead + 1 } : undefined} className="heatmap__cell-slot">
                <button
                  type="button"
                  className={`heatmap__cell heatmap__cell--${levelOf(n, max)}`}
                  title={text}
                  aria-label={text}
                  data-day={day}
                  data-count={n}
                  onClick={() => onPick(day)}
                />
              </li>
            );
          })}
        </ol>
      </div>
      <p className="heatmap__scale" aria-hidden="true">
        {t('analyticsPeriod.heatmap.less')}
        {[0, 1, 2, 3, 4].map((level) => (
          <span key={level} className={`heatmap__cell heatmap__cell--${level}`} />
        ))}
        {t('analyticsPeriod.heatmap.more')}
      </p>
    </div>
  );
}
