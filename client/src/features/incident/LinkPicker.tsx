import type { Appeal, Incident } from '@shared';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useReplicaVersion } from '../../realtime/hooks';
import { categoryName } from '../../i18n/names';
import { useLanguage } from '../../i18n/useLanguage';
import { linkCandidates } from './incidentDetails';

export interface LinkPickerProps {
  incident: Incident;
  /** The live replica's appeals (a map: an iterator would be used up by the first render). */
  appeals: ReadonlyMap<string, Appeal>;
  isBusy: boolean;
  onLink(appealIds: string[], onAccepted: () => void): void;
}

/**
 * Search the open appeals of the incident's region that belong to no incident (by number or
 * description), tick some, link them. The list is the live replica's: a new appeal shows up.
 */
export function LinkPicker({ incident, appeals, isBusy, onLink }: LinkPickerProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const version = useReplicaVersion();
  const ids = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const candidates = useMemo(
    () => linkCandidates(incident, appeals.values(), query),
    // `version` is the replica's change counter (its maps are mutated in place).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [incident, appeals, query, version],
  );

  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (isBusy || chosen.size === 0) return;
    onLink([...chosen], () => setChosen(new Set()));
  };

  return (
    <form className="appeal-actions__form incident-link" aria-labelledby={`${ids}-title`} onSubmit={onSubmit}>
      <h3 id={`${ids}-title`} className="field__label">
        {t('incidentPage.link')}
      </h3>
      <label className="field">
        <span className="field__label">{t('incidentPage.search')}</span>
        <input
          className="field__input"
          type="search"
          value={query}
          data-testid="incident-link-search"
          onChange={(event) => setQuery(event.target.value)}
        />
      </label>
      <p className="field__hint" aria-live="polite">
        {candidates.total === 0
          ? t('incidentPage.noCandidates')
          : t('incidentPage.candidates', { count: candidates.total })}
      </p>
      {candidates.items.length > 0 && (
        <ul className="incident-link__list" data-testid="incident-link-candidates">
          {candidates.items.map((appeal) => (
            <li key={appeal.id}>
              <label className="incident-link__choice">
                <input
                  type="checkbox"
                  checked={chosen.has(appeal.id)}
                  data-testid="incident-link-choice"
                  data-appeal-id={appeal.id}
                  onChange={() => toggle(appeal.id)}
                />
                <span className="incident-link__id">{appeal.id}</span>
                <span className="incident-link__text">
                  {categoryName(appeal.category, language)}
                  {appeal.description ? ` · ${appeal.description}` : ''}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <button
        type="submit"
        className="button button--primary"
        disabled={isBusy || chosen.size === 0}
        data-testid="incident-link-submit"
      >
        {t('incidentPage.linkSelected', { count: chosen.size })}
      </button>
    </form>
  );
}
