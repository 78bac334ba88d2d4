import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICES_EXPORT_PATH, type ImportAnswer, type ServicesApi } from '../services/servicesApi';

export interface ServiceImportFormProps {
  api: ServicesApi;
  onImported(): void;
}

/** The columns of the CSV, as docs/api.md lists them (shown so an admin can build the file). */
const COLUMNS = 'bin;name_ru;name_kk;name_en;kind;regions;categories;phone;active';

/**
 * CSV import: pick a file (or paste), check it, import it. All or nothing: when a row is
 * wrong nothing is imported and each wrong row is listed with its column.
 */
export function ServiceImportForm({ api, onImported }: ServiceImportFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [csv, setCsv] = useState('');
  const [answer, setAnswer] = useState<ImportAnswer | { ok: false; message: string; status: number } | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const send = async (dryRun: boolean) => {
    setIsBusy(true);
    const result = await api.importCsv(csv, dryRun);
    setIsBusy(false);
    setAnswer(result);
    if (result.ok && result.isApplied) onImported();
  };

  const summary = (): string | null => {
    if (!answer) return null;
    if (answer.ok) {
      return answer.isApplied
        ? t('services.import.applied', answer)
        : t('services.import.checked', { count: answer.rows.length });
    }
    if ('invalid' in answer && answer.invalid > 0) return t('services.import.invalid', { count: answer.invalid });
    return t('services.import.failed', { message: answer.message });
  };
  const invalidRows = answer && 'rows' in answer ? answer.rows.filter((r) => r.outcome === 'invalid') : [];

  return (
    <div className="admin-form services-admin__import" aria-labelledby={`${id}-title`} role="group">
      <h3 id={`${id}-title`}>{t('services.import.title')}</h3>
      <p className="services-admin__columns">{t('services.import.columns', { columns: COLUMNS })}</p>
      <label className="field">
        <span className="field__label">{t('services.import.file')}</span>
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="services-import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            setAnswer(null);
            if (file) void file.text().then(setCsv);
          }}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('services.import.pick')}</span>
        <textarea
          className="field__input"
          value={csv}
          spellCheck={false}
          data-testid="services-import-text"
          onChange={(event) => {
            setCsv(event.target.value);
            setAnswer(null);
          }}
        />
      </label>
      <div className="admin-form__row">
        <button type="button" className="button" disabled={isBusy || csv.trim() === ''} onClick={() => void send(true)}>
          {t('services.import.check')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={isBusy || csv.trim() === ''}
          data-testid="services-import-submit"
          onClick={() => void send(false)}
        >
          {t('services.import.apply')}
        </button>
        <a href={SERVICES_EXPORT_PATH} download="services.csv">
          {t('services.import.export')}
        </a>
      </div>
      {answer && (
        <p role="status" data-testid="services-import-result">
          {summary()}
        </p>
      )}
      {invalidRows.length > 0 && (
        <ul className="services-admin__errors" data-testid="services-import-errors">
          {invalidRows.map((r) =>
            r.outcome === 'invalid'
              ? r.errors.map((e) => (
                  <li key={`${r.row}-${e.field}`}>
                    {t('services.import.row', { row: r.row })} —{' '}
                    {t('services.import.rowError', {
                      field: e.field,
                      message: e.message === 'missing' ? t('services.import.missing') : e.message,
                    })}
                  </li>
                ))
              : null,
          )}
        </ul>
      )}
    </div>
  );
}
