import { CHANNELS, isCategoryCode, type Channel, type RegionCode, type SessionUser, type WriteNotice } from '@shared';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage';
import { categoryName } from '../../i18n/names';
import { useRegionLayer } from '../map/regionLayerState';
import { emptyDraft, isDraftEmpty, withMapPoint, withPlace, withRegion, type AppealDraft } from './appealDraft';
import { matchCategories } from './categoryMatch';
import { CitizenFields } from './CitizenFields';
import { CleanedNotice } from './CleanedNotice';
import { Combobox, type ComboboxOption } from './Combobox';
import { FieldFrame } from './FieldFrame';
import { FormActions } from './FormActions';
import {
  checkDraft,
  editedFields,
  fieldProblemText,
  firstProblemField,
  formErrorText,
  problemsOfServerError,
  type FieldProblems,
  type FormError,
  type FormField,
} from './formProblems';
import { LocationFields } from './LocationFields';
import { regionAtPoint, shapeAt, type Point } from './locateRegion';
import type { SubmittedEntry } from './myEntries';
import { placeLabel } from './placeSearch';
import { PriorityPicker } from './PriorityPicker';
import { SimilarHint } from './SimilarHint';
import { SubmissionStatus } from './SubmissionStatus';
import type { LastSubmitted } from './submissionNotice';
import { isPendingPhase, useWrite } from './useWrite';
import { newIdempotencyKey, postWrite } from './writeApi';
import './agentForm.css';

export interface AppealFormProps {
  user: SessionUser;
  /** The regions the user may register appeals in, in select order. */
  regions: readonly RegionCode[];
  /** A 202 came: the appeal is in the stream. */
  onAccepted(entry: SubmittedEntry): void;
  /** The last appeal registered here and whether the live view has it yet. */
  last: LastSubmitted | null;
}

/**
 * The appeal form, keyboard first: category typeahead (focused on load and after each
 * appeal), place typeahead or map or region, priority on 1–4, channel, description,
 * citizen; Ctrl+Enter registers, Escape clears (after asking). Fields are checked with
 * the server's own schema. While a send is retried the form is read-only and keeps
 * everything; nothing here is ever written to browser storage.
 */
