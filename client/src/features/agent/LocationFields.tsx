import { regionCentre, type RegionCode } from '@shared';
import { lazy, Suspense, useId, useMemo, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { regionName } from '../../i18n/names';
import { useLanguage } from '../../i18n/useLanguage';
import { useRegionLayer } from '../map/regionLayerState';
import { useIsClient } from '../map/useIsClient';
import type { AppealDraft } from './appealDraft';
import { Combobox, type ComboboxOption } from './Combobox';
import { FieldFrame } from './FieldFrame';
import { fieldProblemText, type FieldProblems, type FormField } from './formProblems';
import type { Point } from './locateRegion';
import { placeById, placeLabel, searchPlaces, type KnownPlace } from './placeSearch';

// Leaflet loads in its own chunk, and never where there is no DOM (markup tests).
const LocationMap = lazy(() => import('./LocationMap').then((module) => ({ default: module.LocationMap })));

export interface LocationFieldsProps {
  draft: AppealDraft;
  placeText: string;
  onPlaceText(text: string): void;
  onPlace(place: KnownPlace): void;
  onAddress(address: string): void;
  onRegion(region: RegionCode | null): void;
  onMapPoint(point: Point): void;
  /** The regions the user may register appeals in, in the order the select lists them. */
  regions: readonly RegionCode[];
  problems: FieldProblems;
  /** The last map click found no region under it. */
  isRegionUnknown: boolean;
  readOnly: boolean;
  placeRef: Ref<HTMLInputElement>;
  addressRef: Ref<HTMLInputElement>;
  regionRef: Ref<HTMLSelectElement>;
}

/**
 * Where the problem is, three ways: a settlement or city district typed into a typeahead
 * (its centre becomes the point), a click on the map (exact), or just a region from the
 * select (its administrative centre). Street and house go into the address line.
 */
export function LocationFields({
  draft,
  placeText,
  onPlaceText,
  onPlace,
  onAddress,
  onRegion,
  onMapPoint,
  regions,
  problems,
  isRegionUnknown,
  readOnly,
  placeRef,
  addressRef,
  regionRef,
}: LocationFieldsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const isClient = useIsClient();
  const { status, layer, tiles } = useRegionLayer();
  const ids = { region: useId(), note: useId() };
  const allowed = useMemo(() => new Set(regions), [regions]);
  const options = useMemo<ComboboxOption[]>(
    () =>
      searchPlaces(placeText, allowed).map((place) => ({
        id: place.id,
        label: placeLabel(place, language),
        detail: regionName(place.region, language),
      })),
    [placeText, allowed, language],
  );
  const focusCodes = useMemo(() => {
    if (!layer) return null;
    return new Set(layer.shapes.filter((s) => s.includes.some((r) => allowed.has(r))).map((s) => s.code));
  }, [layer, allowed]);
  const problem = (field: FormField) => {
    const found = problems[field];
    return found ? fieldProblemText(found, t) : null;
  };

  return (
    <fieldset className="agent-form__where" data-testid="agent-location">
      <legend className="agent-form__legend">{t('agent.form.where')}</legend>
      <div className="agent-form__where-fields">
        <Combobox
          label={t('agent.form.place')}
          text={placeText}
          onTextChange={onPlaceText}
          options={options}
          onPick={(option) => {
            const place = placeById(option.id);
            if (place) onPlace(place);
          }}
          noResults={t('agent.form.noMatches')}
          placeholder={t('agent.form.placePlaceholder')}
          error={problem('place')}
          testId="agent-place"
          inputRef={placeRef}
          readOnly={readOnly}
        />
        <FieldFrame label={t('agent.form.address')} error={problem('address')}>
          {(control) => (
            <input
              {...control}
              ref={addressRef}
              className="field__input"
              data-testid="agent-address"
              autoComplete="off"
              value={draft.address}
              readOnly={readOnly}
              onChange={(event) => onAddress(event.target.value)}
            />
          )}
        </FieldFrame>
        <div className="field">
          <label className="field__label" htmlFor={ids.region}>
            {t('agent.form.region')}
          </label>
          <select
            ref={regionRef}
            id={ids.region}
            className="field__input"
            data-testid="agent-region"
            value={draft.region ?? ''}
            aria-invalid={problems.region ? true : undefined}
            aria-describedby={problems.region ? `${ids.region}-error` : ids.note}
            onChange={(event) => {
              if (!readOnly) onRegion((event.target.value || null) as RegionCode | null);
            }}
          >
            <option value="">{t('agent.form.regionNone')}</option>
            {/* A region outside the user's list (set from the map) stays visible, marked by its problem. */}
            {draft.region !== null && !allowed.has(draft.region) && (
              <option value={draft.region}>{regionName(draft.region, language)}</option>
            )}
            {regions.map((code) => (
              <option key={code} value={code}>
                {regionName(code, language)}
              </option>
            ))}
          </select>
          {problems.region && (
            <p id={`${ids.region}-error`} className="field__error">
              {problem('region')}
            </p>
          )}
        </div>
        <p
          id={ids.note}
          className="agent-form__point-note"
          data-testid="agent-point-note"
          data-source={draft.pointSource ?? 'none'}
        >
          {pointNote(draft, isRegionUnknown, t, language)}
        </p>
      </div>
      <div className="agent-map" data-testid="agent-map" data-status={status}>
        <p className="agent-map__label">{t('agent.form.mapLabel')}</p>
        {layer && isClient ? (
          <Suspense fallback={<p className="agent-map__message">{t('map.loading')}</p>}>
            <LocationMap
              layer={layer}
              focusCodes={focusCodes}
              point={draft.point}
              pointSource={draft.pointSource}
              onPick={(point) => {
                if (!readOnly) onMapPoint(point);
              }}
              tileUrl={tiles?.url}
              tileAttribution={tiles?.attribution ?? undefined}
            />
          </Suspense>
        ) : (
          <p className="agent-map__message">
            {t(status === 'unavailable' ? 'map.unavailable' : status === 'failed' ? 'map.failed' : 'map.loading')}
          </p>
        )}
      </div>
    </fieldset>
  );
}

type T = TFunction;

/** What the point is and how exact: "set on the map", "approximate: centre of …", or none yet. */
function pointNote(draft: AppealDraft, isRegionUnknown: boolean, t: T, language: ReturnType<typeof useLanguage>) {
  if (isRegionUnknown) return t('agent.form.pointNoRegion');
  const { point } = draft;
  switch (draft.pointSource) {
    case 'map':
      // One {{point}}: a `lng` option would be read by i18next as the language to translate into.
      return point ? t('agent.form.pointMap', { point: `${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}` }) : null;
    case 'place':
      return draft.place
        ? t('agent.form.pointPlace', { place: placeLabel(draft.place, language) })
        : t('agent.form.pointApproximate');
    case 'region':
      return draft.region ? t('agent.form.pointRegion', { place: regionCentre(draft.region).name[language] }) : null;
    case null:
      return t('agent.form.pointNone');
  }
}
