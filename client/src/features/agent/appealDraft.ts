import {
  regionCentre,
  type CategoryCode,
  type Channel,
  type Priority,
  type RegionCode,
  type RegisterAppealInput,
} from '@shared';
import type { Language } from '../../i18n/languages';
import type { Point } from './locateRegion';
import { placeLabel, type KnownPlace } from './placeSearch';

/**
 * Where the point of the appeal came from: clicked on the map (exact), a picked settlement
 * or district (its centre), or only a region chosen (its administrative centre). The last
 * two are approximate, and the form says so.
 */
export type PointSource = 'map' | 'place' | 'region';

/**
 * What the agent has entered so far. Lives in component state only (never in browser
 * storage: it holds the caller's name and phone), and is turned into the request body
 * by `draftToInput`.
 */
export interface AppealDraft {
  category: CategoryCode | null;
  region: RegionCode | null;
  point: Point | null;
  pointSource: PointSource | null;
  /** The settlement or district picked from the typeahead, if any. */
  place: KnownPlace | null;
  /** Street, house, flat: free text. */
  address: string;
  priority: Priority;
  channel: Channel;
  description: string;
  citizenName: string;
  citizenPhone: string;
}

/** An empty form: normal priority, a phone call (most appeals come through 109). */
export function emptyDraft(): AppealDraft {
  return {
    category: null,
    region: null,
    point: null,
    pointSource: null,
    place: null,
    address: '',
    priority: 'normal',
    channel: 'call',
    description: '',
    citizenName: '',
    citizenPhone: '',
  };
}

/** True when nothing was typed or chosen (so Escape has nothing to clear). */
export function isDraftEmpty(draft: AppealDraft): boolean {
  const empty = emptyDraft();
  return (
    draft.category === null &&
    draft.region === null &&
    draft.point === null &&
    draft.address.trim() === '' &&
    draft.priority === empty.priority &&
    draft.channel === empty.channel &&
    draft.description.trim() === '' &&
    draft.citizenName.trim() === '' &&
    draft.citizenPhone.trim() === ''
  );
}

/** A settlement or district was picked: its region, and its centre as the point (approximate). */
export function withPlace(draft: AppealDraft, place: KnownPlace): AppealDraft {
  return {
    ...draft,
    place,
    region: place.region,
    point: { lat: place.lat, lng: place.lng },
    pointSource: 'place',
  };
}

/**
 * A point was clicked on the map; `region` is what the map layer says is there (null when
 * it cannot tell: the region stays as it was). A picked place of another region is dropped.
 */
export function withMapPoint(draft: AppealDraft, point: Point, region: RegionCode | null): AppealDraft {
  const nextRegion = region ?? draft.region;
  return {
    ...draft,
    point,
    pointSource: 'map',
    region: nextRegion,
    place: draft.place && draft.place.region === nextRegion ? draft.place : null,
  };
}

/**
 * A region was chosen from the select. A clicked point stays when its map shape shows that
 * region (`isPointInRegion`: the agent corrects the map's guess between Abai and East
 * Kazakhstan, say); otherwise the point moves to the region's administrative centre.
 */
export function withRegion(draft: AppealDraft, region: RegionCode | null, isPointInRegion: boolean): AppealDraft {
  if (region === null) return { ...draft, region: null, place: null, point: null, pointSource: null };
  const place = draft.place && draft.place.region === region ? draft.place : null;
  if (draft.pointSource === 'map' && isPointInRegion) return { ...draft, region, place };
  if (place) return { ...draft, region, place };
  const centre = regionCentre(region);
  return { ...draft, region, place: null, point: { lat: centre.lat, lng: centre.lng }, pointSource: 'region' };
}

/** The address as it goes into the appeal: "<settlement or district>, <street…>", either part optional. */
export function composeAddress(draft: Pick<AppealDraft, 'place' | 'address'>, language: Language): string {
  const street = draft.address.trim();
  const where = draft.place ? placeLabel(draft.place, language) : '';
  return [where, street].filter((part) => part !== '').join(', ');
}

/**
 * The request body before validation (POST /api/appeals, registerAppealBodySchema).
 * Empty optional fields are left out rather than sent empty; a missing category or point
 * stays missing, so the shared schema reports it on its field.
 */
export function draftToInput(draft: AppealDraft, language: Language): Partial<RegisterAppealInput> {
  const address = composeAddress(draft, language);
  const district = draft.place?.kind === 'district' ? draft.place.name[language] : '';
  const name = draft.citizenName.trim();
  const phone = draft.citizenPhone.trim();
  return {
    ...(draft.region !== null ? { region: draft.region } : {}),
    ...(draft.category !== null ? { category: draft.category } : {}),
    priority: draft.priority,
    channel: draft.channel,
    ...(draft.point !== null
      ? {
          location: {
            lat: round6(draft.point.lat),
            lng: round6(draft.point.lng),
            ...(address !== '' ? { address } : {}),
            ...(district !== '' ? { district } : {}),
          },
        }
      : {}),
    description: draft.description,
    ...(name !== '' || phone !== ''
      ? { citizen: { ...(name !== '' ? { name } : {}), ...(phone !== '' ? { phone } : {}) } }
      : {}),
  };
}

/** Six decimals (≈ 10 cm): a map click carries noise far below that. */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