export function AppealForm({ user, regions, onAccepted, last }: AppealFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { layer } = useRegionLayer();
  const ids = { title: useId(), channel: useId() };
  const [draft, setDraft] = useState<AppealDraft>(emptyDraft);
  const [categoryText, setCategoryText] = useState('');
  const [placeText, setPlaceText] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<FormError | null>(null);
  const [isRegionUnknown, setIsRegionUnknown] = useState(false);
  const [isAskingClear, setIsAskingClear] = useState(false);
  const [notices, setNotices] = useState<readonly WriteNotice[]>([]);
  const write = useWrite();
  const isPending = isPendingPhase(write.phase);
  const keyRef = useRef<{ key: string; json: string } | null>(null);
  const categoryRef = useRef<HTMLInputElement>(null);
  const placeRef = useRef<HTMLInputElement>(null);
  const addressRef = useRef<HTMLInputElement>(null);
  const regionRef = useRef<HTMLSelectElement>(null);
  const priorityRef = useRef<HTMLInputElement>(null);
  const channelRef = useRef<HTMLSelectElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const citizenNameRef = useRef<HTMLInputElement>(null);
  const citizenPhoneRef = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  // Called from handlers only (after a submit), never during render.
  const focusField = (field: FormField | null) => {
    const refOf: Record<FormField, RefObject<HTMLElement | null>> = {
      category: categoryRef,
      place: placeRef,
      address: addressRef,
      region: regionRef,
      priority: priorityRef,
      channel: channelRef,
      description: descriptionRef,
      citizenName: citizenNameRef,
      citizenPhone: citizenPhoneRef,
    };
    refOf[field ?? 'category'].current?.focus();
  };

  const categoryOptions = useMemo<ComboboxOption[]>(
    () =>
      matchCategories(categoryText, language).map((code) => ({
        id: code,
        label: categoryName(code, language),
        detail: code,
      })),
    [categoryText, language],
  );

  // Leaving the page with a send still pending would lose the appeal: let the browser ask.
  useEffect(() => {
    if (!isPending) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [isPending]);

  const change = (next: AppealDraft) => {
    if (isPending) return;
    setDraft(next);
    // A message goes away once its field is edited (the next submit checks everything again).
    const edited = editedFields(draft, next);
    if (edited.some((field) => problems[field])) {
      setProblems((current) =>
        Object.fromEntries(Object.entries(current).filter(([f]) => !edited.includes(f as FormField))),
      );
    }
  };

  const reset = () => {
    setDraft(emptyDraft());
    setCategoryText('');
    setPlaceText('');
    setProblems({});
    setFormError(null);
    setIsRegionUnknown(false);
    setIsAskingClear(false);
    keyRef.current = null;
    write.clear();
    categoryRef.current?.focus();
  };

  const submit = () => {
    if (isPending) return;
    setFormError(null);
    const checked = checkDraft(draft, language, user.regions);
    if (!checked.ok) {
      setProblems(checked.problems);
      if (checked.other.length > 0 && Object.keys(checked.problems).length === 0) setFormError({ kind: 'invalid' });
      write.clear();
      focusField(firstProblemField(checked.problems));
      return;
    }
    setProblems({});
    // The same body keeps its key: a resend after "stop" can never register the appeal twice.
    const json = JSON.stringify(checked.body);
    if (keyRef.current?.json !== json) keyRef.current = { key: newIdempotencyKey(), json };
    const { key } = keyRef.current;
    const body = checked.body;
    const sent = draft;
    setNotices([]);
    write.start(
      () => postWrite('/api/appeals', body, key),
      (final) => {
        if (final.phase === 'accepted') {
          keyRef.current = null;
          setNotices(final.data.notices ?? []);
          if (final.data.appealId) {
            onAccepted({
              appealId: final.data.appealId,
              cursor: final.data.cursor,
              category: body.category,
              region: body.region ?? null,
              address: body.location.address ?? null,
              priority: body.priority,
              submittedAt: Date.now(),
            });
          }
          setDraft(emptyDraft());
          setCategoryText('');
          setPlaceText('');
          setIsRegionUnknown(false);
          categoryRef.current?.focus();
        } else if (final.phase === 'refused') {
          // Nothing was written: a corrected form gets a new key.
          keyRef.current = null;
          const outcome = problemsOfServerError(final.status, final.error, sent, language, user.regions);
          setProblems(outcome.problems);
          setFormError(outcome.formError);
          const field = firstProblemField(outcome.problems);
          if (field) focusField(field);
        }
      },
    );
  };

  const askClear = () => {
    if (isPending || isDraftEmpty(draft)) return;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setIsAskingClear(true);
  };
  const cancelClear = () => {
    setIsAskingClear(false);
    returnFocus.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
      return;
    }
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      if (isAskingClear) cancelClear();
      else askClear();
      return;
    }
    // Plain Enter in a one-line field would submit the form: only Ctrl+Enter (or the button) does.
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
  };

  const onMapPoint = (point: Point) => {
    const region = layer ? regionAtPoint(layer, point) : null;
    const next = withMapPoint(draft, point, region);
    change(next);
    setIsRegionUnknown(region === null);
    if (next.place === null) setPlaceText('');
  };

  const onRegion = (region: RegionCode | null) => {
    const shape =
      layer && draft.point ? layer.shapes.find((s) => s.code === shapeAt(layer, draft.point as Point)) : null;
    const next = withRegion(draft, region, region !== null && (shape?.includes.includes(region) ?? false));
    change(next);
    setIsRegionUnknown(false);
    if (next.place === null) setPlaceText('');
  };

  const problem = (field: FormField) => {
    const found = problems[field];
    return found ? fieldProblemText(found, t) : null;
  };

  return (
    <form
      className="panel agent-form"
      data-testid="agent-form"
      aria-labelledby={ids.title}
      aria-busy={isPending}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="agent-form__head">
        <h2 id={ids.title} className="panel__title">
          {t('agent.form.title')}
        </h2>
        <p className="agent-form__keys">{t('agent.form.keys')}</p>
      </div>
      <Combobox
        label={t('agent.form.category')}
        text={categoryText}
        onTextChange={(text) => {
          setCategoryText(text);
          if (draft.category !== null) change({ ...draft, category: null });
        }}
        options={categoryOptions}
        onPick={(option) => {
          if (isPending || !isCategoryCode(option.id)) return;
          change({ ...draft, category: option.id });
          setCategoryText(option.label);
        }}
        noResults={t('agent.form.noMatches')}
        placeholder={t('agent.form.categoryPlaceholder')}
        error={problem('category')}
        testId="agent-category"
        inputRef={categoryRef}
        readOnly={isPending}
        autoFocus
      />
      <LocationFields
        draft={draft}
        placeText={placeText}
        onPlaceText={(text) => {
          setPlaceText(text);
          if (draft.place !== null) change({ ...draft, place: null });
        }}
        onPlace={(place) => {
          change(withPlace(draft, place));
          setPlaceText(placeLabel(place, language));
          setIsRegionUnknown(false);
        }}
        onAddress={(address) => change({ ...draft, address })}
        onRegion={onRegion}
        onMapPoint={onMapPoint}
        regions={regions}
        problems={problems}
        isRegionUnknown={isRegionUnknown}
        readOnly={isPending}
        placeRef={placeRef}
        addressRef={addressRef}
        regionRef={regionRef}
      />
      <SimilarHint category={draft.category} point={draft.pointSource === 'region' ? null : draft.point} />
      <div className="agent-form__row">
        <PriorityPicker
          value={draft.priority}
          onChange={(priority) => change({ ...draft, priority })}
          inputRef={priorityRef}
          readOnly={isPending}
        />
        <div className="field">
          <label className="field__label" htmlFor={ids.channel}>
            {t('agent.form.channel')}
          </label>
          <select
            ref={channelRef}
            id={ids.channel}
            className="field__input"
            data-testid="agent-channel"
            value={draft.channel}
            onChange={(event) => change({ ...draft, channel: event.target.value as Channel })}
          >
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`agent.channel.${channel}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FieldFrame
        label={t('agent.form.description')}
        error={problem('description')}
        errorTestId="agent-description-error"
      >
        {(control) => (
          <textarea
            {...control}
            ref={descriptionRef}
            className="field__input agent-form__description"
            data-testid="agent-description"
            rows={4}
            value={draft.description}
            readOnly={isPending}
            onChange={(event) => change({ ...draft, description: event.target.value })}
          />
        )}
      </FieldFrame>
      <CitizenFields
        name={draft.citizenName}
        phone={draft.citizenPhone}
        onName={(citizenName) => change({ ...draft, citizenName })}
        onPhone={(citizenPhone) => change({ ...draft, citizenPhone })}
        nameError={problem('citizenName')}
        phoneError={problem('citizenPhone')}
        readOnly={isPending}
        nameRef={citizenNameRef}
        phoneRef={citizenPhoneRef}
      />
      {formError && (
        <p className="agent-form__error" role="alert" data-testid="agent-form-error">
          {formErrorText(formError, t)}
        </p>
      )}
      <FormActions
        phase={write.phase}
        isAskingClear={isAskingClear}
        onAskClear={askClear}
        onClear={reset}
        onKeep={cancelClear}
        onRetryNow={write.retryNow}
        onStop={write.stop}
      />
      <SubmissionStatus phase={write.phase} hasProblems={Object.keys(problems).length > 0} last={last} />
      <CleanedNotice notices={notices} />
    </form>
  );
}
