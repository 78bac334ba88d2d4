import { entityIdSchema, getCategory, isCategoryCode, registerAppealBodySchema, type Appeal } from '@shared';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { History } from '../../archive/history';
import type { AuditLog } from '../../audit/createAuditLog';
import { isAllowed } from '../../auth/claims';
import type { ProjectionStore } from '../../projection/createProjectionStore';
import type { StreamLog } from '../../stream/eventLog';
import * as commands from '../../writes/commands';
import { claimsOf, requireAction } from '../auth/middleware';
import { sendWriteOutcome, writeCallerOf } from '../createWriteRouter';
import type { WriteService } from '../../writes/createWriteService';
import { sendOpen311Error } from './errors';
import { describeOpen311Issues, toRegisterBody } from './postRequest';
import { parseRequestsQuery, presentRequest, queryText, type Open311Request, type Parsed } from './requests';
import { notesOf, requestsByIds, searchRequests, type Open311Found } from './archivedRequests';
import { archivedStatusNote, createStatusNotes } from './statusNotes';
import { DEFAULT_OPEN311_LANG, OPEN311_LANGS, presentServices, type Open311Lang } from './services';

export interface Open311Deps {
  log: StreamLog;
  store: ProjectionStore;
  /** The archive's read side: a request by id falls back to it (reads audited in `audit`). */
  history?: { history: History; audit: AuditLog } | undefined;
  /** The write core shared with the JSON write API. */
  writer: WriteService;
  now: () => number;
  /** `CONFIRMATION_WINDOW_DAYS` in ms, for `citizen_confirmation` (default 14 days). */
  confirmationWindowMs?: number;
}

/** What a POST answers (GeoReport v2), plus `token`: our event id, known at once since the write is the event. */
interface Open311Created {
  service_request_id: string;
  service_notice: string;
  account_id: null;
  token: string;
}

function langOf(req: Request): Parsed<Open311Lang> {
  const text = queryText(req.query as Record<string, unknown>, 'lang');
  if (!text.ok) return text;
  if (text.value === undefined || text.value === '') return { ok: true, value: DEFAULT_OPEN311_LANG };
  const lang = OPEN311_LANGS.find((code) => code === text.value);
  return lang ? { ok: true, value: lang } : { ok: false, description: 'lang must be ru, kk or en' };
}

/** `.json` only: the GeoReport v2 XML format is not offered. */
function isJson(format: string | undefined, res: Response): boolean {
  if (format === 'json') return true;
  sendOpen311Error(res, 400, 'only JSON is supported: use the .json form of this URL');
  return false;
}

/** The list form's filters, named in the audit record of a search that reached the archive. */
const SEARCH_KEYS = ['service_code', 'status', 'start_date', 'end_date'] as const;

const param = (req: Request, index: number): string | undefined => (req.params as Record<string, string>)[index];

/**
 * Open311 GeoReport v2 (docs/api.md "Open311 GeoReport v2"), mounted at /open311: services
 * are our categories, requests our appeals. Reads need a session like the rest of the API,
 * a POST needs the `register` action and goes through the same write core as
 * `POST /api/appeals`. Every error is `[{ code, description }]` (see `open311ErrorBodies`).
 */
