/**
 * The write service: the one core every write goes through, whichever API it came in by
 * (the JSON API's createWriteRouter, Open311's POST /requests). It knows nothing of HTTP:
 * it takes a `WriteCall` and resolves to a `WriteOutcome`, which each router turns into its
 * own response format.
 *
 * Adding a write command (the pattern to follow):
 * 1. the body's zod schema in `shared/src/api/writes.ts` (the client form validates with it);
 * 2. a pure command `(ctx: CommandContext, id, body) => CommandResult` in a file under
 *    `server/src/writes/` (see commands.ts): look at `ctx.state`, refuse with `refuse(...)`
 *    (status, code, message, field) or plan one event with `planned(...)`;
 * 3. one line in createWriteRouter.ts: `router.post(path, ...route(action, schema, plan))`,
 *    where `action` is the shared policy's (`mayDo`) and the command checks the region;
 * 4. docs/api.md, and an integration test through the real server.
 * Nothing else: validation, Idempotency-Key, read-your-own-writes, the encoded-event check,
 * append, audit and the answer are this service's.
 */
import { createHash, randomUUID } from 'node:crypto';
import { stripInvisibleFields, type Actor, type WriteAccepted } from '@shared';
import type { z } from 'zod';
import type { AuditLog } from '../audit/createAuditLog';
import type { Claims } from '../auth/claims';
import { EVENTS_STREAM } from '../keys';
import type { History } from '../archive/history';
import { restoreFromArchive } from './restoreFromArchive';
import type { Logger } from '../logger';
import type { ProjectionStore } from '../projection/createProjectionStore';
import type { Locator } from '../regions/createLocator';
import type { KeyValueStore, StreamLog } from '../stream/eventLog';
import { readEntry } from '../stream/readEntry';
import { checkEncodedEvent } from './checkEncodedEvent';
import { idsOf, type CommandContext, type CommandResult } from './commands';
import {
  createIdempotency,
  earlierCreationOf,
  fingerprintOf,
  IDEMPOTENCY_KEY,
  keyIdOf,
  writeIdOf,
} from './idempotency';

export interface WriteServiceDeps {
  log: StreamLog & KeyValueStore;
  store: ProjectionStore;
  audit: AuditLog;
  locate: Locator;
  logger: Logger;
  now: () => number;
  /** The archive's read side: a write on an appeal only the archive holds restores it first. */
  history?: History | undefined;
}

/** How long a write waits for the projection to catch up with this node's earlier writes (answers stay under 2 s). */
const CATCH_UP_MS = 1500;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `A-7K3QZD9M` / `I-…`: derived from the event id, so a retried write names the same appeal. */
export function entityIdOf(kind: 'appeal' | 'incident', eventId: string): string {
  const digest = createHash('sha256').update(eventId).digest();
  let id = '';
  for (let i = 0; i < 8; i += 1) id += CROCKFORD[(digest[i] as number) % 32];
  return `${kind === 'appeal' ? 'A' : 'I'}-${id}`;
}

/** A command planning the event of one write from the validated body and the path's parameters. */
export type Plan<S extends z.ZodType> = (
  ctx: CommandContext,
  body: z.output<S>,
  params: Record<string, string>,
) => CommandResult | Promise<CommandResult>;

/** One write: who asks (from the session, never the body), and what. */
export interface WriteCall<S extends z.ZodType> {
  claims: Claims;
  /** For the log line and the audit record. */
  requestId: string;
  /** The Idempotency-Key header, null without one. */
  idempotencyKey: string | null;
  /** Method and path, for the request's fingerprint (a key reused for another request is refused). */
  method: string;
  path: string;
  schema: S;
  /** The body to validate (for /api the request body; Open311 maps its fields onto it first). */
  body: unknown;
  plan: Plan<S>;
  params?: Record<string, string>;
  /** Status and body of the answer (default `202` and the `WriteAccepted` itself). Stored for idempotent retries. */
  answer?: (accepted: WriteAccepted) => { status: number; body: unknown };
  /** Resolve only once this node's projection has applied the write (bounded by the catch-up wait). */
  isVisibleBeforeAnswer?: boolean;
  /** The API the write came in by, said in the event's `actor` (default the JSON API). */
  via?: 'api' | 'open311';
}

