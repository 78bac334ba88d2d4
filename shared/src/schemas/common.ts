import { z } from 'zod';
import { CATEGORY_CODES } from '../domain/categories';
import { APPEAL_STATUSES, CHANNELS, PRIORITIES, SEVERITIES, STATUS_CHANGES } from '../domain/enums';
import { REGION_CODES } from '../domain/regions';
import { MAX_ENTITY_ID_LENGTH, MAX_SHORT_TEXT_LENGTH } from '../limits';

/**
 * A rejected value as an error message may quote it: strings only, shortened. Anything
 * else is named by its type — `String()` of a deeply nested array overflows the stack.
 */
export function quoteInput(input: unknown): string {
  if (typeof input === 'string') return input.length > 40 ? `${input.slice(0, 40)}…` : input;
  return Array.isArray(input) ? 'an array' : input === null ? 'null' : `a ${typeof input}`;
}

/** ISO 3166-2:KZ code of the current scheme. */
export const regionCodeSchema = z.enum(REGION_CODES, {
  error: (issue) => (issue.input === undefined ? undefined : `unknown region ${quoteInput(issue.input)}`),
});

/** Stable category code. */
export const categoryCodeSchema = z.enum(CATEGORY_CODES, {
  error: (issue) => (issue.input === undefined ? undefined : `unknown category ${quoteInput(issue.input)}`),
});

export const channelSchema = z.enum(CHANNELS);
export const prioritySchema = z.enum(PRIORITIES);
export const severitySchema = z.enum(SEVERITIES);
export const statusChangeSchema = z.enum(STATUS_CHANGES);
/** Any appeal status (a restored appeal's current one). */
export const appealStatusSchema = z.enum(APPEAL_STATUSES);

/** Appeal or incident id: printable, no spaces, ≤ 64 chars. */
export const entityIdSchema = z
  .string()
  .min(1)
  .max(MAX_ENTITY_ID_LENGTH)
  .regex(/^[\w.:/-]+$/, 'only letters, digits and . _ : / -');

/** Short free text, trimmed, 1–500 chars. */
export const shortTextSchema = z.string().trim().min(1).max(MAX_SHORT_TEXT_LENGTH);

/** ISO-8601 date-time with an explicit offset (or Z). */
export const instantSchema = z.iso.datetime({
  offset: true,
  error: 'must be ISO-8601 with an offset, e.g. 2026-11-27T10:15:00+05:00',
});

/** A point, WGS 84, with an optional address. */
export const locationSchema = z.object({
  /** Latitude in degrees, −90…90. */
  lat: z.number().min(-90).max(90),
  /** Longitude in degrees, −180…180. */
  lng: z.number().min(-180).max(180),
  /** Street address as the citizen gave it. */
  address: shortTextSchema.optional(),
  /** City district (аудан), free text. */
  district: shortTextSchema.optional(),
});
export type Location = z.infer<typeof locationSchema>;
