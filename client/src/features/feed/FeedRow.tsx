import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import type { Formatters } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { categoryName, regionName } from '../../i18n/names';
import { feedLabelKey, type FeedItem } from '../../state/feed';
import { priorityTone, severityTone } from './tones';

export interface FeedRowProps {
  item: FeedItem;
  language: Language;
  formatters: Formatters;
}

/**
 * One feed line: time, what happened, category, region, priority or severity and, for
 * incidents, the title. Memoised: an item object never changes, so existing lines are
 * not re-rendered when new ones arrive (their DOM and any text selection stay as they are).
 */
export const FeedRow = memo(function FeedRow({ item, language, formatters }: FeedRowProps) {
  const { t } = useTranslation();
  const idAttribute =
    item.entity === 'appeal' ? { 'data-appeal-id': item.entityId } : { 'data-incident-id': item.entityId };
  const isEmergency = item.priority === 'emergency' || item.severity === 'critical';
  return (
    <li
      className={`feed-row feed-row--${item.entity}${isEmergency ? ' feed-row--emergency' : ''}`}
      data-testid="feed-item"
      {...idAttribute}
    >
      <time className="feed-row__time" dateTime={formatters.isoInstant(item.at)}>
        {formatters.time(item.at)}
      </time>
      <span className="feed-row__what">{t(feedLabelKey(item))}</span>
      <span className="feed-row__category">
        {item.title !== null && <span className="feed-row__title">{item.title}</span>}
        {item.category !== null && (
          <span className="feed-row__category-name">{categoryName(item.category, language)}</span>
        )}
      </span>
      <span className="feed-row__region">{regionName(item.region, language)}</span>
      <span className="feed-row__badge">
        {item.priority !== null && <Badge tone={priorityTone(item.priority)}>{t(`priority.${item.priority}`)}</Badge>}
        {item.severity !== null && <Badge tone={severityTone(item.severity)}>{t(`severity.${item.severity}`)}</Badge>}
      </span>
    </li>
  );
});