/** The event's `actor`: the caller's account from the session (a staff member, never a citizen). */
export function actorOf(call: Pick<WriteCall<z.ZodType>, 'claims' | 'via'>): Actor {
  const { user } = call.claims;
  return {
    kind: 'user',
    id: user.username,
    role: user.role,
    ...(user.displayName !== undefined ? { name: user.displayName } : {}),
    ...(call.via === 'open311' ? { via: 'open311' as const } : {}),
  };
}

/** What became of a write; the router that took the request turns it into its response. */
export type WriteOutcome =
  /** Appended (or, for a retry of a landed write, answered again: `isReplayed`). */
  | { ok: true; status: number; body: unknown; isReplayed: boolean }
  /** The body breaks the schema: each API names the field in its own format. */
  | { ok: false; kind: 'invalid'; error: z.ZodError }
  /** Refused for a reason the caller can act on (`retryAfterSeconds` for 409/503). */
  | {
      ok: false;
      kind: 'refused';
      status: number;
      code: string;
      message: string;
      field?: string;
      retryAfterSeconds?: number;
    };

export interface WriteService {
  /**
   * Validates → claims the Idempotency-Key → waits for this node's earlier writes → plans →
   * appends → audits → resolves to the outcome. Rejects only on a failure of the store
   * (LogUnavailableError), which the routers' error handler answers 503.
   */
  write<S extends z.ZodType>(call: WriteCall<S>): Promise<WriteOutcome>;
}

type Refused = Extract<WriteOutcome, { kind: 'refused' }>;
const refused = (
  status: number,
  code: string,
  message: string,
  field?: string,
  retryAfterSeconds?: number,
): Refused => ({
  ok: false,
  kind: 'refused',
  status,
  code,
  message,
  ...(field !== undefined ? { field } : {}),
  ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
});
const KEY_REUSED = (): Refused =>
  refused(422, 'idempotency_key_reused', 'this Idempotency-Key was used for a different request');

/**
 * One per node, so a write by one API waits for this node's earlier writes by the other (read
 * your own writes). Nothing is changed directly: the projection learns of the write from the
 * stream like any other.
 */
