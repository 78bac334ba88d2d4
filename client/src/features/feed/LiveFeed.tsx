import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { useFeed } from '../../realtime/hooks';
import { useSession } from '../../session/sessionContext';
import { FeedRow } from './FeedRow';
import './feed.css';

/**
 * The newest appeals and incidents, newest first. Deliberately not an aria-live region:
 * at several events a second it would drown a screen reader (the link status is live).
 * The list scrolls inside its panel; browsers' scroll anchoring keeps a scrolled-down
 * view in place while lines are added on top.
 */
export function LiveFeed() {
  const { t } = useTranslation();
  const feed = useFeed();
  const language = useLanguage();
  const formatters = useFormatters();
  const headingId = useId();
  // A wall-screen kiosk opens no pages: its rows stay text.
  const isLinked = useSession()?.user.isKiosk !== true;
  return (
    <section className="panel feed" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {t('feed.title')}
      </h2>
      {feed.length === 0 && <p className="feed__empty">{t('feed.empty')}</p>}
      {/* A tab stop, so a keyboard user can scroll it (axe scrollable-region-focusable). */}
      <ol className="feed__list" tabIndex={0} aria-labelledby={headingId} data-testid="feed">
        {feed.map((item) => (
          <FeedRow key={item.key} item={item} language={language} formatters={formatters} isLinked={isLinked} />
        ))}
      </ol>
    </section>
  );
}
