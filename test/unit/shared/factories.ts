import type { CalendarYear, CategoryCode, EventOf, EventType, RegionCode, StreamEvent } from '@shared';

/**
 * Builders for stream events in unit tests. Each factory numbers its own stream ids and
 * event ids, so a test that builds a list of events once gets the same list every run.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Kazakhstan is UTC+5 (one zone since 1 March 2024). */
const KZ_OFFSET_MS = 5 * HOUR;

/** 2026-11-27 10:00 in Astana: minute-aligned, used as the fixed clock of most tests. */
export const T0 = Date.parse('2026-11-27T10:00:00+05:00');

/** `ms` as ISO-8601 with the +05:00 offset producers write. */
export function kzIso(ms: number): string {
  return new Date(ms + KZ_OFFSET_MS).toISOString().replace('Z', '+05:00');
}

/** A stream event of one type, located (region set) and numbered (stream id set). */
export type TypedStreamEvent<T extends EventType> = EventOf<T> & { region: RegionCode; streamId: string };

type DataOf<T extends EventType> = EventOf<T>['data'];

/** Envelope fields a test may set; the rest are numbered by the factory. */
export interface EnvelopeOptions {
  id?: string;
  at?: number;
  region?: RegionCode;
  streamId?: string;
}

export interface EventFactory {
  /** The next stream id this factory would hand out. */
  nextStreamId(): string;
  registered(
    appealId: string,
    options?: EnvelopeOptions & Partial<DataOf<'appeal.registered'>>,
  ): TypedStreamEvent<'appeal.registered'>;
  assigned(
    appealId: string,
    options?: EnvelopeOptions & Partial<DataOf<'appeal.assigned'>>,
  ): TypedStreamEvent<'appeal.assigned'>;
  statusChanged(
    appealId: string,
    status: DataOf<'appeal.status_changed'>['status'],
    options?: EnvelopeOptions & { comment?: string; outcome?: DataOf<'appeal.status_changed'>['outcome'] },
  ): TypedStreamEvent<'appeal.status_changed'>;
  extended(
    appealId: string,
    months: 1 | 2,
    options?: EnvelopeOptions & { reason?: string },
  ): TypedStreamEvent<'appeal.extended'>;
  feedback(
    appealId: string,
    result: DataOf<'appeal.feedback'>['result'],
    options?: EnvelopeOptions & { rating?: number; comment?: string },
  ): TypedStreamEvent<'appeal.feedback'>;
  /** A national event: no region. */
  calendarYearAdded(
    year: CalendarYear,
    options?: Omit<EnvelopeOptions, 'region'>,
  ): EventOf<'calendar.year_added'> & { streamId: string };
  escalated(
    appealId: string,
    priority: DataOf<'appeal.escalated'>['priority'],
    options?: EnvelopeOptions & { comment?: string },
  ): TypedStreamEvent<'appeal.escalated'>;
  incidentOpened(
    incidentId: string,
    options?: EnvelopeOptions & Partial<DataOf<'incident.opened'>>,
  ): TypedStreamEvent<'incident.opened'>;
  incidentUpdated(
    incidentId: string,
    options?: EnvelopeOptions & Partial<DataOf<'incident.updated'>>,
  ): TypedStreamEvent<'incident.updated'>;
  incidentResolved(
    incidentId: string,
    options?: EnvelopeOptions & { note?: string },
  ): TypedStreamEvent<'incident.resolved'>;
}

/** First stream id millisecond part; ids go up by one ms per event. */
const STREAM_BASE_MS = 1_795_000_000_000;

const ASTANA = { lat: 51.128, lng: 71.43 };

