import { isStreamId, PROTOCOL_VERSION, quoteInput } from '@shared';
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
