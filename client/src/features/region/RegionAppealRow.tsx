import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import type { Formatters } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { categoryName, regionName } from '../../i18n/names';
import { followLink } from '../../navigation';
import { appealPath } from '../../routes';
import { priorityTone } from '../feed/tones';
import type { RegionAppealRow as Row } from './regionAppeals';

export interface RegionAppealRowProps {
  row: Row;
  /** Also name the row's region (a shape that shows several regions). */
  showRegion: boolean;
  /** Times of appeals registered before this instant (today's midnight) carry their date. */
  todayFrom: number;
  language: Language;
  formatters: Formatters;
}

/** One open appeal of a region's drill-down, linking to its timeline; overdue ones stand out. */
export const RegionAppealRow = memo(function RegionAppealRow({
  row,
  showRegion,
  todayFrom,
  language,
  formatters,
}: RegionAppealRowProps) {
  const { t } = useTranslation();
  const when =
    row.registeredAt >= todayFrom ? formatters.time(row.registeredAt) : formatters.dateTime(row.registeredAt);
  return (
    <li
      className={`region-appeal${row.isOverdue ? ' region-appeal--overdue' : ''}`}
      data-testid="region-appeal"
      data-appeal-id={row.id}
      data-overdue={row.isOverdue}
    >
      <a className="region-appeal__id" href={appealPath(row.id)} onClick={followLink}>
        {row.id}
      </a>
      <time className="region-appeal__time" dateTime={formatters.isoInstant(row.registeredAt)}>
        {when}
      </time>
      <span className="region-appeal__badges">
        {row.isOverdue && <Badge tone="danger">{t('region.overdue')}</Badge>}
        <Badge tone={priorityTone(row.priority)}>{t(`priority.${row.priority}`)}</Badge>
      </span>
      <span className="region-appeal__category">
        {categoryName(row.category, language)}
        {showRegion && <span className="region-appeal__region"> · {regionName(row.region, language)}</span>}
      </span>
      <span className="region-appeal__status">{t(`status.${row.status}`)}</span>
    </li>
  );
});
