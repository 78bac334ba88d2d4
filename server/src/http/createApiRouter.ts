import { sendError } from './sendError';
import { isNationalScope, REGIONS, scrubStrict, streamIdTime, type RegionLayer, type Scope, type Stats } from '@shared';
import { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../audit/createAuditLog';
import type { History } from '../archive/history';
import type { UserStore } from '../auth/userStore';
import type { ArchiveTimelineReads } from './auditActors';
import { scopeOf } from '../auth/claims';
import { claimsOf, requireAction } from './auth/middleware';
import { createAppealReadRouter } from './createAppealReadRouter';
import { createListRouter } from './createListRouter';
import { createStatsRouter } from './createStatsRouter';
import type { AnalyticsService } from '../analytics/createAnalyticsService';
import type { ProjectionStore } from '../projection/createProjectionStore';
import { calendarHealth } from './calendarHealth';
import type { EventLog } from '../stream/eventLog';
import { DEAD_LETTER_STREAM, EVENTS_STREAM } from '../keys';
import type { TailStatus } from '../stream/createTail';
import { DISABLED_ARCHIVE, isArchiveRed, type ArchiveLink } from '../archive/archiveStatus';

export interface ApiDeps {
  log: EventLog;
  logMode: string;
  store: ProjectionStore;
  tailStatus: () => TailStatus;
  audit: AuditLog;
  layer: RegionLayer;
  tiles: { url: string; attribution: string | null } | null;
  stats: (scope: Scope) => Stats;
  analytics: AnalyticsService;
  now: () => number;
  staleAfterMs: number;
  /** /api/services and /api/services/load (the service directory), when wired. */
  services?: Router;
  /** The archive's read side: reads and period searches fall back to it (none: the projection only). */
  history?: History | undefined;
  /** The archive's audit trail and incident events (timelines' who acted); users for their display names. */
  archiveReads?: ArchiveTimelineReads | undefined;
  users?: Pick<UserStore, 'get'> | undefined;
  /** The archive, for health's `archive` block; absent: `state: 'disabled'`. */
  archive?: ArchiveLink;
  /** `CONFIRMATION_WINDOW_DAYS` in ms (the `confirmation` filter); default 14 days. */
  confirmationWindowMs?: number;
}

/** How many of the newest dead letters /api/health lists. */
const HEALTH_RECENT_DEAD_LETTERS = 10;
/** A reason longer than this (a huge validation report) is cut for the health panel; the CLI shows it whole. */
const HEALTH_REASON_CHARS = 300;

/** The reason cut to HEALTH_REASON_CHARS code points, an ellipsis marking the cut. */
function cutReason(reason: string | undefined): string | undefined {
  if (reason === undefined || reason.length <= HEALTH_REASON_CHARS) return reason;
  const chars = Array.from(reason);
  return chars.length <= HEALTH_REASON_CHARS ? reason : `${chars.slice(0, HEALTH_REASON_CHARS - 1).join('')}…`;
}

/** JSON API under /api (docs/api.md). Read-only in this version. */
export function createApiRouter(deps: ApiDeps): Router {
  const { log, store, now } = deps;
  const router = Router();
  // With Redis down no session can be checked; the health check still says what is wrong
  // (no details: the caller is unknown), so a wall screen and a load balancer can tell.
  router.get('/health', (_req, res, next) => {
    if (!res.locals.isStoreDown || res.locals.claims) {
      next();
      return;
    }
    res.status(503).json({ status: 'degraded', checkedAt: now(), redis: { connected: false } });
  });

  // Everything here needs a session; region-bound resources also need the region in scope.
  router.use(requireAction('read'));

  router.get('/health', async (_req: Request, res: Response) => {
    const checkedAt = now();
    const isConnected = await log.ping();
    const tail = deps.tailStatus();
    const [stream, dead] = isConnected
      ? await Promise.all([log.info(EVENTS_STREAM), log.info(DEAD_LETTER_STREAM)]).catch(() => [null, null])
      : [null, null];
    const recentDead = isConnected
      ? await log.rangeReverse(DEAD_LETTER_STREAM, '+', HEALTH_RECENT_DEAD_LETTERS).catch(() => [])
      : [];
    const cursor = store.state.cursor;
    const lagMs =
      stream && stream.lastId !== '0-0' ? Math.max(0, streamIdTime(stream.lastId) - streamIdTime(cursor)) : 0;
    const lastEventAt = store.lastAppliedAt();
    const isStale = lastEventAt === null || checkedAt - lastEventAt > deps.staleAfterMs;
    const isHealthy = isConnected && tail.isConnected;
    // Regional users learn the link state, not national counts or dead-letter details.
    if (!isNationalScope(claimsOf(res.locals).user.regions)) {
      res.status(isHealthy ? 200 : 503).json({
        status: isHealthy ? 'ok' : 'degraded',
        checkedAt,
        redis: { connected: isConnected },
        stream: { cursor, lagMs, lastEventAt, isStale },
      });
      return;
    }
    const archive = deps.archive?.status() ?? DISABLED_ARCHIVE;
    // Red is "an operator must act" (stream past STREAM_MAX_ENTRIES, archive down), still 200:
    // 503 means "this node cannot serve", and a load balancer must not drain every node
    // (they share the Redis) while the live dashboard works.
    const overall = !isHealthy ? 'degraded' : isArchiveRed(archive) ? 'red' : 'ok';
    res.status(isHealthy ? 200 : 503).json({
      status: overall,
      checkedAt,
      archive,
      redis: { mode: deps.logMode, connected: isConnected, lastError: tail.lastError },
      stream: { cursor, lastId: stream?.lastId ?? null, length: stream?.length ?? null, lagMs, lastEventAt, isStale },
      deadLetters: {
        count: dead?.length ?? store.deadLettered(),
        // When the oldest and the newest dead letter still kept were written (their stream ids).
        firstAt: dead?.firstId ? new Date(streamIdTime(dead.firstId)).toISOString() : null,
        lastAt: recentDead[0] ? new Date(streamIdTime(recentDead[0].id)).toISOString() : null,
        recent: recentDead.map((e) => ({
          id: e.id,
          sourceId: e.fields.sourceId,
          // A reason quotes the producer's input ("unknown region …", a JSON error's snippet).
          reason: cutReason(e.fields.reason === undefined ? undefined : scrubStrict(e.fields.reason)),
          deadAt: e.fields.deadAt,
        })),
      },
      projection: { ...store.state.counters, appeals: store.state.appeals.size, incidents: store.state.incidents.size },
      calendar: calendarHealth(store.state),
    });
  });

  router.get('/stats', (_req, res) => {
    // Only the caller's regions: a regional user never sees national or other regions' figures.
    res.json(deps.stats(scopeOf(claimsOf(res.locals))));
  });

  // The layer changes only with a restart: let browsers keep it for a while.
  const regionsBody = JSON.stringify({ regions: REGIONS, layer: deps.layer, tiles: deps.tiles });
  router.get('/regions', (_req, res) => {
    res.set('Cache-Control', 'private, max-age=3600');
    res.type('application/json').send(regionsBody);
  });

  router.use(
    createListRouter({
      store,
      audit: deps.audit,
      now,
      history: deps.history,
      ...(deps.confirmationWindowMs !== undefined ? { confirmationWindowMs: deps.confirmationWindowMs } : {}),
    }),
  );
  if (deps.services) router.use(deps.services);
  router.use(createStatsRouter({ state: () => store.state, analytics: deps.analytics.analytics, now }));

  router.use(
    createAppealReadRouter({
      log,
      store,
      audit: deps.audit,
      history: deps.history,
      archiveReads: deps.archiveReads,
      users: deps.users,
    }),
  );

  router.use((req, res) => {
    sendError(res, 404, 'not_found', `no such endpoint: ${req.method} ${req.baseUrl}${req.path}`);
  });
  return router;
}
