import {
  APPEAL_STATUSES,
  CATEGORY_CODES,
  getCategory,
  isCategoryCode,
  confirmationOf,
  DEFAULT_CONFIRMATION_WINDOW_MS,
  isOpenStatus,
  type Appeal,
  type ConfirmationState,
  type Outcome,
  type AppealStatus,
  type CategoryCode,
} from '@shared';
import { ANONYMOUS_VIEWER, presentAppeal } from '../../presenters/present';
import { serviceNameOf, type Open311Lang } from './services';

/** Most requests one `GET requests.json` answers (the newest). */
export const MAX_OPEN311_REQUESTS = 1000;
/** Widest `start_date`…`end_date` window, and the default one (GeoReport v2). */
export const OPEN311_WINDOW_MS = 90 * 86_400_000;

const KZ_OFFSET_MS = 5 * 3_600_000;

/**
 * A GeoReport v2 service request. Never carries the citizen's name or phone: Open311 GET
 * output is public by the spec's design, and free text is phone-scrubbed by the presenter.
 * `address_id`, `zipcode` and `media_url` are left out (we have none).
 */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  /** The service the appeal was routed to; empty until it is. */
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  /**
   * The legal deadline (АППК art. 76: 15 working days, or the extended term): the public
   * promise. The operational target is `operational_datetime`.
   */
  expected_datetime: string;
  /** Extensions (docs/api.md "Open311"): the legal deadline again, by name. */
  legal_deadline: string;
  /** The calendar did not know or had not verified a year the legal deadline spans. */
  legal_deadline_provisional: boolean;
  /** The operational resolution target (today's SLA minutes). */
  operational_datetime: string;
  /** A supervisor extended the legal term. */
  extended: boolean;
  /** The extended term in months from receipt (1 or 2), null when not extended. */
  extension_months: number | null;
  /** How it ended (satisfied, partly, refused, explained, unknown); null while open. */
  outcome: Outcome | 'unknown' | null;
  /** Where the citizen's confirmation of the resolution stands (awaiting, confirmed, …); null unless resolved or closed. */
  confirmation: ConfirmationState | null;
  address: string;
  lat: number;
  long: number;
}

/** Epoch ms as ISO-8601 in Kazakhstan time (UTC+5 all year), whole seconds: `2026-11-27T10:15:00+05:00`. */
export function formatKzDateTime(ms: number): string {
  return `${new Date(ms + KZ_OFFSET_MS).toISOString().slice(0, 19)}+05:00`;
}

/** One appeal as an Open311 request; `statusNotes` from `StatusNotes` (the stream holds the comments). */
export function presentRequest(
  appeal: Appeal,
  statusNotes: string,
  lang: Open311Lang,
  /** Clock reading and `CONFIRMATION_WINDOW_DAYS` in ms, for `confirmation`. */
  clock: { now: number; confirmationWindowMs?: number },
): Open311Request {
  const shown = presentAppeal(appeal, ANONYMOUS_VIEWER);
  const { address, district } = shown.location;
  return {
    service_request_id: shown.id,
    status: isOpenStatus(shown.status) ? 'open' : 'closed',
    status_notes: statusNotes,
    service_name: serviceNameOf(getCategory(shown.category), lang),
    service_code: shown.category,
    description: shown.description,
    agency_responsible: shown.service ?? '',
    service_notice: '',
    requested_datetime: formatKzDateTime(shown.registeredAt),
    updated_datetime: formatKzDateTime(shown.updatedAt),
    expected_datetime: formatKzDateTime(shown.legalDueAt),
    legal_deadline: formatKzDateTime(shown.legalDueAt),
    legal_deadline_provisional: shown.isLegalProvisional,
    operational_datetime: formatKzDateTime(shown.dueAt),
    extended: shown.extension !== null,
    extension_months: shown.extension?.months ?? null,
    outcome: shown.outcome,
    confirmation: confirmationOf(
      shown,
      clock.now,
      clock.confirmationWindowMs ?? DEFAULT_CONFIRMATION_WINDOW_MS,
    ),
    address: [address, district].filter((part) => part !== undefined && part !== '').join(', '),
    lat: shown.location.lat,
    long: shown.location.lng,
  };
}

export type RequestsQuery =
  /** `service_request_id` given: these appeals, every other filter ignored (GeoReport v2). */
  | { kind: 'ids'; ids: string[] }
  | {
      kind: 'search';
      categories?: CategoryCode[];
      statuses?: AppealStatus[];
      /** Registered at or after, epoch ms. */
      from: number;
      /** Registered at or before, epoch ms; none: up to now and beyond (a producer's clock may run ahead). */
      to?: number;
    };

export type Parsed<T> = { ok: true; value: T } | { ok: false; description: string };

const fail = (description: string): { ok: false; description: string } => ({ ok: false, description });

