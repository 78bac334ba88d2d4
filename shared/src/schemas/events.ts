import { z } from 'zod';
import { binSchema } from '../domain/organisation';
import { MAX_DESCRIPTION_LENGTH, MAX_EVENT_ID_LENGTH, MAX_LINKED_APPEALS } from '../limits';
import { calendarYearSchema } from '../calendar/calendarYear';
import { FEEDBACK_RESULTS, OUTCOME_STATUSES, OUTCOMES, type StatusChange } from '../domain/enums';
import { compileFastParser, NOT_FAST } from './compileFastParser';
import type { RegionCode } from '../domain/regions';
import { ROLES } from '../domain/roles';
import {
  categoryCodeSchema,
  channelSchema,
  appealStatusSchema,
  entityIdSchema,
  instantSchema,
  locationSchema,
  prioritySchema,
  regionCodeSchema,
  severitySchema,
  shortTextSchema,
  statusChangeSchema,
} from './common';

/** Version of the envelope format; a producer writing another version is dead-lettered. */
export const ENVELOPE_VERSION = 1;

export const appealRegisteredDataSchema = z.object({
  appealId: entityIdSchema,
  channel: channelSchema,
  category: categoryCodeSchema,
  priority: prioritySchema,
  location: locationSchema,
  description: z.string().trim().min(1).max(MAX_DESCRIPTION_LENGTH),
  /** Personal data: masked by presenters for roles that may not see it. */
  citizen: z
    .object({
      name: z.string().trim().min(1).max(200).optional(),
      phone: z.string().trim().min(1).max(32).optional(),
    })
    .optional(),
  /** Overrides the category's resolution target, in minutes. */
  slaMinutes: z.number().int().positive().max(525_600).optional(),
});

export const appealAssignedDataSchema = z.object({
  appealId: entityIdSchema,
  service: shortTextSchema,
  /** The service directory's organisation (its БИН), when known; `service` is then its name. */
  serviceId: binSchema.optional(),
  assignee: shortTextSchema.optional(),
});

export const outcomeSchema = z.enum(OUTCOMES);

export const appealStatusChangedDataSchema = z
  .object({
    appealId: entityIdSchema,
    status: statusChangeSchema,
    comment: shortTextSchema.optional(),
    /** How it ended for the citizen; only with `resolved`, `closed` or `rejected`. */
    outcome: outcomeSchema.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.outcome !== undefined && !OUTCOME_STATUSES.has(d.status as StatusChange)) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: `an outcome is recorded only with status resolved, closed or rejected, not ${d.status}`,
      });
    }
  });

/**
 * A supervisor extended the legal term (АППК art. 76). `months` is the total term counted
 * from the day of receipt (docs/legal-deadlines.md, "The extension").
 */
export const appealExtendedDataSchema = z.object({
  appealId: entityIdSchema,
  months: z.union([z.literal(1), z.literal(2)], { error: 'months must be 1 or 2' }),
  reason: shortTextSchema,
});

/** The quality-control agent's callback to the citizen after a resolution. */
export const appealFeedbackDataSchema = z.object({
  appealId: entityIdSchema,
  result: z.enum(FEEDBACK_RESULTS),
  rating: z.number().int().min(1).max(5).optional(),
  comment: shortTextSchema.optional(),
});

/**
 * An administrator added (or corrected) a year of the working-day calendar: national, so
 * it carries no region and reaches every scope.
 */
export const calendarYearAddedDataSchema = z.object({
  year: calendarYearSchema,
});

/** The priority was raised (or set) by a supervisor; due times follow the new priority. */
export const appealEscalatedDataSchema = z.object({
  appealId: entityIdSchema,
  priority: prioritySchema,
  comment: shortTextSchema.optional(),
});

/**
 * An appeal the live projection no longer held (finished and evicted long ago) is brought back
 * from the archive before a change to it (a reopen), as it stands in the archive. Carries its
 * state, not a change: the archive, which holds the appeal, ignores it; a projection that
 * already holds the appeal ignores it too. Times are the archived ones; absent = not yet.
 */
export const appealRestoredDataSchema = appealRegisteredDataSchema.extend({
  status: appealStatusSchema,
  service: shortTextSchema.optional(),
  assignee: shortTextSchema.optional(),
  incidentId: entityIdSchema.optional(),
  registeredAt: instantSchema,
  respondedAt: instantSchema.optional(),
  resolvedAt: instantSchema.optional(),
  closedAt: instantSchema.optional(),
  responseDueAt: instantSchema,
  dueAt: instantSchema,
  updatedAt: instantSchema,
  /** The directory БИН of its service, as the archive holds it. */
  serviceId: binSchema.optional(),
  /** The law's clock as archived: the outcome, the extension, the latest callback (the deadlines are recomputed). */
  outcome: z.enum([...OUTCOMES, 'unknown']).optional(),
  extension: appealExtendedDataSchema.omit({ appealId: true }).extend({ at: instantSchema }).optional(),
  feedback: appealFeedbackDataSchema.omit({ appealId: true }).extend({ at: instantSchema }).optional(),
});

const appealIdsSchema = z.array(entityIdSchema).max(MAX_LINKED_APPEALS);

export const incidentOpenedDataSchema = z.object({
  incidentId: entityIdSchema,
  title: shortTextSchema,
  category: categoryCodeSchema,
  severity: severitySchema,
  location: locationSchema,
  /** Number of people affected. */
  affected: z.number().int().nonnegative().optional(),
  appealIds: appealIdsSchema.optional(),
});

export const incidentUpdatedDataSchema = z.object({
  incidentId: entityIdSchema,
  severity: severitySchema.optional(),
  note: shortTextSchema.optional(),
  appealIds: appealIdsSchema.optional(),
});