export function createWriteService(deps: WriteServiceDeps): WriteService {
  const { log, store, audit, logger, now } = deps;
  /** Newest stream id this node appended: later writes wait for the projection to reach it. */
  let lastWritten = '0-0';

  async function write<S extends z.ZodType>(call: WriteCall<S>): Promise<WriteOutcome> {
    // Invisible characters are taken out before anything else looks at the text; the answer says where.
    const stripped = stripInvisibleFields(call.body);
    const parsed = call.schema.safeParse(stripped.body, { reportInput: true });
    if (!parsed.success) return { ok: false, kind: 'invalid', error: parsed.error };
    const username = call.claims.user.username;
    const header = call.idempotencyKey;
    if (header !== null && !IDEMPOTENCY_KEY.test(header)) {
      return refused(400, 'bad_idempotency_key', 'Idempotency-Key must be 1–128 printable ASCII characters');
    }
    const idempotency = createIdempotency(log, username);
    const fingerprint = fingerprintOf(call.method, call.path, parsed.data);
    if (header !== null) {
      const claim = await idempotency.claim(header, fingerprint);
      if (claim.kind === 'replay') return { ok: true, status: claim.status, body: claim.body, isReplayed: true };
      if (claim.kind === 'in_progress') {
        return refused(
          409,
          'in_progress',
          'a request with this Idempotency-Key is still being processed',
          undefined,
          1,
        );
      }
      if (claim.kind === 'mismatch') return KEY_REUSED();
    }
    const answerOf = (accepted: WriteAccepted) => call.answer?.(accepted) ?? { status: 202, body: accepted };
    try {
      // Read your own writes: a status change right after a register must see the appeal.
      if (!(await store.waitFor(lastWritten, CATCH_UP_MS))) {
        if (header !== null) await idempotency.release(header);
        return refused(
          503,
          'catching_up',
          'the server is catching up with the stream; retry in a moment',
          undefined,
          1,
        );
      }
      // An appeal finished and dropped from memory long ago comes back from the archive first.
      const targetId = call.params?.appealId;
      if (deps.history && targetId !== undefined && !store.state.appeals.has(targetId)) {
        await restoreFromArchive({ log, store, history: deps.history, now }, targetId, call.claims.user.regions);
      }
      const eventId = writeIdOf(username, header, randomUUID, fingerprint);
      // A retry of a write that landed but whose answer was lost (Redis went down between the
      // append and storing the answer, or the claim expired): answer it, never append it twice.
      const replay = async (key: string, landedAt: string): Promise<WriteOutcome> => {
        const { status, body } = answerOf(await acceptedFromStream(eventId, landedAt));
        await idempotency.complete(key, fingerprint, status, body);
        return { ok: true, status, body, isReplayed: true };
      };
      const landedAt = header !== null ? store.state.seen.get(eventId) : undefined;
      if (header !== null && landedAt !== undefined) return await replay(header, landedAt);
      const ctx: CommandContext = {
        state: store.state,
        regions: call.claims.user.regions,
        eventId,
        at: new Date(now()).toISOString(),
        locate: deps.locate,
        // From the key alone: a reuse of the key for another body names the same appeal (below).
        newId: (kind) => entityIdOf(kind, header !== null ? keyIdOf(username, header) : eventId),
      };
      const result = await call.plan(ctx, parsed.data, call.params ?? {});
      if (!result.ok) {
        if (header !== null) await idempotency.release(header);
        const { status, code, message, field } = result.error;
        return refused(status, code, message, field);
      }
      const write = { ...result.write, event: { ...result.write.event, actor: actorOf(call) } };
      const earlier = header !== null ? earlierCreationOf(store.state, write.event) : null;
      if (header !== null && earlier !== null) {
        // The key created this appeal before and its record expired: the same request is
        // answered again, another one must not get the first one's appeal.
        const entry = await readEntry(log, earlier);
        if ((JSON.parse(entry?.fields.event ?? '{}') as { id?: unknown }).id === eventId) {
          return await replay(header, earlier);
        }
        await idempotency.release(header);
        return KEY_REUSED();
      }
      const encoded = JSON.stringify(write.event);
      const badEncoding = checkEncodedEvent(write.event, encoded, deps.locate.regionOf);
      if (badEncoding) {
        if (header !== null) await idempotency.release(header);
        return refused(badEncoding.status, badEncoding.code, badEncoding.message, badEncoding.field);
      }
      const cursor = await log.append(EVENTS_STREAM, { event: encoded });
      lastWritten = cursor;
      await audit.recordFor(
        { claims: call.claims, requestId: call.requestId },
        write.audit.action,
        write.audit.target,
        write.audit.changed,
      );
      const accepted: WriteAccepted = {
        eventId,
        cursor,
        ...(write.appealId !== undefined ? { appealId: write.appealId } : {}),
        ...(write.incidentId !== undefined ? { incidentId: write.incidentId } : {}),
        ...(stripped.fields.length > 0
          ? { notices: stripped.fields.map((field) => ({ field, code: 'invisible_removed' as const })) }
          : {}),
      };
      const { status, body } = answerOf(accepted);
      if (header !== null) await idempotency.complete(header, fingerprint, status, body);
      logger.info({ requestId: call.requestId, eventId, cursor, type: write.event.type }, 'write accepted');
      // Written either way: past the wait the client gets its answer, the write shows up shortly.
      if (call.isVisibleBeforeAnswer) await store.waitFor(cursor, CATCH_UP_MS);
      return { ok: true, status, body, isReplayed: false };
    } catch (error) {
      if (header !== null) await idempotency.release(header).catch(() => undefined);
      throw error;
    }
  }

  /** The answer of an already-applied write, rebuilt from its event in the stream. */
  async function acceptedFromStream(eventId: string, cursor: string): Promise<WriteAccepted> {
    const entry = await readEntry(log, cursor);
    const event = JSON.parse(entry?.fields.event ?? '{}') as { data?: { appealId?: unknown; incidentId?: unknown } };
    const ids = idsOf(event.data ?? {});
    return {
      eventId,
      cursor,
      ...(ids.appealId !== undefined ? { appealId: ids.appealId } : {}),
      ...(ids.incidentId !== undefined ? { incidentId: ids.incidentId } : {}),
    };
  }

  return { write };
}
