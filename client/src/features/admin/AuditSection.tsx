import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminApi } from './adminApi';
import {
  AUDIT_ACTIONS,
  auditActionText,
  auditQueryString,
  EMPTY_AUDIT_FILTER,
  newestFirst,
  type AuditFilter,
} from './auditFilter';
import { AuditTable } from './AuditTable';
import { useResource } from './useResource';

/** Typing in a text filter applies it after this pause (Enter applies at once). */
export const AUDIT_FILTER_DEBOUNCE_MS = 400;

/** The audit trail, newest first, filtered by actor, action and target. */
export function AuditSection() {
  const { t } = useTranslation();
  const api = useAdminApi();
  const id = useId();
  const [draft, setDraft] = useState<AuditFilter>(EMPTY_AUDIT_FILTER);
  const [filter, setFilter] = useState<AuditFilter>(EMPTY_AUDIT_FILTER);
  const query = auditQueryString(filter);
  const audit = useResource(useCallback(() => api.listAudit(query), [api, query]));

  useEffect(() => {
    const timer = setTimeout(() => setFilter(draft), AUDIT_FILTER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Same filter again means "refresh": the query string would not change otherwise.
    if (auditQueryString(draft) === query) audit.reload();
    else setFilter(draft);
  };
  const edit = (key: keyof AuditFilter, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const entries = audit.data ? newestFirst(audit.data.entries) : null;

  return (
    <section id="audit" className="admin-section" aria-labelledby={`${id}-title`} data-testid="admin-audit">
      <div className="admin-section__head">
        <h2 id={`${id}-title`}>{t('audit.title')}</h2>
      </div>
      <form className="admin-form admin-form--inline" aria-label={t('audit.filters')} onSubmit={apply}>
        <label className="field">
          <span className="field__label">{t('audit.actor')}</span>
          <input
            className="field__input"
            data-testid="audit-filter-actor"
            autoComplete="off"
            value={draft.actor}
            onChange={(event) => edit('actor', event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('audit.action')}</span>
          <select
            className="field__input"
            data-testid="audit-filter-action"
            value={draft.action}
            onChange={(event) => {
              const next = { ...draft, action: event.target.value };
              setDraft(next);
              setFilter(next);
            }}
          >
            <option value="">{t('audit.anyAction')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {auditActionText(action, t)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('audit.target')}</span>
          <input
            className="field__input"
            data-testid="audit-filter-target"
            autoComplete="off"
            value={draft.target}
            onChange={(event) => edit('target', event.target.value)}
          />
        </label>
        <button type="submit" className="button" data-testid="audit-apply">
          {t('audit.apply')}
        </button>
      </form>
      {audit.hasFailed && <p role="alert">{t('admin.loadFailed')}</p>}
      {entries && <AuditTable entries={entries} />}
    </section>
  );
}