export function createOpen311Router(deps: Open311Deps): Router {
  const { store, writer, now } = deps;
  const statusNotes = createStatusNotes(deps.log);
  const v2 = Router();
  // The spec's form-encoded POST; JSON is parsed app-wide. Both capped at 64 KB.
  v2.use(express.urlencoded({ extended: false, limit: '64kb' }));

  const read = requireAction('read');
  const handle =
    (fn: (req: Request, res: Response) => Promise<void> | void): RequestHandler =>
    (req, res, next) => {
      Promise.resolve(fn(req, res)).catch(next);
    };

  async function answerRequests(
    res: Response,
    appeals: Appeal[],
    lang: Open311Lang,
    known?: Map<string, string>,
  ): Promise<void> {
    const notes = known ?? (await statusNotes.notesOf(appeals));
    const clock = {
      now: now(),
      ...(deps.confirmationWindowMs !== undefined ? { confirmationWindowMs: deps.confirmationWindowMs } : {}),
    };
    const body: Open311Request[] = appeals.map((appeal) =>
      presentRequest(appeal, notes.get(appeal.id) ?? '', lang, clock),
    );
    res.set('Cache-Control', 'no-store');
    res.json(body);
  }

  v2.get(
    /^\/services(?:\.([^/.]+))?$/,
    read,
    handle((req, res) => {
      if (!isJson(param(req, 0), res)) return;
      const lang = langOf(req);
      if (!lang.ok) return sendOpen311Error(res, 400, lang.description);
      res.set('Cache-Control', 'private, max-age=300');
      res.json(presentServices(lang.value));
    }),
  );

  // Every service has `metadata: false`: its definition has no attributes.
  v2.get(
    /^\/services\/([^/]+?)(?:\.([^/.]+))?$/,
    read,
    handle((req, res) => {
      if (!isJson(param(req, 1), res)) return;
      const code = param(req, 0) ?? '';
      if (!isCategoryCode(code)) return sendOpen311Error(res, 404, `no service ${code}: GET services.json lists them`);
      res.set('Cache-Control', 'private, max-age=300');
      res.json({ service_code: getCategory(code).code, attributes: [] });
    }),
  );

  v2.get(
    /^\/requests(?:\.([^/.]+))?$/,
    read,
    handle(async (req, res) => {
      if (!isJson(param(req, 0), res)) return;
      const lang = langOf(req);
      if (!lang.ok) return sendOpen311Error(res, 400, lang.description);
      const query = parseRequestsQuery(req.query as Record<string, unknown>, now());
      if (!query.ok) return sendOpen311Error(res, 400, query.description);
      const claims = claimsOf(res.locals);
      const archive = deps.history;
      let found: Open311Found;
      let notes: Map<string, string>;
      try {
        found =
          query.value.kind === 'ids'
            ? await requestsByIds(query.value.ids, store, archive?.history)
            : await searchRequests(query.value, store, archive?.history, { now: now(), regions: claims.user.regions });
        // Outside the caller's regions reads the same as unknown: left out.
        found.appeals = found.appeals.filter((appeal) => isAllowed(claims, 'read', appeal.region));
        notes = await notesOf(found, statusNotes, archive?.history);
      } catch {
        res.set('Retry-After', '5');
        return sendOpen311Error(res, 503, 'the archive cannot be read just now; retry');
      }
      const shown = found.appeals.filter((appeal) => found.fromArchive.has(appeal.id));
      if (archive && shown.length > 0) {
        // Reading history is audited as the JSON API's is: each appeal read, or the search (filter names).
        await (query.value.kind === 'ids'
          ? Promise.all(shown.map((a) => archive.audit.recordFor(res.locals, 'history.read', `appeal:${a.id}`)))
          : archive.audit.recordFor(
              res.locals,
              'history.search',
              'archive:open311.requests',
              SEARCH_KEYS.filter((key) => req.query[key] !== undefined),
            ));
      }
      await answerRequests(res, found.appeals, lang.value, notes);
    }),
  );

  v2.get(
    /^\/requests\/([^/]+?)(?:\.([^/.]+))?$/,
    read,
    handle(async (req, res) => {
      if (!isJson(param(req, 1), res)) return;
      const lang = langOf(req);
      if (!lang.ok) return sendOpen311Error(res, 400, lang.description);
      const id = entityIdSchema.safeParse(param(req, 0));
      const appeal = id.success ? store.state.appeals.get(id.data) : undefined;
      const claims = claimsOf(res.locals);
      if (!appeal && id.success && deps.history) {
        // Finished and dropped from memory long ago: the archive answers, in the same shape.
        const { history, audit } = deps.history;
        const found = await history.getAppealWithTimeline(id.data).catch(() => undefined);
        if (found === undefined) return sendOpen311Error(res, 503, 'the archive cannot be read just now; retry');
        const archived = found?.record;
        if (found && archived && isAllowed(claims, 'read', archived.appeal.region)) {
          const note = archivedStatusNote(archived.appeal, found.timeline);
          await audit.recordFor(res.locals, 'history.read', `appeal:${archived.appeal.id}`);
          res.set('Cache-Control', 'no-store');
          res.json([
            presentRequest(archived.appeal, note, lang.value, {
              now: now(),
              ...(deps.confirmationWindowMs !== undefined ? { confirmationWindowMs: deps.confirmationWindowMs } : {}),
            }),
          ]);
          return;
        }
      }
      // Outside the caller's regions reads the same as unknown: no existence leak.
      if (!appeal || !isAllowed(claims, 'read', appeal.region)) {
        return sendOpen311Error(res, 404, `no service request ${param(req, 0) ?? ''}`);
      }
      await answerRequests(res, [appeal], lang.value);
    }),
  );

  v2.post(
    /^\/requests(?:\.([^/.]+))?$/,
    requireAction('register'),
    handle(async (req, res) => {
      if (!isJson(param(req, 0), res)) return;
      if (!req.is(['application/json', 'application/x-www-form-urlencoded'])) {
        return sendOpen311Error(res, 415, 'send the fields as application/x-www-form-urlencoded or application/json');
      }
      const body = toRegisterBody(req.body);
      if (!body.ok) return sendOpen311Error(res, 400, body.description);
      const outcome = await writer.write({
        ...writeCallerOf(req, res),
        schema: registerAppealBodySchema,
        body: body.value,
        plan: (ctx, parsed) => commands.registerAppeal(ctx, parsed),
        // An Open311 client has no cursor to wait for: a GET right after the 201 must find the request.
        isVisibleBeforeAnswer: true,
        via: 'open311',
        answer: (accepted) => {
          const created: Open311Created = {
            service_request_id: accepted.appealId ?? '',
            service_notice: '',
            account_id: null,
            token: accepted.eventId,
          };
          return { status: 201, body: [created] };
        },
      });
      sendWriteOutcome(res, outcome, {
        onInvalid: (response, error) => sendOpen311Error(response, 400, describeOpen311Issues(error)),
        onRefused: (response, refused) => sendOpen311Error(response, refused.status, refused.message),
      });
    }),
  );

  const router = Router();
  router.use('/v2', v2);
  router.use((req, res) => {
    sendOpen311Error(res, 404, `no such endpoint: ${req.method} ${req.baseUrl}${req.path}`);
  });
  return router;
}
