import { ROLES, type Role } from '@shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminApi } from './adminApi';
import { checkNewUser, fieldProblemText, type FieldProblems, type NewUserField } from './adminForms';
import type { RegionSelection } from './regionScope';
import { RegionPicker } from './RegionPicker';
import { TextField } from '../../components/TextField';

export interface UserCreateFormProps {
  api: AdminApi;
  /** Called with the new username once the server created it. */
  onCreated(username: string): void;
}

const DEFAULT_ROLE: Role = 'operator';

/** New user: name, optional display name, initial password, role, regions. */
export function UserCreateForm({ api, onCreated }: UserCreateFormProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(DEFAULT_ROLE);
  const [regions, setRegions] = useState<RegionSelection>('all');
  const [problems, setProblems] = useState<FieldProblems<NewUserField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkNewUser({ username, displayName, password, role, regions });
    setFailure(null);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    setIsBusy(true);
    const result = await api.createUser(checked.body);
    setIsBusy(false);
    if (result.ok) {
      setUsername('');
      setDisplayName('');
      setPassword('');
      setRole(DEFAULT_ROLE);
      setRegions('all');
      onCreated(result.data.user.username);
    } else if (result.status === 409) {
      setProblems({ username: { kind: 'exists' } });
    } else {
      setFailure(result.status === 400 ? t('form.invalid') : t('admin.actionFailed', { status: result.status }));
    }
  };

  const messageOf = (field: NewUserField) => {
    const problem = problems[field];
    return { error: problem ? fieldProblemText(problem, t) : null, errorId: `${id}-${field}-error` };
  };

  return (
    <form
      className="admin-form"
      data-testid="user-create-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={`${id}-title`}>{t('users.create')}</h3>
      <div className="admin-form__row">
        <TextField
          label={t('users.username')}
          testId="user-create-username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onValueChange={setUsername}
          {...messageOf('username')}
        />
        <TextField
          label={t('users.displayName')}
          testId="user-create-display-name"
          autoComplete="off"
          value={displayName}
          onValueChange={setDisplayName}
          {...messageOf('displayName')}
        />
        <TextField
          label={t('users.password')}
          testId="user-create-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onValueChange={setPassword}
          {...messageOf('password')}
        />
        <label className="field">
          <span className="field__label">{t('users.role')}</span>
          <select
            className="field__input"
            data-testid="user-create-role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <RegionPicker
        value={regions}
        onChange={setRegions}
        error={problems.regions ? fieldProblemText(problems.regions, t) : null}
        testId="user-create-regions"
      />
      {failure && (
        <p className="field__error" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="button button--primary" data-testid="user-create-submit" disabled={isBusy}>
        {t('users.createSubmit')}
      </button>
    </form>
  );
}
