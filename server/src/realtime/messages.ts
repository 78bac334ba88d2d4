import {
  analyticsFilterSchema,
  filterInScope,
  isStreamId,
  PROTOCOL_VERSION,
  quoteInput,
  type AnalyticsFilter,
  type RegionScope,
} from '@shared';
import { z } from 'zod';

const cursorSchema = z.string().max(45).refine(isStreamId, 'not a stream cursor');

const handshakeSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION, {
    error: (issue) =>
      `protocol ${quoteInput(issue.input)} is not supported by this server (it speaks ${PROTOCOL_VERSION}): reload the page`,
  }),
  cursor: cursorSchema.optional(),
});

const resumeSchema = z.object({ cursor: cursorSchema });

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parse<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    error: result.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; '),
  };
}

/** Validates the handshake `auth` a client sent (never trusted as is). */
export function parseHandshake(auth: unknown): Parsed<z.infer<typeof handshakeSchema>> {
  return parse(handshakeSchema, auth ?? {});
}

/** Validates a `sync:resume` request. */
export function parseResume(request: unknown): Parsed<z.infer<typeof resumeSchema>> {
  return parse(resumeSchema, request);
}

/** Validates an `analytics:watch` request: a filter (its region within the socket's scope) or null to stop. */
export function parseAnalyticsWatch(request: unknown, scope: RegionScope): Parsed<AnalyticsFilter | null> {
  if (request === null) return { ok: true, value: null };
  const parsed = parse(analyticsFilterSchema, request);
  if (parsed.ok && !filterInScope(parsed.value, scope)) {
    return { ok: false, error: `region: ${parsed.value.region ?? ''} is outside your regions` };
  }
  return parsed;
}