/** A factory whose events are numbered from 1 (stream id and event id). */
export function createEventFactory(prefix = 'ev'): EventFactory {
  let n = 0;
  // Follow-up events default to the region their appeal or incident was created in, as a
  // real producer's would (the projection ignores a follow-up naming another region).
  const regionOf = new Map<string, RegionCode>();
  const envelope = (options: EnvelopeOptions | undefined, entityId?: string, isCreation = false) => {
    n += 1;
    const region = options?.region ?? (entityId ? regionOf.get(entityId) : undefined) ?? 'KZ-71';
    if (entityId && (isCreation || !regionOf.has(entityId))) regionOf.set(entityId, region);
    return {
      v: 1 as const,
      id: options?.id ?? `${prefix}-${n}`,
      at: kzIso(options?.at ?? T0),
      region,
      streamId: options?.streamId ?? `${STREAM_BASE_MS + n}-0`,
    };
  };
  // Envelope option keys never end up in `data`.
  const dataOf = <O extends object>(options: O | undefined): Omit<O, keyof EnvelopeOptions> => {
    const { id: _id, at: _at, region: _region, streamId: _streamId, ...rest } = (options ?? {}) as O & EnvelopeOptions;
    return rest as Omit<O, keyof EnvelopeOptions>;
  };
  return {
    nextStreamId: () => `${STREAM_BASE_MS + n + 1}-0`,
    registered: (appealId, options) => ({
      ...envelope(options, appealId, true),
      type: 'appeal.registered',
      data: {
        appealId,
        channel: 'call',
        category: 'heating' as CategoryCode,
        priority: 'normal',
        location: { ...ASTANA },
        description: 'Нет отопления в квартире',
        ...dataOf(options),
      },
    }),
    assigned: (appealId, options) => ({
      ...envelope(options, appealId),
      type: 'appeal.assigned',
      data: { appealId, service: 'Astana Energy', ...dataOf(options) },
    }),
    statusChanged: (appealId, status, options) => ({
      ...envelope(options, appealId),
      type: 'appeal.status_changed',
      data: { appealId, status, ...dataOf(options) },
    }),
    extended: (appealId, months, options) => ({
      ...envelope(options, appealId),
      type: 'appeal.extended',
      data: { appealId, months, reason: 'Нужна экспертиза', ...dataOf(options) },
    }),
    feedback: (appealId, result, options) => ({
      ...envelope(options, appealId),
      type: 'appeal.feedback',
      data: { appealId, result, ...dataOf(options) },
    }),
    calendarYearAdded: (year, options) => {
      const { region: _region, ...national } = envelope(options);
      return { ...national, type: 'calendar.year_added', data: { year } };
    },
    escalated: (appealId, priority, options) => ({
      ...envelope(options, appealId),
      type: 'appeal.escalated',
      data: { appealId, priority, ...dataOf(options) },
    }),
    incidentOpened: (incidentId, options) => ({
      ...envelope(options, incidentId, true),
      type: 'incident.opened',
      data: {
        incidentId,
        title: 'Авария на теплотрассе',
        category: 'heating' as CategoryCode,
        severity: 'major',
        location: { ...ASTANA },
        ...dataOf(options),
      },
    }),
    incidentUpdated: (incidentId, options) => ({
      ...envelope(options, incidentId),
      type: 'incident.updated',
      data: { incidentId, ...dataOf(options) },
    }),
    incidentResolved: (incidentId, options) => ({
      ...envelope(options, incidentId),
      type: 'incident.resolved',
      data: { incidentId, ...dataOf(options) },
    }),
  };
}

/** Drops the stream id: what a producer writes into the stream's `event` field. */
export function toEnvelope(event: StreamEvent): Record<string, unknown> {
  const { streamId: _streamId, ...envelope } = event;
  return JSON.parse(JSON.stringify(envelope)) as Record<string, unknown>;
}

/** Deterministic PRNG (mulberry32) so "random" samples are the same every run. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Log-normal durations (ms) around `medianMs`, never below one second. */
export function lognormalSamples(count: number, medianMs: number, sigma: number, seed: number): number[] {
  const random = createRandom(seed);
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) {
    // Box–Muller
    const u = Math.max(random(), 1e-12);
    const v = random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    out.push(Math.max(1000, Math.round(medianMs * Math.exp(sigma * z))));
  }
  return out;
}

/** Exact nearest-rank q-quantile of `values` (0 < q ≤ 1). */
export function nearestRank(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] as number;
}
