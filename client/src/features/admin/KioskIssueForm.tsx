import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminApi } from './adminApi';
import { checkKioskDraft, fieldProblemText, KIOSK_LABEL_MAX, type FieldProblems, type KioskField } from './adminForms';
import type { RegionSelection } from './regionScope';
import { RegionPicker } from './RegionPicker';
import { TextField } from '../../components/TextField';

export interface KioskIssueFormProps {
  api: AdminApi;
  /** The full one-time URL and the label, once issued. */
  onIssued(url: string, label: string): void;
}

/** Issue a wall-screen link: a label saying where the screen is, and its regions. */
export function KioskIssueForm({ api, onIssued }: KioskIssueFormProps) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [regions, setRegions] = useState<RegionSelection>('all');
  const [problems, setProblems] = useState<FieldProblems<KioskField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkKioskDraft(label, regions);
    setFailure(null);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    setIsBusy(true);
    const result = await api.issueKioskToken(checked.body.label, checked.body.regions);
    setIsBusy(false);
    if (!result.ok) {
      setFailure(result.status === 400 ? t('form.invalid') : t('admin.actionFailed', { status: result.status }));
      return;
    }
    setLabel('');
    setRegions('all');
    // The secret is in the path; the origin is ours (the server never knows its public URL).
    onIssued(new URL(result.data.path, window.location.origin).href, checked.body.label);
  };

  return (
    <form
      className="admin-form"
      data-testid="kiosk-issue-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={`${id}-title`}>{t('kiosks.issueTitle')}</h3>
      <TextField
        label={t('kiosks.label')}
        testId="kiosk-label"
        maxLength={KIOSK_LABEL_MAX}
        autoComplete="off"
        value={label}
        onValueChange={setLabel}
        error={problems.label ? fieldProblemText(problems.label, t) : null}
        errorId={`${id}-label-error`}
      />
      <RegionPicker
        value={regions}
        onChange={setRegions}
        error={problems.regions ? fieldProblemText(problems.regions, t) : null}
        testId="kiosk-regions"
      />
      {failure && (
        <p className="field__error" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="button button--primary" data-testid="kiosk-issue-submit" disabled={isBusy}>
        {t('kiosks.issue')}
      </button>
    </form>
  );
}
