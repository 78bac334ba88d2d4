import {
  appealFeedbackBodySchema,
  assignAppealBodySchema,
  calendarYearSchema,
  extendAppealBodySchema,
  changeStatusBodySchema,
  escalateAppealBodySchema,
  linkAppealsBodySchema,
  openIncidentBodySchema,
  registerAppealBodySchema,
  resolveIncidentBodySchema,
  updateIncidentBodySchema,
} from '@shared';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { Action } from '../auth/claims';
import * as commands from '../writes/commands';
import * as lawCommands from '../writes/lawCommands';
import type { ServiceDirectory } from '../services/serviceDirectory';
import type { Plan, WriteCall, WriteOutcome, WriteService } from '../writes/createWriteService';
import { claimsOf, requireAction } from './auth/middleware';
import { sendError, sendInvalid } from './sendError';

/** The part of a `WriteCall` that comes from the HTTP request (session, request id, Idempotency-Key, fingerprint). */
export function writeCallerOf(
  req: Request,
  res: Response,
): Pick<WriteCall<z.ZodType>, 'claims' | 'requestId' | 'idempotencyKey' | 'method' | 'path'> {
  return {
    claims: claimsOf(res.locals),
    requestId: res.locals.requestId,
    idempotencyKey: req.get('Idempotency-Key') ?? null,
    method: req.method,
    path: req.baseUrl + req.path,
  };
}

/**
 * A write's outcome as a response: `onInvalid` and `onRefused` give an API its own error
 * format (default: the JSON API's `{ code, message, field }`, a 422 naming the field).
 */
export function sendWriteOutcome(
  res: Response,
  outcome: WriteOutcome,
  format: {
    onInvalid?: (res: Response, error: z.ZodError) => void;
    onRefused?: (res: Response, refused: Extract<WriteOutcome, { kind: 'refused' }>) => void;
  } = {},
): void {
  if (outcome.ok) {
    if (outcome.isReplayed) res.set('Idempotent-Replayed', 'true');
    res.status(outcome.status).json(outcome.body);
    return;
  }
  if (outcome.kind === 'invalid') {
    (format.onInvalid ?? sendInvalid)(res, outcome.error);
    return;
  }
  if (outcome.retryAfterSeconds !== undefined) res.set('Retry-After', String(outcome.retryAfterSeconds));
  if (format.onRefused) format.onRefused(res, outcome);
  else sendError(res, outcome.status, outcome.code, outcome.message, outcome.field);
}

/**
 * The write API (docs/api.md "Writes"): each request is validated with the shared schema,
 * checked against the projection by a pure command, appended to the stream as one event,
 * audited, and answered 202 with the event id and the cursor to wait for.
 */
export function createWriteRouter(writer: WriteService, services?: Pick<ServiceDirectory, 'snapshot'>): Router {
  const router = Router();

  function route<S extends z.ZodType>(action: Action, schema: S, plan: Plan<S>): RequestHandler[] {
    return [requireAction(action), (req, res, next) => void handle(req, res, schema, plan).catch(next)];
  }

  async function handle<S extends z.ZodType>(req: Request, res: Response, schema: S, plan: Plan<S>): Promise<void> {
    if (!req.is('application/json')) {
      sendError(res, 415, 'unsupported_media_type', 'send the body as application/json');
      return;
    }
    const outcome = await writer.write({
      ...writeCallerOf(req, res),
      schema,
      body: req.body,
      plan,
      params: req.params as Record<string, string>,
    });
    sendWriteOutcome(res, outcome);
  }

  const id = (params: Record<string, string>, name: string) => params[name] ?? '';

  router.post(
    '/appeals',
    ...route('register', registerAppealBodySchema, (ctx, body) => commands.registerAppeal(ctx, body)),
  );
  router.post(
    '/appeals/:appealId/assign',
    ...route('manage', assignAppealBodySchema, async (ctx, body, p) =>
      commands.assignAppeal(ctx, id(p, 'appealId'), body, services ? await services.snapshot() : null),
    ),
  );
  router.post(
    '/appeals/:appealId/status',
    ...route('register', changeStatusBodySchema, (ctx, body, p) =>
      lawCommands.changeStatusWithOutcome(ctx, id(p, 'appealId'), body),
    ),
  );
  router.post(
    '/appeals/:appealId/extend',
    ...route('extend', extendAppealBodySchema, (ctx, body, p) =>
      lawCommands.extendAppeal(ctx, id(p, 'appealId'), body),
    ),
  );
  router.post(
    '/appeals/:appealId/feedback',
    ...route('callback', appealFeedbackBodySchema, (ctx, body, p) =>
      lawCommands.recordFeedback(ctx, id(p, 'appealId'), body),
    ),
  );
  router.post(
    '/appeals/:appealId/escalate',
    ...route('manage', escalateAppealBodySchema, (ctx, body, p) =>
      commands.escalateAppeal(ctx, id(p, 'appealId'), body),
    ),
  );
  // National: mounted under /api, after the admin router (which leaves paths it has no route for).
  router.post(
    '/admin/calendar',
    ...route('administer', calendarYearSchema, (ctx, body) => lawCommands.addCalendarYear(ctx, body)),
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
