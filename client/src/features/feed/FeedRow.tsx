import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import type { Formatters } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { categoryName, regionName } from '../../i18n/names';
import { followLink } from '../../navigation';
import { appealPath, incidentPath } from '../../routes';
import { feedLabelKey, type FeedItem } from '../../state/feed';
import { priorityTone, severityTone } from './tones';

export interface FeedRowProps {
  item: FeedItem;
  language: Language;
  formatters: Formatters;
  /** The line's label links to its appeal's or incident's page (default; not on a kiosk). */
  isLinked?: boolean;
}

/**
 * One feed line: time, what happened, category, region, priority or severity and, for
 * incidents, the title; the label is a link to the appeal's or incident's page. Memoised: an item object never changes, so existing lines are
 * not re-rendered when new ones arrive (their DOM and any text selection stay as they are).
 */
export const FeedRow = memo(function FeedRow({ item, language, formatters, isLinked = true }: FeedRowProps) {
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
      {isLinked ? (
        // A real link (keyboard, middle click, "open in new tab"), named for what it opens.
        <a
          className="feed-row__what feed-row__status feed-row__link"
          href={item.entity === 'appeal' ? appealPath(item.entityId) : incidentPath(item.entityId)}
          title={t(`feedOpen.${item.entity}`, { id: item.entityId })}
          data-testid="feed-link"
          onClick={followLink}
        >
          {t(feedLabelKey(item))}
        </a>
      ) : (
        <span className="feed-row__what feed-row__status">{t(feedLabelKey(item))}</span>
      )}
      {/* Category and region share the second line; the region moves under it when both do not fit. */}
      <span className="feed-row__detail">
        <span className="feed-row__category">
          {item.title !== null && <span className="feed-row__title">{item.title}</span>}
          {item.category !== null && (
            <span className="feed-row__category-name">{categoryName(item.category, language)}</span>
          )}
        </span>
        <span className="feed-row__region">{regionName(item.region, language)}</span>
      </span>
      <span className="feed-row__badge">
        {item.priority !== null && <Badge tone={priorityTone(item.priority)}>{t(`priority.${item.priority}`)}</Badge>}
        {item.severity !== null && <Badge tone={severityTone(item.severity)}>{t(`severity.${item.severity}`)}</Badge>}
      </span>
    </li>
  );
});
