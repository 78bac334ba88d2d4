import type { StatusChange } from '@shared';
import { memo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Badge } from '../../components/Badge';
import { ConfirmButton } from '../../components/ConfirmButton';
import type { Formatters } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { categoryName, regionName } from '../../i18n/names';
import { appealPath } from '../../routes';
import { priorityTone } from '../feed/tones';
import { isWriteConfirmed, quickStatusChanges, type EntryRow as Row } from './myEntries';
import { isPendingPhase, useWrite } from './useWrite';
import { newIdempotencyKey, postWrite } from './writeApi';
import type { WritePhase } from './writeRunner';

export interface EntryRowProps {
  row: Row;
  /** The live replica's cursor (a status change is confirmed once it reaches the write's). */
  replicaCursor: string;
  /** Times before this instant (today's midnight, Kazakhstan) carry their date. */
  todayFrom: number;
  language: Language;
  formatters: Formatters;
}

type T = TFunction;

/** What the row says about its last status change, or null. */
function changeText(phase: WritePhase | null, target: StatusChange | null, replicaCursor: string, t: T) {
  if (phase === null || target === null) return null;
  const status = t(`status.${target}`);
  switch (phase.phase) {
    case 'sending':
      return { state: 'sending', text: t('agent.entries.changeSending', { status }) };
    case 'waiting':
      return { state: 'waiting', text: t('agent.entries.changeWaiting', { status }) };
    case 'accepted':
      return isWriteConfirmed(replicaCursor, phase.data.cursor)
        ? { state: 'confirmed', text: t('agent.entries.changeConfirmed', { status }) }
        : { state: 'sent', text: t('agent.entries.changeSent', { status }) };
    case 'refused':
      return phase.status === 409
        ? { state: 'refused', text: t('agent.entries.changeConflict') }
        : { state: 'refused', text: t('agent.entries.changeRefused', { code: phase.status }) };
    case 'signed-out':
    case 'stopped':
      return null;
  }
}

/**
 * One of the agent's entries: id (opens its page in a new tab, the form stays), time,
 * category, address, live status, whether it is confirmed yet, and the quick status
 * changes that make sense from its status. A change is sent with its own idempotency key
 * and retried like a registration.
 */
export const EntryRow = memo(function EntryRow({ row, replicaCursor, todayFrom, language, formatters }: EntryRowProps) {
  const { t } = useTranslation();
  const write = useWrite();
  const [target, setTarget] = useState<StatusChange | null>(null);
  const keyRef = useRef<{ status: StatusChange; key: string } | null>(null);
  const isPending = isPendingPhase(write.phase);

  const changeStatus = (status: StatusChange) => {
    if (isPending) return;
    // A repeat of the same change (after it was stopped) reuses its key; anything else is a new write.
    if (keyRef.current?.status !== status || write.phase?.phase !== 'stopped') {
      keyRef.current = { status, key: newIdempotencyKey() };
    }
    const { key } = keyRef.current;
    setTarget(status);
    write.start(() => postWrite(`/api/appeals/${encodeURIComponent(row.id)}/status`, { status }, key));
  };

  const change = changeText(write.phase, target, replicaCursor, t);
  const when =
    row.registeredAt >= todayFrom ? formatters.time(row.registeredAt) : formatters.dateTime(row.registeredAt);
  const actions = isPending ? [] : quickStatusChanges(row.status);
  return (
    <li
      className="agent-entry"
      data-testid="agent-entry"
      data-appeal-id={row.id}
      data-status={row.status}
      data-delivery={row.delivery ?? 'listed'}
    >
      <div className="agent-entry__head">
        <a className="agent-entry__id" href={appealPath(row.id)} target="_blank" rel="noopener">
          {row.id}
        </a>
        <time className="agent-entry__time" dateTime={formatters.isoInstant(row.registeredAt)}>
          {when}
        </time>
        <Badge tone={priorityTone(row.priority)}>{t(`priority.${row.priority}`)}</Badge>
        {row.delivery && (
          <span
            className={`agent-entry__delivery agent-entry__delivery--${row.delivery}`}
            data-testid="agent-entry-delivery"
          >
            {t(`agent.entries.${row.delivery}`)}
          </span>
        )}
      </div>
      <p className="agent-entry__what">
        {categoryName(row.category, language)}
        {row.region && <span className="agent-entry__region"> · {regionName(row.region, language)}</span>}
      </p>
      {row.address && <p className="agent-entry__address">{row.address}</p>}
      <p className="agent-entry__status">
        {t('agent.entries.status')}: <strong data-testid="agent-entry-status">{t(`status.${row.status}`)}</strong>
      </p>
      {actions.length > 0 && (
        <div className="agent-entry__actions" role="group" aria-label={t('agent.entries.actions', { id: row.id })}>
          {actions.map((status) =>
            status === 'rejected' ? (
              <ConfirmButton
                key={status}
                label={t('agent.action.rejected')}
                question={t('agent.entries.confirmReject', { id: row.id })}
                onConfirm={() => changeStatus(status)}
                testId="agent-action-rejected"
              />
            ) : (
              <button
                key={status}
                type="button"
                className="button button--small"
                data-testid={`agent-action-${status}`}
                onClick={() => changeStatus(status)}
              >
                {t(`agent.action.${status}`)}
              </button>
            ),
          )}
        </div>
      )}
      <p className="agent-entry__change" role="status" aria-live="polite" data-state={change?.state ?? 'idle'}>
        {change?.text}
        {write.phase?.phase === 'waiting' && (
          <>
            {' '}
            <button type="button" className="button button--small" onClick={write.retryNow}>
              {t('agent.submit.retryNow')}
            </button>{' '}
            <button type="button" className="button button--small" onClick={write.stop}>
              {t('agent.entries.stop')}
            </button>
          </>
        )}
      </p>
    </li>
  );
});
