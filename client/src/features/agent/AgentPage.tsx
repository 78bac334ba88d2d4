import { REGION_CODES, type RegionCode, type RegionScope, type SessionUser } from '@shared';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { INTL_LOCALES, type Language } from '../../i18n/languages';
import { regionName } from '../../i18n/names';
import { useLanguage } from '../../i18n/useLanguage';
import { PRODUCT_NAME } from '../../product';
import { useReplicaVersion, useWallStore } from '../../realtime/hooks';
import { UserMenu } from '../account/UserMenu';
import { IncompatibleNotice } from '../health/IncompatibleNotice';
import { LinkStatus } from '../health/LinkStatus';
import { AppealForm } from './AppealForm';
import { MyEntries } from './MyEntries';
import { isWriteConfirmed, mergeEntries, MY_ENTRIES_LIMIT, type SubmittedEntry } from './myEntries';
import type { LastSubmitted } from './submissionNotice';
import { useMine } from './useMine';
import './agent.css';

export interface AgentPageProps {
  user: SessionUser;
}

/** The user's regions, alphabetically in the UI language (the select is searched by eye). */
export function scopeRegions(scope: RegionScope, language: Language): RegionCode[] {
  const codes = scope === 'all' ? [...REGION_CODES] : [...scope];
  const collator = new Intl.Collator(INTL_LOCALES[language]);
  return codes.sort((a, b) => collator.compare(regionName(a, language), regionName(b, language)));
}

/**
 * The call-centre agent's console (`/agent`; agents and supervisors): the appeal form on
 * the left, the agent's last entries with their live status on the right. Both read the
 * session's live replica: an entry is "confirmed" once the replica has it.
 */
export function AgentPage({ user }: AgentPageProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useWallStore();
  const version = useReplicaVersion();
  const mine = useMine();
  // In memory only, newest first; no personal data (see SubmittedEntry).
  const [submitted, setSubmitted] = useState<SubmittedEntry[]>([]);
  const regions = useMemo(() => scopeRegions(user.regions, language), [user.regions, language]);

  const onAccepted = useCallback((entry: SubmittedEntry) => {
    setSubmitted((previous) =>
      [entry, ...previous.filter((e) => e.appealId !== entry.appealId)].slice(0, MY_ENTRIES_LIMIT),
    );
  }, []);

  // `version` is the replica's change counter: its maps are mutated in place.
  const { rows, last, cursor } = useMemo(() => {
    const { state } = store.getReplica();
    const newest = submitted[0];
    const lastSubmitted: LastSubmitted | null = newest
      ? {
          appealId: newest.appealId,
          delivery: isWriteConfirmed(state.cursor, newest.cursor, state.appeals.has(newest.appealId))
            ? 'confirmed'
            : 'sent',
        }
      : null;
    return {
      rows: mergeEntries(mine.items, submitted, { cursor: state.cursor, appeals: state.appeals }),
      last: lastSubmitted,
      cursor: state.cursor,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, version, mine.items, submitted]);

  return (
    <div className="agent">
      <header className="page-header">
        <h1 className="page-header__title">
          <span className="wall-header__product">{PRODUCT_NAME}</span>
          <span className="wall-header__subtitle">{t('agent.title')}</span>
        </h1>
        <LinkStatus />
        <UserMenu current="agent" />
        <LanguageSwitch />
      </header>
      <main className="agent__body" data-testid="agent-page">
        <AppealForm user={user} regions={regions} onAccepted={onAccepted} last={last} />
        <MyEntries rows={rows} status={mine.status} replicaCursor={cursor} />
      </main>
      <IncompatibleNotice />
    </div>
  );
}
