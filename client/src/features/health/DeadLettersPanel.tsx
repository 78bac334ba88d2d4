import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_VALUE, type Formatters } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { deadLetterReasonKind } from './deadLetterReason';
import { DEAD_LETTER_COMMANDS, type DeadLetters, type DeadLettersState } from './deadLetterHealth';
import { useDeadLetters } from './useDeadLetters';
import './health.css';

export interface DeadLettersPanelProps {
  /** Anchor of the section (the admin page links to it); the page scrolls there when the URL's hash names it. */
  id?: string;
  /** Extra classes (the admin page's section frame). */
  className?: string;
}

/**
 * The health of the dead-letter stream: how many entries the server refused, when the
 * first and the last came, the latest reasons, and the CLI that requeues them. Reads
 * `GET /api/health` every 10 s while shown.
 */
export function DeadLettersPanel({ id, className }: DeadLettersPanelProps) {
  const state = useDeadLetters();
  useEffect(() => {
    // In-app links change the URL without the browser's own jump to the anchor.
    if (id && window.location.hash === `#${id}`) document.getElementById(id)?.scrollIntoView();
  }, [id]);
  return <DeadLettersPanelView state={state} id={id} className={className} />;
}

export interface DeadLettersPanelViewProps extends DeadLettersPanelProps {
  state: DeadLettersState;
}

/** The panel for a given state (no requests: markup tests render it directly). */
export function DeadLettersPanelView({ state, id, className }: DeadLettersPanelViewProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const titleId = `${useId()}-title`;
  const { status, deadLetters } = state;
  return (
    <section
      id={id}
      className={['dead-letters', className].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      aria-busy={status === 'loading'}
      data-testid="dead-letters-panel"
      data-state={status}
    >
      <div className="dead-letters__head">
        <h2 id={titleId}>{t('deadLetters.title')}</h2>
        {deadLetters && (
          <span className="dead-letters__checked">
            {t('deadLetters.checkedAt', { time: formatters.time(deadLetters.checkedAt) })}
          </span>
        )}
      </div>
      {status === 'loading' && <p role="status">{t('deadLetters.loading')}</p>}
      {status === 'hidden' && <p className="dead-letters__note">{t('deadLetters.hidden')}</p>}
      {status === 'failed' && (
        <p className="dead-letters__error" role="alert">
          {t('deadLetters.failed')}
        </p>
      )}
      {deadLetters && <DeadLettersBody deadLetters={deadLetters} formatters={formatters} />}
    </section>
  );
}

function DeadLettersBody({ deadLetters, formatters }: { deadLetters: DeadLetters; formatters: Formatters }) {
  const { t } = useTranslation();
  const { count, firstAt, lastAt, recent } = deadLetters;
  const isEmpty = count === 0;
  return (
    <>
      <dl className="dead-letters__facts">
        <div className={`dead-letters__fact dead-letters__fact--count${isEmpty ? ' is-zero' : ''}`}>
          <dt>{t('deadLetters.count')}</dt>
          <dd className="dead-letters__count" data-testid="dead-letters-count">
            {formatters.count(count)}
          </dd>
        </div>
        {!isEmpty && (
          <>
            <div className="dead-letters__fact">
              <dt>{t('deadLetters.firstSeen')}</dt>
              <dd data-testid="dead-letters-first">{timeOf(firstAt, formatters)}</dd>
            </div>
            <div className="dead-letters__fact">
              <dt>{t('deadLetters.lastSeen')}</dt>
              <dd data-testid="dead-letters-last">{timeOf(lastAt, formatters)}</dd>
            </div>
          </>
        )}
      </dl>
      {isEmpty ? (
        <p className="dead-letters__empty" data-testid="dead-letters-empty">
          {t('deadLetters.empty')}
        </p>
      ) : (
        <>
          {recent.length > 0 && (
            <div className="dead-letters__scroll">
              <table className="dead-letters__table">
                <caption>{t('deadLetters.recent')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('deadLetters.time')}</th>
                    <th scope="col">{t('deadLetters.source')}</th>
                    <th scope="col">{t('deadLetters.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {recent.map((letter) => (
                    <tr key={letter.id} data-testid="dead-letter" data-dead-id={letter.id}>
                      <td className="dead-letters__time">{timeOf(letter.deadAt, formatters)}</td>
                      <td className="dead-letters__source">
                        <code>{letter.sourceId ?? NO_VALUE}</code>
                      </td>
                      <td className="dead-letters__reason">
                        <ReasonText reason={letter.reason} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="dead-letters__hint">
            <p>{t('deadLetters.hint')}</p>
            <ul className="dead-letters__commands">
              {Object.values(DEAD_LETTER_COMMANDS).map((command) => (
                <li key={command}>
                  <code>{command}</code>
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
    </>
  );
}

/** A `<time>` in Kazakhstan time (numeric date and 24-hour clock), or "—". */
function timeOf(at: number | null, formatters: Formatters) {
  if (at === null) return NO_VALUE;
  return <time dateTime={formatters.isoInstant(at)}>{formatters.dateTime(at)}</time>;
}

/** The reason in the UI's language, the server's own words beneath as the detail. */
function ReasonText({ reason }: { reason: string }) {
  const { t } = useTranslation();
  if (!reason) return <>{NO_VALUE}</>;
  return (
    <>
      <span className="dead-letters__reason-kind" data-testid="dead-letter-reason">
        {t(`deadLetterReason.${deadLetterReasonKind(reason)}`)}
      </span>
      <br />
      <code className="dead-letters__reason-detail" lang="en">
        {reason}
      </code>
    </>
  );
}
