import { ORGANISATION_KINDS, organisationInputSchema, type OrganisationKind } from '@shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/TextField';
import type { ServicesApi } from '../services/servicesApi';

export interface ServiceCreateFormProps {
  api: ServicesApi;
  onCreated(name: string): void;
}

type Field = 'bin' | 'nameRu' | 'nameKk' | 'nameEn' | 'regions' | 'categories' | 'phone';
const FIELD_OF: Record<string, Field> = { bin: 'bin', regions: 'regions', categories: 'categories', phone: 'phone' };
const EMPTY: Record<Field, string> = {
  bin: '',
  nameRu: '',
  nameKk: '',
  nameEn: '',
  regions: '',
  categories: '',
  phone: '',
};
const listOf = (text: string): string[] => text.split(/[\s,;|]+/).filter(Boolean);

/** One organisation by hand: БИН (checked here with the shared checksum), names, kind, regions, categories. */
export function ServiceCreateForm({ api, onCreated }: ServiceCreateFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [values, setValues] = useState(EMPTY);
  const [kind, setKind] = useState<OrganisationKind>('utility');
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const parsed = organisationInputSchema.safeParse({
      bin: values.bin.replace(/\s/g, ''),
      name: { ru: values.nameRu, kk: values.nameKk, ...(values.nameEn.trim() ? { en: values.nameEn } : {}) },
      kind,
      regions: listOf(values.regions),
      categories: listOf(values.categories),
      ...(values.phone.trim() ? { phone: values.phone } : {}),
      active: true,
    });
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const [first, second] = issue.path.map(String);
        const field =
          first === 'name'
            ? (`name${(second ?? 'ru').replace(/^./, (c) => c.toUpperCase())}` as Field)
            : FIELD_OF[first ?? ''];
        if (field) found[field] = t('services.fieldInvalid');
      }
      setProblems(found);
      return;
    }
    setProblems({});
    setIsBusy(true);
    const result = await api.create(parsed.data);
    setIsBusy(false);
    if (result.ok) {
      setValues(EMPTY);
      onCreated(parsed.data.name.ru);
    } else if (result.status === 409) {
      setProblems({ bin: t('services.exists') });
    } else {
      setFailure(t('admin.actionFailed', { status: result.status }));
    }
  };

  const field = (name: Field, label: string, extra: { placeholder?: string } = {}) => (
    <TextField
      label={label}
      testId={`service-create-${name}`}
      autoComplete="off"
      value={values[name]}
      onValueChange={(value) => setValues((v) => ({ ...v, [name]: value }))}
      error={problems[name] ?? null}
      errorId={`${id}-${name}-error`}
      {...extra}
    />
  );

  return (
    <form className="admin-form" aria-labelledby={`${id}-title`} noValidate onSubmit={(event) => void submit(event)}>
      <h3 id={`${id}-title`}>{t('services.add')}</h3>
      <div className="admin-form__row">
        {field('bin', t('services.bin'), { placeholder: '000000000000' })}
        {field('nameRu', t('services.nameRu'))}
        {field('nameKk', t('services.nameKk'))}
        {field('nameEn', t('services.nameEn'))}
      </div>
      <div className="admin-form__row">
        <label className="field">
          <span className="field__label">{t('services.kind')}</span>
          <select
            className="field__input"
            value={kind}
            onChange={(event) => setKind(event.target.value as OrganisationKind)}
          >
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`services.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {field('regions', t('services.regions'), { placeholder: 'KZ-71 KZ-11' })}
        {field('categories', t('services.categories'), { placeholder: t('services.categoriesHint') })}
        {field('phone', t('services.phone'))}
      </div>
      {failure && <p role="alert">{failure}</p>}
      <button type="submit" className="button button--primary" disabled={isBusy} data-testid="service-create-submit">
        {t('services.add')}
      </button>
    </form>
  );
}
