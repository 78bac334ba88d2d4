import { entityIdSchema, type Incident } from '@shared';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { History } from '../archive/history';
import type { AuditLog } from '../audit/createAuditLog';
import { isAllowed } from '../auth/claims';
import type { UserStore } from '../auth/userStore';
import type { Logger } from '../logger';
import type { ProjectionStore } from '../projection/createProjectionStore';
import { ANONYMOUS_VIEWER, presentAppeal, presentEvent, presentIncident } from '../presenters/present';
import type { EventLog } from '../stream/eventLog';
import { createAppealLookup, type FoundAppeal } from './appealLookup';
import { withWhoActed, type ArchiveTimelineReads } from './auditActors';
import { linkedAppeals } from './incidentDetails';
import { incidentTimelineWithArchive } from './incidentArchiveTimeline';
import { claimsOf, requireAction } from './auth/middleware';
import { sendError } from './sendError';
import { sendNoStoreJson } from './sendNoStoreJson';

export interface AppealReadDeps {
  log: EventLog;
  store: ProjectionStore;
  audit: AuditLog;
  /** The archive's read side; without it only what the projection holds is found. */
  history?: History | undefined;
  /** The archive's audit trail and incident events: who acted on older events, archived incidents' timelines. */
  archiveReads?: ArchiveTimelineReads | undefined;
  /** Staff display names for the timelines' "who" (else the username is shown). */
  users?: Pick<UserStore, 'get'> | undefined;
  logger?: Logger;
}

const handle =
  (fn: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };

/** The archive could not answer: say so instead of a 404 that would claim the appeal does not exist. */
function sendArchiveDown(res: Response, error: unknown, logger: Logger | undefined): void {
  logger?.warn({ err: (error as Error).message }, 'archive read failed');
  res.set('Retry-After', '5');
  sendError(res, 503, 'archive_unavailable', 'the archive cannot be read just now; retry in a moment');
}

/**
 * One appeal (with its timeline) and one incident, for any ever registered: from the
 * projection when it holds them, else from the archive; presented (masked) and scoped alike
 * (404 outside the caller's regions: no existence leak). A read that reaches the archive is
 * audited (`history.read`), as reveals are.
 */
export function createAppealReadRouter(deps: AppealReadDeps): Router {
  const { store, audit, history, logger } = deps;
  const lookup = createAppealLookup(deps);
  const { archiveReads, users } = deps;
  const whoActed = {
    audit,
    archive: archiveReads,
    displayName: users ? async (username: string) => (await users.get(username))?.displayName : undefined,
  };
  const router = Router();

  /** The appeal if it exists and the caller may `action` it; else answers 404 (or 503) and returns null. */
  async function findAppeal(req: Request, res: Response, action: 'read' | 'reveal'): Promise<FoundAppeal | null> {
    const id = entityIdSchema.safeParse(req.params.appealId);
    let found: FoundAppeal | null;
    try {
      found = id.success ? await lookup.find(id.data) : null;
    } catch (error) {
      sendArchiveDown(res, error, logger);
      return null;
    }
    if (!found || !isAllowed(claimsOf(res.locals), action, found.appeal.region)) {
      sendError(res, 404, 'not_found', 'appeal not found');
      return null;
    }
    return found;
  }

  router.get(
    '/appeals/:appealId',
    handle(async (req, res) => {
      const found = await findAppeal(req, res, 'read');
      if (!found) return;
      let timeline;
      try {
        timeline = await lookup.timeline(found);
      } catch (error) {
        sendArchiveDown(res, error, logger);
        return;
      }
      if (found.source === 'archive') await audit.recordFor(res.locals, 'history.read', `appeal:${found.appeal.id}`);
      sendNoStoreJson(res, {
        appeal: presentAppeal(found.appeal, ANONYMOUS_VIEWER),
        // Who acted: older events (no `actor`) are joined to the audit trail (docs/protocol.md).
        timeline: (await withWhoActed(whoActed, timeline.events)).map((event) => presentEvent(event, ANONYMOUS_VIEWER)),
        cursor: store.state.cursor,
        source: found.source,
        timelineStatus: timeline.status,
      });
    }),
  );

  // A supervisor reveals one appeal's citizen contact; every reveal is audited.
  router.post(
    '/appeals/:appealId/reveal',
    requireAction('reveal'),
    handle(async (req, res) => {
      const found = await findAppeal(req, res, 'reveal');
      if (!found) return;
      const { appeal } = found;
      await audit.recordFor(res.locals, 'pii.reveal', `appeal:${appeal.id}`, Object.keys(appeal.citizen ?? {}));
      sendNoStoreJson(res, { appealId: appeal.id, citizen: appeal.citizen ?? null });
    }),
  );

  router.get(
    '/incidents/:incidentId',
    handle(async (req, res) => {
      const id = entityIdSchema.safeParse(req.params.incidentId);
      let incident: Incident | null = id.success ? (store.state.incidents.get(id.data) ?? null) : null;
      let source: 'memory' | 'archive' = 'memory';
      if (!incident && id.success && history) {
        try {
          incident = await history.getIncident(id.data);
          source = 'archive';
        } catch (error) {
          sendArchiveDown(res, error, logger);
          return;
        }
      }
      if (!incident || !isAllowed(claimsOf(res.locals), 'read', incident.region)) {
        sendError(res, 404, 'not_found', 'incident not found');
        return;
      }
      if (source === 'archive') await audit.recordFor(res.locals, 'history.read', `incident:${incident.id}`);
      res.set('Cache-Control', 'no-store');
      const claims = claimsOf(res.locals);
      const [timeline, linked] = await Promise.all([
        incidentTimelineWithArchive(deps.log, archiveReads, incident, source),
        linkedAppeals(store, history, incident),
      ]);
      sendNoStoreJson(res, {
        incident: presentIncident(incident, ANONYMOUS_VIEWER),
        cursor: store.state.cursor,
        source,
        // Added for the incident page (issue 18): its events with who acted, and its appeals.
        timeline: (await withWhoActed(whoActed, timeline.events)).map((event) => presentEvent(event, ANONYMOUS_VIEWER)),
        timelineStatus: {
          isPartial: timeline.missing > 0,
          reason: timeline.missing > 0 ? 'trimmed' : null,
          missing: timeline.missing,
        },
        appeals: linked.appeals
          .filter((appeal) => isAllowed(claims, 'read', appeal.region))
          .map((appeal) => presentAppeal(appeal, ANONYMOUS_VIEWER)),
        unknownAppealIds: linked.unknown,
      });
    }),
  );

  return router;
}
