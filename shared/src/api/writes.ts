import { z } from 'zod';
import { EXTENSION_MONTHS, FEEDBACK_RESULTS, OUTCOME_STATUSES, OUTCOMES } from '../domain/enums';
import { normalizeKzPhone } from '../domain/phone';
import { MAX_DESCRIPTION_LENGTH, MAX_LINKED_APPEALS, MAX_SHORT_TEXT_LENGTH } from '../limits';
import {
  categoryCodeSchema,
  channelSchema,
  entityIdSchema,
  locationSchema,
  prioritySchema,
  regionCodeSchema,
  severitySchema,
  statusChangeSchema,
} from '../schemas/common';

/**
 * Bodies of the write API (docs/api.md). The agent console validates its form with the
 * same schemas, so a field message reads the same in the browser and in a 422.
 * Objects are strict: an unknown key is an error, not silently dropped.
 */

/** C0 controls other than tab and line breaks, and DEL: never typed by a person. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Free text a person typed: trimmed, 1–`max` characters, no control characters. */
function typedText(max: number, emptyMessage?: string) {
  return z
    .string()
    .trim()
    .min(1, emptyMessage)
    .max(max)
    .refine((text) => !CONTROL_CHARACTERS.test(text), 'control characters are not allowed');
}

/** Short typed text (address, service, comment, title…). */
const shortTyped = typedText(MAX_SHORT_TEXT_LENGTH);

/** A point as a form or an API client gives it: the stream's location, with typed text only. */
const typedLocationSchema = locationSchema
  .extend({ address: shortTyped.optional(), district: shortTyped.optional() })
  .strict();

/** A Kazakh number in any common shape, normalised to +77XXXXXXXXX. */
export const kzPhoneSchema = z
  .string()
  .trim()
  .max(32)
  .transform((value, ctx) => {
    const phone = normalizeKzPhone(value);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: 'not a Kazakh phone number: +7 7XX XXX XX XX' });
      return z.NEVER;
    }
    return phone;
  });

export const citizenSchema = z.strictObject({
  name: typedText(200).optional(),
  phone: kzPhoneSchema.optional(),
});

/** POST /api/appeals. The region may be left out: it is then found from the location. */
export const registerAppealBodySchema = z.strictObject({
  region: regionCodeSchema.optional(),
  category: categoryCodeSchema,
  priority: prioritySchema,
  channel: channelSchema,
  location: typedLocationSchema,
  description: typedText(MAX_DESCRIPTION_LENGTH, 'describe the problem'),
  citizen: citizenSchema.optional(),
  slaMinutes: z.number().int().positive().max(525_600).optional(),
});
export type RegisterAppealBody = z.infer<typeof registerAppealBodySchema>;
export type RegisterAppealInput = z.input<typeof registerAppealBodySchema>;

/** POST /api/appeals/:id/assign */
export const assignAppealBodySchema = z.strictObject({
  service: shortTyped,
  assignee: shortTyped.optional(),
});
export type AssignAppealBody = z.infer<typeof assignAppealBodySchema>;

/**
 * POST /api/appeals/:id/status. `outcome` only with resolved, closed or rejected; the write
 * API requires it with `resolved` (422 `outcome_required`, server/src/writes/lawCommands.ts).
 */
export const changeStatusBodySchema = z
  .strictObject({
    status: statusChangeSchema,
    comment: shortTyped.optional(),
    outcome: z.enum(OUTCOMES).optional(),
  })
  .refine((body) => body.outcome === undefined || OUTCOME_STATUSES.has(body.status), {
    message: 'an outcome is recorded only with status resolved, closed or rejected',
    path: ['outcome'],
  });
export type ChangeStatusBody = z.infer<typeof changeStatusBodySchema>;

/** POST /api/appeals/:id/extend: the legal term, `months` in total from the day of receipt. */
export const extendAppealBodySchema = z.strictObject({
  months: z.union(EXTENSION_MONTHS.map((m) => z.literal(m)) as [z.ZodLiteral<1>, z.ZodLiteral<2>], {
    error: 'months must be 1 or 2',
  }),
  reason: typedText(MAX_SHORT_TEXT_LENGTH, 'give the reason for the extension'),
});
export type ExtendAppealBody = z.infer<typeof extendAppealBodySchema>;

/** POST /api/appeals/:id/feedback: the quality-control callback. */
export const appealFeedbackBodySchema = z.strictObject({
  result: z.enum(FEEDBACK_RESULTS),
  rating: z.number().int().min(1).max(5).optional(),
  comment: shortTyped.optional(),
});
export type AppealFeedbackBody = z.infer<typeof appealFeedbackBodySchema>;

/** POST /api/appeals/:id/escalate (raise the priority; never lowers it). */
export const escalateAppealBodySchema = z.strictObject({
  priority: prioritySchema,
  comment: shortTyped.optional(),
});
export type EscalateAppealBody = z.infer<typeof escalateAppealBodySchema>;

const appealIdListSchema = z.array(entityIdSchema).max(MAX_LINKED_APPEALS);

/** POST /api/incidents */
export const openIncidentBodySchema = z.strictObject({
  region: regionCodeSchema.optional(),
  title: shortTyped,
  category: categoryCodeSchema,
  severity: severitySchema,
  location: typedLocationSchema,
  affected: z.number().int().nonnegative().max(100_000_000).optional(),
  appealIds: appealIdListSchema.optional(),
});
export type OpenIncidentBody = z.infer<typeof openIncidentBodySchema>;

/** POST /api/incidents/:id/update: at least one change. */
export const updateIncidentBodySchema = z
  .strictObject({
    severity: severitySchema.optional(),
    note: shortTyped.optional(),
  })
  .refine((body) => body.severity !== undefined || body.note !== undefined, {
    message: 'give a severity or a note',
    path: ['note'],
  });
export type UpdateIncidentBody = z.infer<typeof updateIncidentBodySchema>;

/** POST /api/incidents/:id/resolve */
export const resolveIncidentBodySchema = z.strictObject({ note: shortTyped.optional() });
export type ResolveIncidentBody = z.infer<typeof resolveIncidentBodySchema>;

/** POST /api/incidents/:id/link */
export const linkAppealsBodySchema = z.strictObject({
  appealIds: appealIdListSchema.min(1, 'choose at least one appeal'),
});
export type LinkAppealsBody = z.infer<typeof linkAppealsBodySchema>;

/** Something the server changed in an accepted write, for the form to tell its user. */
export interface WriteNotice {
  /** Dotted path of the body field (`description`, `location.address`). */
  field: string;
  /** `invisible_removed`: invisible characters (zero-width space, soft hyphen…) were taken out. */
  code: 'invisible_removed';
}

/** 202 answer of every write: the event written and the stream cursor to wait for. */
export interface WriteAccepted {
  eventId: string;
  /** Stream id of the entry; the write is visible once the live cursor reaches it. */
  cursor: string;
  appealId?: string;
  incidentId?: string;
  /** What was changed in the text before it was written; absent when nothing was. */
  notices?: WriteNotice[];
}

/** Every 4xx/5xx body of the write and list API. `field` is a dotted path into the body or query. */
export interface ApiError {
  code: string;
  message: string;
  field?: string;
}