/** A query value as text: a repeated key (an array) is joined for lists, refused for scalars. */
export function queryText(query: Record<string, unknown>, key: string, isList = false): Parsed<string | undefined> {
  const value = query[key];
  if (value === undefined) return { ok: true, value: undefined };
  if (typeof value === 'string') return { ok: true, value };
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) {
    return isList ? { ok: true, value: value.join(',') } : fail(`give ${key} once`);
  }
  return fail(`${key} must be text`);
}

function listOf(text: string): string[] {
  return [...new Set(text.split(',').map((part) => part.trim()))].filter((part) => part !== '');
}

const W3C_DATETIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A W3C datetime (the profile of ISO 8601 GeoReport names): `2026-11-27T10:15:00+05:00`,
 * `…T10:15Z`, fractions of a second; a bare date `2026-11-27` is midnight in Kazakhstan.
 * A time without an offset is ambiguous and refused.
 */
export function parseW3cDateTime(text: string): number | null {
  const match = W3C_DATETIME.exec(text.trim());
  if (!match) return null;
  const [, date, hhmm, seconds, zone] = match as unknown as [string, string, string?, string?, string?];
  const iso = hhmm === undefined ? `${date}T00:00:00+05:00` : `${date}T${hhmm}${seconds ?? ':00'}${zone ?? ''}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls 2026-02-30 over to March: the calendar date must survive the round trip.
  const offset = zone === undefined ? KZ_OFFSET_MS : zone === 'Z' ? 0 : zoneMs(zone);
  return new Date(ms + offset).toISOString().slice(0, 10) === date ? ms : null;
}

function zoneMs(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const [hours, minutes] = zone.slice(1).split(':').map(Number) as [number, number];
  return sign * (hours * 60 + minutes) * 60_000;
}

const OPEN_STATUSES = APPEAL_STATUSES.filter((status) => isOpenStatus(status));
const CLOSED_STATUSES = APPEAL_STATUSES.filter((status) => !isOpenStatus(status));

/**
 * The filters of `GET requests.json`: `service_request_id`, `service_code`, `status`
 * (open/closed), `start_date`, `end_date`. Lists are comma separated and may be repeated.
 * Other parameters (`jurisdiction_id`, `lang`, vendor extensions) are not filters here.
 */
export function parseRequestsQuery(query: Record<string, unknown>, now: number): Parsed<RequestsQuery> {
  const ids = queryText(query, 'service_request_id', true);
  if (!ids.ok) return ids;
  if (ids.value !== undefined && listOf(ids.value).length > 0) {
    const list = listOf(ids.value);
    if (list.length > MAX_OPEN311_REQUESTS) return fail(`at most ${MAX_OPEN311_REQUESTS} service_request_id values`);
    return { ok: true, value: { kind: 'ids', ids: list } };
  }

  const codes = queryText(query, 'service_code', true);
  if (!codes.ok) return codes;
  const categories = codes.value === undefined ? [] : listOf(codes.value);
  const unknown = categories.filter((code) => !isCategoryCode(code));
  if (unknown.length > 0) return fail(`unknown service_code ${unknown.join(', ')}: GET services.json lists them`);

  const status = queryText(query, 'status', true);
  if (!status.ok) return status;
  const wanted = status.value === undefined ? [] : listOf(status.value);
  const badStatus = wanted.filter((value) => value !== 'open' && value !== 'closed');
  if (badStatus.length > 0) return fail(`status must be open or closed, not ${badStatus.join(', ')}`);

  const dates: Partial<Record<'start_date' | 'end_date', number>> = {};
  for (const key of ['start_date', 'end_date'] as const) {
    const text = queryText(query, key);
    if (!text.ok) return text;
    if (text.value === undefined || text.value.trim() === '') continue;
    const ms = parseW3cDateTime(text.value);
    if (ms === null) return fail(`${key} must be a W3C datetime with an offset, e.g. 2026-11-27T10:15:00+05:00`);
    dates[key] = ms;
  }
  const { start_date: start, end_date: end } = dates;
  let window: { from: number; to?: number };
  if (start !== undefined && end !== undefined) {
    if (end < start) return fail('end_date must not be before start_date');
    if (end - start > OPEN311_WINDOW_MS) return fail('start_date to end_date may span at most 90 days');
    window = { from: start, to: end };
  } else if (start !== undefined) {
    window = { from: start, to: start + OPEN311_WINDOW_MS };
  } else if (end !== undefined) {
    window = { from: end - OPEN311_WINDOW_MS, to: end };
  } else {
    window = { from: now - OPEN311_WINDOW_MS };
  }

  const hasBoth = wanted.includes('open') && wanted.includes('closed');
  const statuses =
    wanted.length === 0 || hasBoth ? undefined : wanted.includes('open') ? OPEN_STATUSES : CLOSED_STATUSES;
  return {
    ok: true,
    value: {
      kind: 'search',
      ...(categories.length > 0 ? { categories: CATEGORY_CODES.filter((code) => categories.includes(code)) } : {}),
      ...(statuses ? { statuses: [...statuses] } : {}),
      ...window,
    },
  };
}
