import { isOverdue, type Appeal, type Incident } from '@shared';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { categoryName, regionName } from '../../i18n/names';
import { useNow } from '../../realtime/clock';
import { priorityTone, severityTone } from '../feed/tones';
import { RevealContact } from './RevealContact';
import { placeText } from './placeText';

export interface AppealFactsProps {
  appeal: Appeal;
  /** The incident it is linked to, from the live replica (undefined when not known there). */
  incident: Incident | undefined;
  canReveal: boolean;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="appeal-facts__item">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** The appeal's fields: what, where, who it went to, the citizen (masked; revealable), its incident. */
export function AppealFacts({ appeal, incident, canReveal }: AppealFactsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const now = useNow();
  const headingId = useId();
  const { location } = appeal;
  const place = placeText(location);
  return (
    <section className="panel appeal-facts" aria-labelledby={headingId} data-testid="appeal-facts">
      <h2 id={headingId} className="panel__title">
        {t('appeal.facts.title')}
      </h2>
      <dl className="appeal-facts__list">
        <Fact label={t('appeal.facts.status')} testId="appeal-status">
          {t(`status.${appeal.status}`)} {isOverdue(appeal, now) && <Badge tone="danger">{t('region.overdue')}</Badge>}
        </Fact>
        <Fact label={t('appeal.facts.priority')} testId="appeal-priority">
          <Badge tone={priorityTone(appeal.priority)}>{t(`priority.${appeal.priority}`)}</Badge>
        </Fact>
        <Fact label={t('appeal.facts.category')}>{categoryName(appeal.category, language)}</Fact>
        <Fact label={t('appeal.facts.region')}>{regionName(appeal.region, language)}</Fact>
        <Fact label={t('appeal.facts.channel')}>{t(`regionView.channel.${appeal.channel}`)}</Fact>
        <Fact label={t('appeal.facts.registeredAt')}>
          <time dateTime={formatters.isoInstant(appeal.registeredAt)}>{formatters.dateTime(appeal.registeredAt)}</time>
        </Fact>
        <Fact label={t('appeal.facts.updatedAt')}>
          <time dateTime={formatters.isoInstant(appeal.updatedAt)}>{formatters.dateTime(appeal.updatedAt)}</time>
        </Fact>
        <Fact label={t('appeal.facts.service')} testId="appeal-service">
          {appeal.service ?? t('regionView.table.unassigned')}
          {appeal.assignee !== undefined && ` · ${appeal.assignee}`}
        </Fact>
        <Fact label={t('appeal.facts.place')}>
          {place || NO_VALUE}
          <span className="appeal-facts__coords">
            {' '}
            ({location.lat.toFixed(5)}, {location.lng.toFixed(5)})
          </span>
        </Fact>
        <Fact label={t('appeal.facts.incident')} testId="appeal-incident">
          {appeal.incidentId === undefined ? (
            t('appeal.facts.noIncident')
          ) : (
            <>
              {appeal.incidentId}
              {incident && (
                <>
                  {' · '}
                  {incident.title}{' '}
                  <Badge tone={severityTone(incident.severity)}>{t(`severity.${incident.severity}`)}</Badge>{' '}
                  {incident.status === 'resolved' && t('incident.resolved')}
                </>
              )}
            </>
          )}
        </Fact>
        <Fact label={t('appeal.facts.citizen')}>
          <RevealContact appealId={appeal.id} masked={appeal.citizen} canReveal={canReveal} />
        </Fact>
      </dl>
      <h3 className="appeal-facts__subtitle">{t('appeal.facts.description')}</h3>
      <p className="appeal-facts__description" data-testid="appeal-description">
        {appeal.description}
      </p>
    </section>
  );
}
