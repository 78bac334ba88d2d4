import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useLanguage';
import type { AuditEntry } from './adminApi';
import { auditActionText, auditChangedText, auditOutcomeText, auditRoleText } from './auditFilter';

export interface AuditTableProps {
  /** Already in display order (newest first). */
  entries: readonly AuditEntry[];
}

/** Audit records; refusals and errors stand out. Times in Kazakhstan time. */
export function AuditTable({ entries }: AuditTableProps) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  return (
    <div className="admin-table__scroll" tabIndex={0} role="region" aria-label={t('audit.title')}>
      <table className="admin-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.role')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.target')}</th>
            <th scope="col">{t('audit.changed')}</th>
            <th scope="col">{t('audit.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={7}>{t('audit.empty')}</td>
            </tr>
          )}
          {entries.map((entry) => (
            <tr
              key={entry.id}
              data-testid="audit-row"
              data-action={entry.action}
              data-actor={entry.actor}
              data-outcome={entry.outcome}
              className={entry.outcome === 'ok' ? undefined : 'admin-table__row--alert'}
            >
              <td>
                <time dateTime={entry.at}>{formatters.dateTime(Date.parse(entry.at))}</time>
              </td>
              <td>{entry.actor}</td>
              <td>{auditRoleText(entry.role, t)}</td>
              <td>{auditActionText(entry.action, t)}</td>
              <td>{entry.target}</td>
              <td>{auditChangedText(entry.changed, t)}</td>
              <td>{auditOutcomeText(entry.outcome, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