export const incidentResolvedDataSchema = z.object({
  incidentId: entityIdSchema,
  note: shortTextSchema.optional(),
});

/** Data schema of each event type; the keys are the contract's `type` values. */
export const EVENT_DATA_SCHEMAS = {
  'appeal.registered': appealRegisteredDataSchema,
  'appeal.assigned': appealAssignedDataSchema,
  'appeal.status_changed': appealStatusChangedDataSchema,
  'appeal.escalated': appealEscalatedDataSchema,
  'appeal.restored': appealRestoredDataSchema,
  'appeal.extended': appealExtendedDataSchema,
  'appeal.feedback': appealFeedbackDataSchema,
  'calendar.year_added': calendarYearAddedDataSchema,
  'incident.opened': incidentOpenedDataSchema,
  'incident.updated': incidentUpdatedDataSchema,
  'incident.resolved': incidentResolvedDataSchema,
} as const;

export type EventType = keyof typeof EVENT_DATA_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_DATA_SCHEMAS) as EventType[];

/**
 * Who acted (optional, additive): a staff account (`id` is its username, `name` its display
 * name; never a citizen) or a system (the simulator, an import). The write API fills it in
 * from the session; an entry without it is joined to the audit trail when a timeline is read.
 */
export const actorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('user'),
    id: z.string().trim().min(1).max(64),
    role: z.enum(ROLES),
    name: z.string().trim().min(1).max(100).optional(),
    /** The API the write came in by (`open311`: an Open311 client's account); absent = the JSON API. */
    via: z.enum(['api', 'open311']).optional(),
  }),
  z.object({ kind: z.literal('system'), name: z.string().trim().min(1).max(64) }),
]);
export type Actor = z.infer<typeof actorSchema>;

/** Fields every envelope has, whatever its type. */
export const envelopeBaseSchema = z.object({
  v: z.literal(ENVELOPE_VERSION, { error: `unsupported envelope version (expected v: ${ENVELOPE_VERSION})` }),
  /** Idempotency key: a second entry with an id already applied is ignored. */
  id: z.string().min(1).max(MAX_EVENT_ID_LENGTH),
  /** When it happened; durations are computed from this. */
  at: instantSchema,
  /** Omitted only when `data.location` is given (the server then locates it). */
  region: regionCodeSchema.optional(),
  /** Who acted; absent in older entries and from producers that do not say. */
  actor: actorSchema.optional(),
});

function envelope<T extends EventType>(type: T) {
  return envelopeBaseSchema.extend({ type: z.literal(type), data: EVENT_DATA_SCHEMAS[type] });
}

/** Event types that concern the whole country: no region, delivered to every scope. */
export const NATIONAL_EVENT_TYPES = ['calendar.year_added'] as const;
export type NationalEventType = (typeof NATIONAL_EVENT_TYPES)[number];

/** A national envelope: a `region` would route it to one region's users only, so it is refused. */
function nationalEnvelope<T extends NationalEventType>(type: T) {
  return envelopeBaseSchema.extend({
    region: z.undefined({ error: `${type} is national: omit region` }).optional(),
    type: z.literal(type),
    data: EVENT_DATA_SCHEMAS[type],
  });
}

const envelopeUnion = z.discriminatedUnion(
  'type',
  [
    envelope('appeal.registered'),
    envelope('appeal.assigned'),
    envelope('appeal.status_changed'),
    envelope('appeal.escalated'),
    envelope('appeal.restored'),
    envelope('appeal.extended'),
    envelope('appeal.feedback'),
    nationalEnvelope('calendar.year_added'),
    envelope('incident.opened'),
    envelope('incident.updated'),
    envelope('incident.resolved'),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `unknown event type` : undefined) },
);

/**
 * The stream entry envelope v1 (design.md "The stream contract"). `region` may be
 * omitted only when the data carries a location.
 */
export const eventEnvelopeSchema = envelopeUnion.superRefine((e, ctx) => {
  if (e.region === undefined && !('location' in e.data) && e.type !== 'calendar.year_added') {
    ctx.addIssue({ code: 'custom', path: ['region'], message: 'region is required unless data.location is given' });
  }
});

export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

export { NOT_FAST };

/**
 * `eventEnvelopeSchema`'s result for a valid envelope, several times faster than its
 * `safeParse` (the input itself when it already is that result: pass a value you own, such as
 * a fresh `JSON.parse`); NOT_FAST for anything it cannot vouch for: then parse with the
 * schema, whose issues are the dead-letter reasons.
 */
export const parseEnvelopeFast = compileFastParser(eventEnvelopeSchema);
export type EventOf<T extends EventType> = Extract<EventEnvelope, { type: T }>;

/** A national event (no region; every scope receives it). */
export type NationalEvent = Extract<EventEnvelope, { type: NationalEventType }>;

/** True for an event of the whole country (no region). */
export function isNationalEvent<E extends { type: string }>(event: E): event is E & { type: NationalEventType } {
  return event.type === 'calendar.year_added';
}

/**
 * An envelope whose region is known (given, or located by the server), or a national one
 * (`region` undefined: it belongs to every scope).
 */
export type LocatedEvent =
  (Exclude<EventEnvelope, { type: NationalEventType }> & { region: RegionCode }) | NationalEvent;

/** An applied event as it travels on the wire: the envelope plus its stream id. */
export type StreamEvent = LocatedEvent & { streamId: string };

/** An applied event of one region (every type but the national ones). */
export type RegionalStreamEvent = Exclude<StreamEvent, { type: NationalEventType }>;
