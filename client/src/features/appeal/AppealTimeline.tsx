import type { StreamEvent } from '@shared';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { categoryName } from '../../i18n/names';
import type { TimelineStatus } from './appealDetails';
import { actorLine, timelineEntries, timelineTitleKey, type TimelineEntry } from './timelineModel';
import './history.css';

export interface AppealTimelineProps {
  events: readonly StreamEvent[];
  /** Said above the list when events are missing: a timeline is never silently partial. */
  status?: TimelineStatus;
  /** The heading (default the appeal's "Timeline"; the incident page names its own). */
  title?: string;
}

const SYSTEMS = new Set(['simulator', 'archive']);

/** Who acted: a staff member's name and role, a system, or "not recorded" (never a citizen). */
function Who({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const line = actorLine(entry.actor);
  let text: string;
  if (line.key === 'actor.user') {
    text = t('actor.user', { name: line.name, role: t(`role.${line.role}`) });
    if (line.via === 'open311') text += ` · ${t('actor.viaOpen311')}`;
  } else if (line.key === 'actor.system') {
    text = SYSTEMS.has(line.system)
      ? t(`actor.system.${line.system as 'simulator' | 'archive'}`)
      : t('actor.system.other', { name: line.system });
  } else text = t('actor.unknown');
  return (
    <span className="appeal-timeline__actor" data-testid="timeline-actor" data-actor={entry.actor?.kind ?? 'none'}>
      {line.key === 'actor.unknown' ? text : `${t('actor.label')}: ${text}`}
    </span>
  );
}

function Details({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const language = useLanguage();
  switch (entry.kind) {
    case 'registered':
      return (
        <>
          {t(`regionView.channel.${entry.channel}`)} · {categoryName(entry.category, language)} ·{' '}
          {t(`priority.${entry.priority}`)}
        </>
      );
    case 'assigned':
      return (
        <>
          {t('appeal.event.service', { service: entry.service })}
          {entry.assignee !== null && <> · {t('appeal.event.assignee', { assignee: entry.assignee })}</>}
        </>
      );
    case 'extended':
      return (
        <>
          {t('appeal.event.extendedBy', { months: entry.months })}{' '}
          <q className="appeal-timeline__comment">{entry.comment}</q>
        </>
      );
    case 'feedback':
      return (
        <>
          {entry.rating !== null && t('appeal.event.rating', { rating: entry.rating })}
          {entry.comment !== null && (
            <>
              {' '}
              <q className="appeal-timeline__comment">{entry.comment}</q>
            </>
          )}
        </>
      );
    case 'status':
      return entry.comment === null ? null : <q className="appeal-timeline__comment">{entry.comment}</q>;
    case 'escalated':
      return (
        <>
          {t('appeal.event.priority', { priority: t(`priority.${entry.priority}`) })}
          {entry.comment !== null && (
            <>
              {' '}
              <q className="appeal-timeline__comment">{entry.comment}</q>
            </>
          )}
        </>
      );
    case 'restored':
      return <>{t(`status.${entry.status}`)}</>;
    case 'incident':
      return (
        <>
          {entry.incidentId}
          {entry.severity !== null && <> · {t(`severity.${entry.severity}`)}</>}
          {entry.note !== null && <> · {entry.note}</>}
          {entry.appealIds.length > 0 && <> · {entry.appealIds.join(', ')}</>}
        </>
      );
  }
}

/** Every event of the appeal, oldest first: what happened, when (Kazakhstan time), who or what. */
export function AppealTimeline({ events, status, title }: AppealTimelineProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const headingId = useId();
  const entries = useMemo(() => timelineEntries(events), [events]);
  return (
    <section className="panel appeal-timeline" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {title ?? t('appeal.timeline.title')}
      </h2>
      {status?.isPartial && (
        <p className="appeal-timeline__partial" role="note" data-testid="appeal-timeline-partial">
          {t(`appeal.timeline.partial.${status.reason ?? 'trimmed'}`, { count: status.missing })}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="appeal-timeline__empty">{t('appeal.timeline.empty')}</p>
      ) : (
        <ol className="appeal-timeline__list" data-testid="appeal-timeline">
          {entries.map((entry) => (
            <li
              key={entry.streamId}
              className={`appeal-timeline__entry appeal-timeline__entry--${entry.kind}`}
              data-kind={entry.kind}
            >
              <time className="appeal-timeline__time" dateTime={formatters.isoInstant(entry.at)}>
                {formatters.dateTime(entry.at)}
              </time>
              <span className="appeal-timeline__title">{t(timelineTitleKey(entry))}</span>
              <span className="appeal-timeline__details">
                <Details entry={entry} />
              </span>
              <Who entry={entry} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
