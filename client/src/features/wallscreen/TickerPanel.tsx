import { memo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { NO_VALUE, type Formatters } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { categoryName, regionName } from '../../i18n/names';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { useFeed, useLink, useStats } from '../../realtime/hooks';
import { feedLabelKey, type FeedItem } from '../../state/feed';
import { priorityTone, severityTone } from '../feed/tones';
import { isFreshEmergency, mattersOnWall, pacedTicker, selectTicker, type RevealTimes } from './tickerItems';
import { linesThatFit, useElementSize } from './useElementSize';
import { WallPanel } from './WallPanel';

/** Height of one ticker line (three text lines), as in wallDistance.css `.wall-screen-ticker__row`. */
export const TICKER_ROW_REM = 3.3;
/** Lines kept at most however tall the panel is (the store's feed holds 30). */
const MAX_ROWS = 20;

/** The feed's statuses too wide for a ticker line beside a priority badge: the wall's shorter ones. */
const SHORTER = new Set(['status.assigned', 'status.escalated', 'status.restored', 'status.extended']);

function wallLabelKey(item: FeedItem) {
  const key = feedLabelKey(item);
  return SHORTER.has(key) ? (`wallTicker.${key.slice('status.'.length)}` as `wallTicker.${'assigned'}`) : key;
}

interface TickerRowProps {
  item: FeedItem;
  /** A new emergency's lasting cue (a minute). */
  isFresh: boolean;
  language: Language;
  formatters: Formatters;
}

/**
 * One event on three lines, each whole (issue 18: "направлено испол…"): what happened, with
 * its priority or severity; the category (an incident's title); the region and the time
 * (hours and minutes: the panel spans 15 of them). Only what the feed carries
 * (no description, address or contact ever reaches the client's feed). Memoised: a line
 * stays as it is while new ones push it down.
 */
const TickerRow = memo(function TickerRow({ item, isFresh, language, formatters }: TickerRowProps) {
  const { t } = useTranslation();
  const isEmergency = item.priority === 'emergency' || item.severity === 'critical';
  const idAttribute =
    item.entity === 'appeal' ? { 'data-appeal-id': item.entityId } : { 'data-incident-id': item.entityId };
  return (
    <li
      className={`wall-screen-ticker__row wall-screen-ticker__row--${item.entity}${isEmergency ? ' wall-screen-ticker__row--emergency' : ''}${isFresh ? ' wall-screen-ticker__row--fresh' : ''}`}
      data-testid="feed-item"
      {...idAttribute}
    >
      <span className="wall-screen-ticker__line">
        <span className="wall-screen-ticker__what">{t(wallLabelKey(item))}</span>
        {item.priority !== null && item.priority !== 'normal' && (
          <Badge tone={priorityTone(item.priority)}>{t(`priority.${item.priority}`)}</Badge>
        )}
        {item.severity !== null && <Badge tone={severityTone(item.severity)}>{t(`severity.${item.severity}`)}</Badge>}
      </span>
      <span className="wall-screen-ticker__line">
        <span className="wall-screen-ticker__category">
          {item.title ?? (item.category === null ? '' : categoryName(item.category, language))}
        </span>
      </span>
      <span className="wall-screen-ticker__line">
        <span className="wall-screen-ticker__region">{regionName(item.region, language)}</span>
        <time className="wall-screen-ticker__time" dateTime={formatters.isoInstant(item.at)}>
          {formatters.time(item.at).slice(0, 5)}
        </time>
      </span>
    </li>
  );
});

/**
 * The last 15 minutes: the newest events that fit the panel, newest on top, and how many
 * appeals came in over the 15 minutes. A plain list that shifts down as events arrive (no
 * marquee animation burning CPU all day); lines older than 15 minutes drop off by the clock.
 */
export function TickerPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const feed = useFeed();
  const stats = useStats();
  const serverNow = useNow() + useLink().clockOffsetMs;
  const boxRef = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(boxRef);
  const rows = linesThatFit(height, TICKER_ROW_REM, 1, MAX_ROWS);
  // The reveal times live across renders (bookkeeping, not rendered state); the clock
  // (useNow) re-renders every second, which is what reveals a queued line.
  const [reveals] = useState<RevealTimes>(() => new Map());
  // Every line that may show (the store's feed holds 30), then the paced few that do.
  const worthy = selectTicker(feed.filter(mattersOnWall), serverNow, MAX_ROWS * 2);
  const items = pacedTicker(worthy, reveals, serverNow, rows);
  const count = stats?.overall.windows['15m'].registered ?? null;
  return (
    <WallPanel
      title={t('wallScreen.ticker')}
      asOf={stats?.asOf ?? null}
      testId="wall-ticker"
      className="wall-screen-ticker"
    >
      <p className="wall-screen-ticker__count" data-testid="wall-ticker-count">
        {t('wallScreen.tickerCount', { value: count === null ? NO_VALUE : formatters.count(count) })}
      </p>
      <div ref={boxRef} className="wall-screen-ticker__box">
        {items.length === 0 ? (
          <p className="wall-screen-panel__empty">{t('wallScreen.tickerEmpty')}</p>
        ) : (
          <ol className="wall-screen-ticker__list" data-testid="feed">
            {items.map((item) => (
              <TickerRow
                key={item.key}
                item={item}
                isFresh={isFreshEmergency(item, reveals, serverNow)}
                language={language}
                formatters={formatters}
              />
            ))}
          </ol>
        )}
      </div>
    </WallPanel>
  );
}
