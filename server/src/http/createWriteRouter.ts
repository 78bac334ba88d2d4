import { createHash, randomUUID } from 'node:crypto';
import {
  assignAppealBodySchema,
  changeStatusBodySchema,
  escalateAppealBodySchema,
  linkAppealsBodySchema,
  openIncidentBodySchema,
  registerAppealBodySchema,
  resolveIncidentBodySchema,
  stripInvisibleFields,
  updateIncidentBodySchema,
  type WriteAccepted,
} from '@shared';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { AuditLog } from '../audit/createAuditLog';
import type { Action } from '../auth/claims';
import type { Logger } from '../logger';
import type { ProjectionStore } from '../projection/createProjectionStore';
import type { Locator } from '../regions/createLocator';
import type { KeyValueStore, StreamLog } from '../stream/eventLog';
import { EVENTS_STREAM } from '../keys';
import { readEntry } from '../stream/readEntry';
import * as commands from '../writes/commands';
import { idsOf, type CommandContext, type CommandResult } from '../writes/commands';
import { checkEncodedEvent } from '../writes/checkEncodedEvent';
import {
  createIdempotency,
  earlierCreationOf,
  fingerprintOf,
  IDEMPOTENCY_KEY,
  keyIdOf,
  writeIdOf,
} from '../writes/idempotency';
import { claimsOf, requireAction } from './auth/middleware';
import { sendError, sendInvalid } from './sendError';

