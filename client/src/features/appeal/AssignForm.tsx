import { isOpenStatus, type Appeal, type Organisation } from '@shared';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage';
import { useResource } from '../admin/useResource';
import { Combobox, type ComboboxOption } from '../agent/Combobox';
import { matchOrganisations, organisationName } from '../services/serviceOptions';
import { useServicesApi } from '../services/servicesApi';
import '../services/services.css';

export interface AssignFormProps {
  appeal: Appeal;
  /** Free-text services appeals of the region went to, most used first (offered after the directory). */
  services: readonly string[];
  isBusy: boolean;
  /** Sends the body of POST /api/appeals/:id/assign; `what` names it for the status line. */
  onAssign(
    body: { serviceId?: string; service?: string; assignee?: string },
    what: string,
    onAccepted: () => void,
  ): void;
}

const FREE_TEXT_LIMIT = 5;

/**
 * Route the appeal to a service: a typeahead over the service directory, filtered to the
 * appeal's region and category (arrow down lists them, typing narrows by name or БИН), with
 * free text still allowed (the server matches it to the directory, or keeps it as typed).
 */
export function AssignForm({ appeal, services, isBusy, onAssign }: AssignFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useServicesApi();
  const directory = useResource(
    useCallback(
      () => api.list({ region: appeal.region, category: appeal.category }),
      [api, appeal.region, appeal.category],
    ),
  );
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<Organisation | null>(null);
  const [assignee, setAssignee] = useState('');
  const isOpen = isOpenStatus(appeal.status);
  const organisations = useMemo(() => directory.data?.services ?? [], [directory.data]);
  const isPicked = picked !== null && organisationName(picked, language) === text;

  const options = useMemo<ComboboxOption[]>(() => {
    const fromDirectory = matchOrganisations(organisations, text, language).map((org) => ({
      id: `bin:${org.bin}`,
      label: organisationName(org, language),
      detail: `${t('services.bin')} ${org.bin} · ${t(`services.kinds.${org.kind}`)}`,
    }));
    const known = new Set(organisations.map((o) => o.name.ru));
    const typed = text.trim().toLocaleLowerCase();
    const freeText = services
      .filter((s) => !known.has(s) && (typed === '' || s.toLocaleLowerCase().includes(typed)))
      .slice(0, FREE_TEXT_LIMIT)
      .map((s) => ({ id: `text:${s}`, label: s, detail: t('services.picker.freeText') }));
    return [...fromDirectory, ...freeText];
  }, [organisations, services, text, language, t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = text.trim();
    if (isBusy || name === '') return;
    const person = assignee.trim();
    const target = isPicked && picked ? { serviceId: picked.bin } : { service: name };
    onAssign(person === '' ? target : { ...target, assignee: person }, t('appeal.what.assign', { service: name }), () =>
      setAssignee(''),
    );
  };

  return (
    <form className="appeal-actions__form" aria-label={t('appeal.actions.assign')} onSubmit={submit}>
      <Combobox
        label={t('services.picker.label')}
        text={text}
        onTextChange={(next) => setText(next)}
        options={options}
        onPick={(option) => {
          const org = option.id.startsWith('bin:')
            ? organisations.find((o) => `bin:${o.bin}` === option.id)
            : undefined;
          setPicked(org ?? null);
          setText(option.label);
        }}
        noResults={t('services.picker.noResults')}
        placeholder={appeal.service ?? t('services.picker.placeholder')}
        error={null}
        readOnly={!isOpen}
        testId="appeal-assign-service"
      />
      <p className="service-picker__source" data-testid="appeal-assign-source">
        {text.trim() === ''
          ? ''
          : isPicked && picked
            ? `${t('services.picker.fromDirectory')} · ${t('services.bin')} ${picked.bin}`
            : t('services.picker.freeText')}
      </p>
      <label className="field">
        <span className="field__label">{t('appeal.actions.assignee')}</span>
        <input
          className="field__input"
          value={assignee}
          maxLength={500}
          disabled={!isOpen}
          onChange={(event) => setAssignee(event.target.value)}
        />
      </label>
      <button
        type="submit"
        className="button button--primary"
        disabled={isBusy || !isOpen || text.trim() === ''}
        data-testid="appeal-assign-submit"
      >
        {t('appeal.actions.assignSubmit')}
      </button>
      {!isOpen && <p className="appeal-actions__hint">{t('appeal.actions.reopenFirst')}</p>}
    </form>
  );
}
