import { mayDo, type Incident, type SessionUser } from '@shared';
import { useEffect, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { categoryName, regionName } from '../../i18n/names';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { navigate } from '../../navigation';
import { useReplicaVersion, useWallStore } from '../../realtime/hooks';
import { regionPath } from '../../routes';
import { AppealTimeline } from '../appeal/AppealTimeline';
import { severityTone } from '../feed/tones';
import { IncompatibleNotice } from '../health/IncompatibleNotice';
import { DeskHeader } from '../region/DeskHeader';
import { linkedAppealsOf } from './incidentDetails';
import { IncidentActions } from './IncidentActions';
import { LinkedAppeals } from './LinkedAppeals';
import { useIncidentDetails } from './useIncidentDetails';
import '../appeal/appeal.css';
import './incident.css';
import { DetailsMessage } from '../../components/DetailsMessage';

export interface IncidentPageProps {
  incidentId: string;
  user: SessionUser;
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));

function Facts({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const items: [string, ReactNode][] = [
    [t('incidentPage.statusLabel'), t(`incidentPage.status.${incident.status}`)],
    [
      t('incidentPage.severityLabel'),
      <Badge key="s" tone={severityTone(incident.severity)}>
        {t(`severity.${incident.severity}`)}
      </Badge>,
    ],
    [t('incidentPage.categoryLabel'), categoryName(incident.category, language)],
    [t('incidentPage.regionLabel'), regionName(incident.region, language)],
    [t('incidentPage.openedLabel'), formatters.dateTime(incident.openedAt)],
  ];
  if (incident.resolvedAt !== null)
    items.push([t('incidentPage.resolvedLabel'), formatters.dateTime(incident.resolvedAt)]);
  if (incident.affected !== undefined)
    items.push([t('incidentPage.affectedLabel'), formatters.count(incident.affected)]);
  if (incident.note !== undefined) items.push([t('incidentPage.noteLabel'), incident.note]);
  return (
    <section className="panel" aria-label={t('incidentPage.facts')} data-testid="incident-facts">
      <p className="incident-page__title">{incident.title}</p>
      <dl className="appeal-facts__list">
        {items.map(([label, value]) => (
          <div key={label} className="appeal-facts__item">
            <dt>{label}</dt>
            <dd data-testid={label === t('incidentPage.statusLabel') ? 'incident-status' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * `/incidents/:id`: one incident — its facts, linked appeals, timeline with who acted — and,
 * for a supervisor of its region, the note, severity, linking and resolving. Live like the
 * appeal page: the fields and appeals come from the socket replica once it has them, the
 * timeline is read again when the replica shows a new event of the incident. Escape goes back.
 */
export function IncidentPage({ incidentId, user }: IncidentPageProps) {
  const { t } = useTranslation();
  const state = useIncidentDetails(incidentId);
  const store = useWallStore();
  useReplicaVersion();
  const replica = store.getReplica().state;
  const live = replica.incidents.get(incidentId);
  const incident = live ?? state.details?.incident;
  const backUrl = incident ? regionPath(incident.region) : '/';

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || isTyping(event.target)) return;
      navigate(backUrl);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [backUrl]);

  const onBack = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(backUrl);
  };
  const canManage = incident !== undefined && mayDo(user, 'manage', incident.region);

  return (
    <div className="desk appeal-page incident-page" data-testid="incident-page">
      <DeskHeader
        title={t('incidentPage.title', { id: incidentId })}
        links={
          <a href={backUrl} onClick={onBack} data-testid="incident-back">
            {t('incidentPage.toRegion')}
          </a>
        }
      />
      <main className="appeal-page__body">
        {!incident && <DetailsMessage page="incidentPage" id={incidentId} state={state} testId="incident-message" />}
        {incident && (
          <>
            <div className="appeal-page__main">
              <Facts incident={incident} />
              {state.details?.source === 'archive' && (
                <p className="appeal-page__archived">{t('incidentPage.fromArchive')}</p>
              )}
              {state.details ? (
                <>
                  <LinkedAppeals
                    appeals={linkedAppealsOf(state.details, live, replica.appeals)}
                    unknownCount={state.details.unknownAppealIds.length}
                  />
                  <AppealTimeline
                    events={state.details.timeline}
                    status={state.details.timelineStatus}
                    title={t('incidentPage.timeline')}
                  />
                </>
              ) : (
                <p className="desk__message">{t('incidentPage.loading')}</p>
              )}
            </div>
            <div className="appeal-page__side">
              {canManage ? (
                <IncidentActions incident={incident} appeals={replica.appeals} />
              ) : (
                <p className="appeal-actions__hint">{t('incidentPage.readOnly')}</p>
              )}
            </div>
          </>
        )}
      </main>
      <IncompatibleNotice />
    </div>
  );
}