export interface WriteDeps {
  log: StreamLog & KeyValueStore;
  store: ProjectionStore;
  audit: AuditLog;
  locate: Locator;
  logger: Logger;
  now: () => number;
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

type Plan<S extends z.ZodType> = (
  ctx: CommandContext,
  body: z.output<S>,
  params: Record<string, string>,
) => CommandResult;

/** One write through the shared core: a candidate body, the schema and the command that plans its event. */
export interface WriteRequest<S extends z.ZodType> {
  schema: S;
  /** The body to validate (for /api the request body; Open311 maps its fields onto it first). */
  body: unknown;
  plan: Plan<S>;
  params?: Record<string, string>;
  /** Status and body of the answer (default `202` and the `WriteAccepted` itself). Stored for idempotent retries. */
  answer?: (accepted: WriteAccepted) => { status: number; body: unknown };
  /** Answers a body that breaks the schema (default `sendInvalid`: 422 naming the field). */
  onInvalid?: (res: Response, error: z.ZodError) => void;
  /** Answer only once this node's projection has applied the write (bounded by the catch-up wait). */
  isVisibleBeforeAnswer?: boolean;
}

/** The core every write goes through, whichever API it came in by. */
export interface Writer {
  /**
   * Validates → claims the Idempotency-Key → waits for this node's earlier writes → plans →
   * appends → audits → answers. Errors are answered with `sendError`; the caller has
   * already checked the session and the content type.
   */
  write<S extends z.ZodType>(req: Request, res: Response, request: WriteRequest<S>): Promise<void>;
}

/**
 * The write core shared by the JSON write API and Open311 (one per node, so a write by one
 * API waits for this node's earlier writes by the other: read your own writes). Nothing is
 * changed directly: the projection learns of the write from the stream like any other.
 */
export function createWriter(deps: WriteDeps): Writer {
  const { log, store, audit, logger, now } = deps;
  /** Newest stream id this node appended: later writes wait for the projection to reach it. */
  let lastWritten = '0-0';

  async function write<S extends z.ZodType>(req: Request, res: Response, request: WriteRequest<S>): Promise<void> {
    // Invisible characters are taken out before anything else looks at the text; the answer says where.
    const stripped = stripInvisibleFields(request.body);
    const parsed = request.schema.safeParse(stripped.body, { reportInput: true });
    if (!parsed.success) {
      (request.onInvalid ?? sendInvalid)(res, parsed.error);
      return;
    }
    const claims = claimsOf(res.locals);
    const username = claims.user.username;
    const header = req.get('Idempotency-Key') ?? null;
    if (header !== null && !IDEMPOTENCY_KEY.test(header)) {
      sendError(res, 400, 'bad_idempotency_key', 'Idempotency-Key must be 1–128 printable ASCII characters');
      return;
    }
    const idempotency = createIdempotency(log, username);
    const fingerprint = fingerprintOf(req.method, req.baseUrl + req.path, parsed.data);
    if (header !== null) {
      const claim = await idempotency.claim(header, fingerprint);
      if (claim.kind === 'replay') {
        res.set('Idempotent-Replayed', 'true').status(claim.status).json(claim.body);
        return;
      }
      if (claim.kind === 'in_progress') {
        res.set('Retry-After', '1');
        sendError(res, 409, 'in_progress', 'a request with this Idempotency-Key is still being processed');
        return;
      }
      if (claim.kind === 'mismatch') {
        sendError(res, 422, 'idempotency_key_reused', 'this Idempotency-Key was used for a different request');
        return;
      }
    }
    try {
      // Read your own writes: a status change right after a register must see the appeal.
      if (!(await store.waitFor(lastWritten, CATCH_UP_MS))) {
        res.set('Retry-After', '1');
        sendError(res, 503, 'catching_up', 'the server is catching up with the stream; retry in a moment');
        if (header !== null) await idempotency.release(header);
        return;
      }
      const eventId = writeIdOf(username, header, randomUUID, fingerprint);
      // A retry of a write that landed but whose answer was lost (Redis went down between the
      // append and storing the answer, or the claim expired): answer it, never append it twice.
      const replay = async (key: string, landedAt: string): Promise<void> => {
        const accepted = await acceptedFromStream(eventId, landedAt);
        const { status, body } = request.answer?.(accepted) ?? { status: 202, body: accepted };
        await idempotency.complete(key, fingerprint, status, body);
        res.set('Idempotent-Replayed', 'true').status(status).json(body);
      };
      const landedAt = header !== null ? store.state.seen.get(eventId) : undefined;
      if (header !== null && landedAt !== undefined) return await replay(header, landedAt);
      const ctx: CommandContext = {
        state: store.state,
        regions: claims.user.regions,
        eventId,
        at: new Date(now()).toISOString(),
        locate: deps.locate,
        // From the key alone: a reuse of the key for another body names the same appeal (below).
        newId: (kind) => entityIdOf(kind, header !== null ? keyIdOf(username, header) : eventId),
      };
      const result = request.plan(ctx, parsed.data, request.params ?? {});
      if (!result.ok) {
        if (header !== null) await idempotency.release(header);
        const { status, code, message, field } = result.error;
        sendError(res, status, code, message, field);
        return;
      }
      const { write } = result;
      const earlier = header !== null ? earlierCreationOf(store.state, write.event) : null;
      if (header !== null && earlier !== null) {
        // The key created this appeal before and its record expired: the same request is
        // answered again, another one must not get the first one's appeal.
        const entry = await readEntry(log, earlier);
        if ((JSON.parse(entry?.fields.event ?? '{}') as { id?: unknown }).id === eventId) {
          return await replay(header, earlier);
        }
        await idempotency.release(header);
        sendError(res, 422, 'idempotency_key_reused', 'this Idempotency-Key was used for a different request');
        return;
      }
      const encoded = JSON.stringify(write.event);
      const refused = checkEncodedEvent(write.event, encoded, deps.locate.regionOf);
      if (refused) {
        if (header !== null) await idempotency.release(header);
        sendError(res, refused.status, refused.code, refused.message, refused.field);
        return;
      }
      const cursor = await log.append(EVENTS_STREAM, { event: encoded });
      lastWritten = cursor;
      await audit.recordFor(res.locals, write.audit.action, write.audit.target, write.audit.changed);
      const accepted: WriteAccepted = {
        eventId,
        cursor,
        ...(write.appealId !== undefined ? { appealId: write.appealId } : {}),
        ...(write.incidentId !== undefined ? { incidentId: write.incidentId } : {}),
        ...(stripped.fields.length > 0
          ? { notices: stripped.fields.map((field) => ({ field, code: 'invisible_removed' as const })) }
          : {}),
      };
      const { status, body } = request.answer?.(accepted) ?? { status: 202, body: accepted };
      if (header !== null) await idempotency.complete(header, fingerprint, status, body);
      logger.info({ requestId: res.locals.requestId, eventId, cursor, type: write.event.type }, 'write accepted');
      // Written either way: past the wait the client gets its answer, the write shows up shortly.
      if (request.isVisibleBeforeAnswer) await store.waitFor(cursor, CATCH_UP_MS);
      res.status(status).json(body);
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

/**
 * The write API (docs/api.md "Writes"): each request is validated with the shared schema,
 * checked against the projection by a pure command, appended to the stream as one event,
 * audited, and answered 202 with the event id and the cursor to wait for.
 */
export function createWriteRouter(writer: Writer): Router {
  const router = Router();

  function route<S extends z.ZodType>(action: Action, schema: S, plan: Plan<S>): RequestHandler[] {
    return [requireAction(action), (req, res, next) => void handle(req, res, schema, plan).catch(next)];
  }

  async function handle<S extends z.ZodType>(req: Request, res: Response, schema: S, plan: Plan<S>): Promise<void> {
    if (!req.is('application/json')) {
      sendError(res, 415, 'unsupported_media_type', 'send the body as application/json');
      return;
    }
    await writer.write(req, res, { schema, body: req.body, plan, params: req.params as Record<string, string> });
  }

  const id = (params: Record<string, string>, name: string) => params[name] ?? '';

  router.post(
    '/appeals',
    ...route('register', registerAppealBodySchema, (ctx, body) => commands.registerAppeal(ctx, body)),
  );
  router.post(
    '/appeals/:appealId/assign',
    ...route('manage', assignAppealBodySchema, (ctx, body, p) => commands.assignAppeal(ctx, id(p, 'appealId'), body)),
  );
  router.post(
    '/appeals/:appealId/status',
    ...route('register', changeStatusBodySchema, (ctx, body, p) => commands.changeStatus(ctx, id(p, 'appealId'), body)),
  );
  router.post(
    '/appeals/:appealId/escalate',
    ...route('manage', escalateAppealBodySchema, (ctx, body, p) =>
      commands.escalateAppeal(ctx, id(p, 'appealId'), body),
    ),
  );
  router.post(
    '/incidents',
    ...route('manage', openIncidentBodySchema, (ctx, body) => commands.openIncident(ctx, body)),
  );
  router.post(
    '/incidents/:incidentId/update',
    ...route('manage', updateIncidentBodySchema, (ctx, body, p) =>
      commands.updateIncident(ctx, id(p, 'incidentId'), body),
    ),
  );
  router.post(
    '/incidents/:incidentId/resolve',
    ...route('manage', resolveIncidentBodySchema, (ctx, body, p) =>
      commands.resolveIncident(ctx, id(p, 'incidentId'), body),
    ),
  );
  router.post(
    '/incidents/:incidentId/link',
    ...route('manage', linkAppealsBodySchema, (ctx, body, p) => commands.linkAppeals(ctx, id(p, 'incidentId'), body)),
  );
  return router;
}
