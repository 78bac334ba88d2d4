import type { SessionUser } from '@shared';
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../navigation';
import { useReplicaVersion, useWallStore } from '../../realtime/hooks';
import { regionPath } from '../../routes';
import { IncompatibleNotice } from '../health/IncompatibleNotice';
import { DeskHeader } from '../region/DeskHeader';
import { lastViewUrl, ownerOf } from '../region/regionViewMemory';
import { AppealActions } from './AppealActions';
import { currentAppeal } from './appealDetails';
import { AppealFacts } from './AppealFacts';
import { appealPermissions, hasAnyWrite } from './appealPermissions';
import { AppealTimeline } from './AppealTimeline';
import { servicesSeen } from './serviceSuggestions';
import { LawActions } from './LawActions';
import { LegalPanel } from './LegalPanel';
import { SlaPanel } from './SlaPanel';
import { useConfirmationWindow } from './useConfirmationWindow';
import { useAppealDetails, type AppealDetailsState } from './useAppealDetails';
import './appeal.css';
import { DetailsMessage } from '../../components/DetailsMessage';

export interface AppealPageProps {
  appealId: string;
  user: SessionUser;
}

/** `/appeals/:id`: one appeal, its SLA clocks, its timeline and (by role) what can be done to it. */
export function AppealPage({ appealId, user }: AppealPageProps) {
  const state = useAppealDetails(appealId);
  return <AppealView appealId={appealId} user={user} state={state} />;
}

export interface AppealViewProps extends AppealPageProps {
  state: AppealDetailsState;
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));

/**
 * The appeal page's content for a details state (the markup test renders it without a
 * server). The fields are the live replica's as soon as it has caught up with the answer,
 * so a change made here (or anywhere) shows without a reload; Escape goes back to the list
 * it was opened from, as it was left.
 */
export function AppealView({ appealId, user, state }: AppealViewProps) {
  const { t } = useTranslation();
  const store = useWallStore();
  const version = useReplicaVersion();
  const [listUrl] = useState(() => lastViewUrl(ownerOf(user)));
  const replica = store.getReplica().state;
  const live = replica.appeals.get(appealId);
  const appeal = state.details
    ? currentAppeal(state.details, live, replica.cursor)
    : state.status === 'loading'
      ? live
      : undefined;
  const permissions = appealPermissions(user);
  const windowMs = useConfirmationWindow();
  const backUrl = listUrl ?? (appeal ? regionPath(appeal.region) : '/');
  const region = appeal?.region;
  const services = useMemo(
    () => (region ? servicesSeen(store.getReplica().state.appeals.values(), new Set([region])) : []),
    // `version` is the replica's change counter (its maps are mutated in place).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, region, version],
  );

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

  return (
    <div className="desk appeal-page" data-testid="appeal-page">
      <DeskHeader
        title={t('appeal.title', { id: appealId })}
        links={
          <a href={backUrl} onClick={onBack} data-testid="appeal-back">
            {listUrl ? t('appeal.backToList') : t('appeal.toRegion')}
          </a>
        }
      />
      <main className="appeal-page__body">
        {!appeal && <DetailsMessage page="appeal" id={appealId} state={state} testId="appeal-message" />}
        {appeal && (
          <>
            <div className="appeal-page__main">
              {/* The two clocks side by side (issue 17): the operational target and the law's. */}
              <div className="appeal-clocks" data-testid="appeal-clocks">
                <SlaPanel appeal={appeal} />
                <LegalPanel appeal={appeal} windowMs={windowMs} />
              </div>
              <AppealFacts
                appeal={appeal}
                incident={appeal.incidentId === undefined ? undefined : replica.incidents.get(appeal.incidentId)}
                canReveal={permissions.canReveal}
              />
              {state.details?.source === 'archive' && appeal === state.details.appeal && (
                <p className="appeal-page__archived" data-testid="appeal-from-archive">
                  {t('appeal.fromArchive')}
                </p>
              )}
              {state.details ? (
                <AppealTimeline events={state.details.timeline} status={state.details.timelineStatus} />
              ) : (
                <p className="desk__message">{t('appeal.loading')}</p>
              )}
            </div>
            <div className="appeal-page__side">
              {hasAnyWrite(permissions) && (
                <AppealActions appeal={appeal} permissions={permissions} services={services} />
              )}
              <LawActions appeal={appeal} permissions={permissions} />
            </div>
          </>
        )}
      </main>
      <IncompatibleNotice />
    </div>
  );
}
