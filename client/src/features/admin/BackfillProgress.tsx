import type { HistoryProgress, HistoryResponse } from '@shared';
import { useCallback, useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiRequest } from '../../session/sessionContext';
import { useResource } from './useResource';
import './backfill.css';

/** Re-asked this often while the history is being written. */
export const HISTORY_POLL_MS = 2000;
/** Re-asked this often while the server reports no history (yet). */
export const HISTORY_WAIT_MS = 15_000;

/**
 * The demo history backfill (GET /api/admin/history): a progress bar while it writes, then
 * what it wrote. Hidden when this server writes no history (not a demo).
 */
export function BackfillProgress() {
  const { t, i18n } = useTranslation();
  const request = useApiRequest();
  const id = useId();
  const resource = useResource(useCallback(() => request<HistoryResponse>('/api/admin/history'), [request]));
  const history = resource.data?.history ?? null;
  // Fast while it writes; slowly while there is none yet (the archive opens after start-up);
  // not at all once it is done, skipped or failed.
  const pollMs =
    history === null ? HISTORY_WAIT_MS : history.state === 'running' || history.state === 'idle' ? HISTORY_POLL_MS : 0;
  const { reload } = resource;

  useEffect(() => {
    if (pollMs === 0) return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, reload]);

  if (!history) return null;
  const number = (n: number): string => n.toLocaleString(i18n.language);
  const percent = Math.floor(history.fraction * 100);
  return (
    <section id="history" className="admin-section" aria-labelledby={`${id}-title`} data-testid="admin-history">
      <div className="admin-section__head">
        <h2 id={`${id}-title`}>{t('history.title')}</h2>
      </div>
      <p className="backfill__state" data-testid="history-state">
        {t(`history.state.${history.state}`)}
        {history.fromAt && history.toAt ? ` · ${t('history.range', rangeOf(history))}` : null}
      </p>
      <div
        className="backfill__bar"
        role="progressbar"
        aria-labelledby={`${id}-title`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="history-bar"
      >
        <div className="backfill__fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="backfill__figures" data-testid="history-figures">
        {t('history.figures', {
          percent,
          appeals: number(history.appeals),
          events: number(history.events),
          perDay: number(history.perDay),
        })}
        {history.eventLoopP99Ms !== null ? ` · ${t('history.delay', { ms: history.eventLoopP99Ms })}` : null}
      </p>
      {history.reason && history.state !== 'running' ? <p className="backfill__reason">{history.reason}</p> : null}
    </section>
  );
}

const day = (iso: string): string => iso.slice(0, 10);
function rangeOf(history: HistoryProgress): { from: string; to: string } {
  return { from: day(history.fromAt ?? ''), to: day(history.toAt ?? '') };
}
