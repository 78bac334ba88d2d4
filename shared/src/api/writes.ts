import { z } from 'zod';
import { normalizeKzPhone } from '../domain/phone';
import { MAX_DESCRIPTION_LENGTH, MAX_LINKED_APPEALS } from '../limits';
import {
  categoryCodeSchema,
  channelSchema,
  entityIdSchema,
  locationSchema,
  prioritySchema,
  regionCodeSchema,
  severitySchema,
  shortTextSchema,
  statusChangeSchema,
} from '../schemas/common';

/**
 * Bodies of the write API (docs/api.md). The agent console validates its form with the
 * same schemas, so a field message reads the same in the browser and in a 422.
 * Objects are strict: an unknown key is an error, not silently dropped.
 */

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
  name: z.string().trim().min(1).max(200).optional(),
  phone: kzPhoneSchema.optional(),
});

/** POST /api/appeals. The region may be left out: it is then found from the location. */
export const registerAppealBodySchema = z.strictObject({
  region: regionCodeSchema.optional(),
  category: categoryCodeSchema,
  priority: prioritySchema,
  channel: channelSchema,
  location: locationSchema.strict(),
  description: z.string().trim().min(1, 'describe the problem').max(MAX_DESCRIPTION_LENGTH),
  citizen: citizenSchema.optional(),
  slaMinutes: z.number().int().positive().max(525_600).optional(),
});
export type RegisterAppealBody = z.infer<typeof registerAppealBodySchema>;
export type RegisterAppealInput = z.input<typeof registerAppealBodySchema>;

/** POST /api/appeals/:id/assign */
export const assignAppealBodySchema = z.strictObject({
  service: shortTextSchema,
  assignee: shortTextSchema.optional(),
});
export type AssignAppealBody = z.infer<typeof assignAppealBodySchema>;

/** POST /api/appeals/:id/status */
export const changeStatusBodySchema = z.strictObject({
  status: statusChangeSchema,
  comment: shortTextSchema.optional(),
});
export type ChangeStatusBody = z.infer<typeof changeStatusBodySchema>;

/** POST /api/appeals/:id/escalate (raise the priority; never lowers it). */
export const escalateAppealBodySchema = z.strictObject({
  priority: prioritySchema,
  comment: shortTextSchema.optional(),
});
export type EscalateAppealBody = z.infer<typeof escalateAppealBodySchema>;

const appealIdListSchema = z.array(entityIdSchema).max(MAX_LINKED_APPEALS);

/** POST /api/incidents */
export const openIncidentBodySchema = z.strictObject({
  region: regionCodeSchema.optional(),
  title: shortTextSchema,
  category: categoryCodeSchema,
  severity: severitySchema,
  location: locationSchema.strict(),
  affected: z.number().int().nonnegative().max(100_000_000).optional(),
  appealIds: appealIdListSchema.optional(),
});
export type OpenIncidentBody = z.infer<typeof openIncidentBodySchema>;

/** POST /api/incidents/:id/update: at least one change. */
export const updateIncidentBodySchema = z
  .strictObject({
    severity: severitySchema.optional(),
    note: shortTextSchema.optional(),
  })
  .refine((body) => body.severity !== undefined || body.note !== undefined, {
    message: 'give a severity or a note',
    path: ['note'],
  });
export type UpdateIncidentBody = z.infer<typeof updateIncidentBodySchema>;

/** POST /api/incidents/:id/resolve */
export const resolveIncidentBodySchema = z.strictObject({ note: shortTextSchema.optional() });
export type ResolveIncidentBody = z.infer<typeof resolveIncidentBodySchema>;

/** POST /api/incidents/:id/link */
export const linkAppealsBodySchema = z.strictObject({
  appealIds: appealIdListSchema.min(1, 'choose at least one appeal'),
});
export type LinkAppealsBody = z.infer<typeof linkAppealsBodySchema>;

/** 202 answer of every write: the event written and the stream cursor to wait for. */
export interface WriteAccepted {
  eventId: string;
  /** Stream id of the entry; the write is visible once the live cursor reaches it. */
  cursor: string;
  appealId?: string;
  incidentId?: string;
}

/** Every 4xx/5xx body of the write and list API. `field` is a dotted path into the body or query. */
export interface ApiError {
  code: string;
  message: string;
  field?: string;
}
