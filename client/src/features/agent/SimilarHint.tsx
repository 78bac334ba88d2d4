import type { CategoryCode } from '@shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { useReplicaVersion, useWallStore } from '../../realtime/hooks';
import { appealPath } from '../../routes';
import type { Point } from './locateRegion';
import { findSimilarAppeals } from './similarAppeals';

export interface SimilarHintProps {
  category: CategoryCode | null;
  /** The appeal's point; null while none (or only a region) is set. */
  point: Point | null;
}

/**
 * "Someone already reported this here": open appeals of the same category within 300 m
 * registered in the last two hours, from the live replica. Links open in a new tab, so
 * the form (and the caller's details) stay as they are.
 */
export function SimilarHint({ category, point }: SimilarHintProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const store = useWallStore();
  const version = useReplicaVersion();
  const now = useNow();
  // A minute's precision is plenty for a two-hour window; it keeps the scan off every clock tick.
  const minute = Math.floor(now / 60_000);
  const similar = useMemo(
    () =>
      category && point
        ? findSimilarAppeals(store.getReplica().state.appeals.values(), { category, point, now: minute * 60_000 })
        : [],
    // `version` is the replica's change counter: the appeals map is mutated in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, version, category, point, minute],
  );
  // The live region is always there, so a hint that appears is announced.
  return (
    <div className="agent-similar__live" aria-live="polite">
      {similar.length > 0 && (
        <aside className="agent-similar" data-testid="agent-similar">
          <p className="agent-similar__title">{t('agent.similar.title')}</p>
          <ul className="agent-similar__list">
            {similar.map((appeal) => (
              <li key={appeal.id} data-testid="agent-similar-appeal" data-appeal-id={appeal.id}>
                <a href={appealPath(appeal.id)} target="_blank" rel="noopener">
                  {appeal.id}
                </a>{' '}
                <span>{appeal.address ?? t('agent.similar.noAddress')}</span>{' '}
                <span className="agent-similar__meta">
                  {t('agent.similar.meta', {
                    distance: formatters.count(appeal.distanceM),
                    time: formatters.time(appeal.registeredAt),
                  })}
                </span>
              </li>
            ))}
          </ul>
        </aside>
      )}
    </div>
  );
}
