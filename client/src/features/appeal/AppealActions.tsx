import { isOpenStatus, PRIORITIES, priorityRank, type Appeal, type Priority } from '@shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useReplicaVersion, useWallStore } from '../../realtime/hooks';
import { useWrite } from '../agent/useWrite';
import { newIdempotencyKey, postWrite } from '../agent/writeApi';
import type { AppealPermissions } from './appealPermissions';
import { AssignForm } from './AssignForm';
import { StatusForm } from './StatusForm';
import { writeProgressOf } from './writeProgress';
import { WriteStatusLine } from './WriteStatusLine';

export interface AppealActionsProps {
  appeal: Appeal;
  permissions: AppealPermissions;
  /** Services appeals of the region went to, most used first (suggestions for "assign"). */
  services: readonly string[];
}

/**
 * What may be done to the appeal, by role: change the status (only to what the workflow
 * allows from here: shared allowedStatusChanges), route to a service, raise the priority.
 * One write at a time, with one idempotency key kept across retries; its line says
 * sending → sent → confirmed (the live replica reached the write's cursor) or why not.
 */
export function AppealActions({ appeal, permissions, services }: AppealActionsProps) {
  const { t } = useTranslation();
  const store = useWallStore();
  useReplicaVersion();
  const write = useWrite();
  const ids = useId();
  const [what, setWhat] = useState('');
  const [priorityChoice, setPriorityChoice] = useState<Priority | ''>('');

  const progress = writeProgressOf(write.phase, store.getReplica().state.cursor);
  const isBusy = progress.state === 'sending' || progress.state === 'waiting';
  const isOpen = isOpenStatus(appeal.status);
  const higher = PRIORITIES.filter((p) => priorityRank(p) > priorityRank(appeal.priority));
  const priority = priorityChoice !== '' && higher.includes(priorityChoice) ? priorityChoice : (higher[0] ?? '');
  const base = `/api/appeals/${encodeURIComponent(appeal.id)}`;

  const send = (path: string, body: unknown, description: string, onAccepted: () => void) => {
    const key = newIdempotencyKey();
    setWhat(description);
    write.start(
      () => postWrite(path, body, key),
      (final) => {
        if (final.phase === 'accepted') onAccepted();
      },
    );
  };
  const submit = (handler: () => void) => (event: FormEvent) => {
    event.preventDefault();
    if (!isBusy) handler();
  };

  return (
    <section className="panel appeal-actions" aria-labelledby={`${ids}-title`} data-testid="appeal-actions">
      <h2 id={`${ids}-title`} className="panel__title">
        {t('appeal.actions.title')}
      </h2>
      <div className="appeal-actions__body">
        {permissions.canChangeStatus && (
          <StatusForm
            appeal={appeal}
            isBusy={isBusy}
            onSend={(body, onAccepted) =>
              send(`${base}/status`, body, t('appeal.what.status', { status: t(`status.${body.status}`) }), onAccepted)
            }
          />
        )}
        {permissions.canAssign && (
          <AssignForm
            appeal={appeal}
            services={services}
            isBusy={isBusy}
            onAssign={(body, description, onAccepted) => send(`${base}/assign`, body, description, onAccepted)}
          />
        )}
        {permissions.canEscalate && (
          <form
            className="appeal-actions__form"
            aria-label={t('appeal.actions.escalate')}
            onSubmit={submit(() => {
              if (priority === '') return;
              send(
                `${base}/escalate`,
                { priority },
                t('appeal.what.escalate', { priority: t(`priority.${priority}`) }),
                () => undefined,
              );
            })}
          >
            <label className="field">
              <span className="field__label">{t('appeal.actions.escalate')}</span>
              <select
                className="field__input"
                value={priority}
                disabled={higher.length === 0 || !isOpen}
                data-testid="appeal-escalate-select"
                onChange={(event) => setPriorityChoice(event.target.value as Priority)}
              >
                {higher.map((p) => (
                  <option key={p} value={p}>
                    {t(`priority.${p}`)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="submit"
              className="button button--primary"
              disabled={isBusy || higher.length === 0 || !isOpen}
              data-testid="appeal-escalate-submit"
            >
              {t('appeal.actions.escalateSubmit')}
            </button>
            {higher.length === 0 && <p className="appeal-actions__hint">{t('appeal.actions.highest')}</p>}
          </form>
        )}
        <WriteStatusLine
          progress={progress}
          sentText={t('appeal.write.sent', { what })}
          confirmedText={t('appeal.write.confirmed', { what })}
          onRetryNow={write.retryNow}
          testId="appeal-write-status"
        />
      </div>
    </section>
  );
}
