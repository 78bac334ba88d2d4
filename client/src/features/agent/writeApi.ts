import { isStreamId, type ApiError, type WriteAccepted } from '@shared';
import { z } from 'zod';
import type { Fetcher } from '../../api/requestJson';
import { parseRetryAfter } from '../login/loginErrors';

/**
 * What one attempt at a write (POST with an Idempotency-Key) came to:
 * - accepted: 202, the event is in the stream; wait for the live cursor to reach `cursor`;
 * - retry: no answer, 5xx, 408 or 429: send the same request again, with the same key
 *   (the server answers a repeat with the first answer and never writes twice);
 *   `retryAfterMs` from Retry-After when the server gave one;
 * - refused: any other 4xx: the request itself is wrong and resending will not help;
 * - signed-out: 401, the session is gone.
 */
export type WriteOutcome =
  | { kind: 'accepted'; data: WriteAccepted }
  | { kind: 'retry'; status: number; retryAfterMs: number | null }
  | { kind: 'refused'; status: number; error: ApiError | null }
  | { kind: 'signed-out' };

const acceptedSchema = z.object({
  eventId: z.string().min(1),
  cursor: z.string().refine(isStreamId),
  appealId: z.string().min(1).optional(),
  incidentId: z.string().min(1).optional(),
  notices: z.array(z.object({ field: z.string(), code: z.literal('invisible_removed') })).optional(),
});

const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});

/** The `{ code, message, field? }` of an error answer; older `{ error }` bodies give a code-less one. */
export function readApiError(body: unknown): ApiError | null {
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const { field, ...rest } = parsed.data;
    return field === undefined ? rest : { ...rest, field };
  }
  if (body !== null && typeof body === 'object' && 'error' in body && typeof body.error === 'string') {
    return { code: 'error', message: body.error };
  }
  return null;
}

/** Statuses worth sending again unchanged. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/**
 * One attempt at a JSON write to our own origin, with its idempotency key. Like
 * `requestJson` (same-origin cookie, `application/json`, no cache) but it sends the key and
 * reads the write API's error shape. Never throws. `now` reads Retry-After dates.
 */
export async function postWrite(
  path: string,
  body: unknown,
  idempotencyKey: string,
  fetcher: Fetcher = (input, init) => fetch(input, init),
  now: () => number = Date.now,
): Promise<WriteOutcome> {
  let response: Response;
  try {
    response = await fetcher(path, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey,
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { kind: 'retry', status: 0, retryAfterMs: null };
  }
  const payload = await readJson(response);
  if (response.ok) {
    const accepted = acceptedSchema.safeParse(payload);
    if (accepted.success) return { kind: 'accepted', data: accepted.data };
    // A 2xx we cannot read (a proxy's page?): resending gets the same answer, so stop here.
    return { kind: 'refused', status: response.status, error: null };
  }
  if (response.status === 401) return { kind: 'signed-out' };
  if (isRetryableStatus(response.status)) {
    return {
      kind: 'retry',
      status: response.status,
      retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), now()),
    };
  }
  return { kind: 'refused', status: response.status, error: readApiError(payload) };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/** What `newIdempotencyKey` needs of `crypto` (injectable for tests). */
export interface RandomSource {
  randomUUID?: () => string;
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
}

/**
 * A fresh idempotency key (UUID v4). `crypto.randomUUID` exists only in secure contexts
 * (https, localhost); a desk reaching the server over plain http on the LAN still has
 * `crypto.getRandomValues`, so the key is built from that there.
 */
export function newIdempotencyKey(source: RandomSource = crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
