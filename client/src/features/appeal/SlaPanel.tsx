import type { Appeal } from '@shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { formatCountdown, resolutionClock, responseClock, type SlaClock } from './slaClock';

export interface SlaPanelProps {
  appeal: Appeal;
}

function clockText(clock: SlaClock, t: TFunction, formatters: Formatters): string {
  const countdown = (ms: number) => formatCountdown(ms, (days) => t('appeal.sla.days', { days }));
  switch (clock.state) {
    case 'running':
      return t('appeal.sla.dueIn', { time: countdown(clock.remainingMs) });
    case 'overdue':
      return t('appeal.sla.overdueBy', { time: countdown(clock.overdueByMs) });
    case 'met':
      return t('appeal.sla.met', { took: formatters.duration(clock.tookMs) });
    case 'missed':
      return t('appeal.sla.missed', {
        took: formatters.duration(clock.tookMs),
        late: formatters.duration(clock.lateByMs),
      });
    case 'stopped':
      return t('appeal.sla.stopped');
    case 'firstCall':
      return t('tables.slaFirstCall', { took: formatters.duration(clock.tookMs) });
  }
}

/**
 * The two targets of an appeal, ticking every second: the response (routing to a service)
 * and the resolution. Its own component, so the countdown re-renders only this panel.
 */
export function SlaPanel({ appeal }: SlaPanelProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const now = useNow();
  const headingId = useId();
  const rows = [
    { key: 'response', clock: responseClock(appeal, now), dueAt: appeal.responseDueAt },
    { key: 'resolution', clock: resolutionClock(appeal, now), dueAt: appeal.dueAt },
  ] as const;
  return (
    <section className="panel appeal-sla" aria-labelledby={headingId} data-testid="appeal-sla">
      <h2 id={headingId} className="panel__title">
        {t('appeal.sla.title')}
      </h2>
      <dl className="appeal-sla__list">
        {rows.map(({ key, clock, dueAt }) => (
          <div
            key={key}
            className={`appeal-sla__item appeal-sla__item--${clock.state}`}
            data-sla={key}
            data-state={clock.state}
          >
            <dt>{t(`appeal.sla.${key}`)}</dt>
            <dd className="appeal-sla__clock" data-testid={`appeal-sla-${key}`}>
              {clockText(clock, t, formatters)}
            </dd>
            <dd className="appeal-sla__target">
              {t('appeal.sla.target', { target: formatters.duration(clock.targetMs), at: formatters.dateTime(dueAt) })}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
