import { isNationalScope, mayDo } from '@shared';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { navigate } from '../../navigation';
import { useSession } from '../../session/sessionContext';
import { DEAD_LETTERS_ANCHOR, type DeadLetters } from './deadLetterHealth';
import { useDeadLetters } from './useDeadLetters';
import './health.css';

const ADMIN_DEAD_LETTERS_PATH = `/admin#${DEAD_LETTERS_ANCHOR}`;

/**
 * A small "rejected entries: N" mark for the dashboard header, shown only to
 * national-scope users (the server gives no one else the figure) and only while the
 * dead-letter stream holds something. Admins get a link to the panel on the admin page;
 * everyone else reads the last reason in the tooltip.
 */
export function DeadLettersBadge() {
  const user = useSession()?.user ?? null;
  const isNational = user !== null && !user.isKiosk && isNationalScope(user.regions);
  const { deadLetters } = useDeadLetters(isNational);
  return isNational ? <DeadLettersBadgeView deadLetters={deadLetters} isAdmin={mayDo(user, 'administer')} /> : null;
}

export interface DeadLettersBadgeViewProps {
  deadLetters: DeadLetters | null;
  /** Admins get a link to the admin page's panel. */
  isAdmin: boolean;
}

/** The badge for given figures (no requests: markup tests render it directly); nothing at zero. */
export function DeadLettersBadgeView({ deadLetters, isAdmin }: DeadLettersBadgeViewProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  if (!deadLetters || deadLetters.count === 0) return null;

  const last = deadLetters.recent[0];
  const lastLine = last
    ? t('deadLetters.badgeLast', {
        time: last.deadAt === null ? NO_VALUE : formatters.dateTime(last.deadAt),
        reason: last.reason || NO_VALUE,
      })
    : null;
  const title = [lastLine, isAdmin ? t('deadLetters.badgeOpen') : null].filter(Boolean).join('\n');
  const content = (
    <>
      <span className="dead-letters-badge__mark" aria-hidden="true">
        !
      </span>
      <span className="dead-letters-badge__label">{t('deadLetters.badge')}</span>
      <span className="dead-letters-badge__count" data-testid="dead-letters-badge-count">
        {formatters.count(deadLetters.count)}
      </span>
    </>
  );
  return isAdmin ? (
    <a
      className="dead-letters-badge"
      href={ADMIN_DEAD_LETTERS_PATH}
      title={title}
      data-testid="dead-letters-badge"
      onClick={openPanel}
    >
      {content}
    </a>
  ) : (
    <span className="dead-letters-badge" title={title} data-testid="dead-letters-badge">
      {content}
    </span>
  );
}

/** `followLink`, keeping the hash (the admin page then scrolls to the panel). */
function openPanel(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(ADMIN_DEAD_LETTERS_PATH);
}
