import { createServer, type Server as HttpServer } from 'node:http';
import type { Router } from 'express';
import type { Access } from '../auth/createAccess';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { ProjectionStore } from '../projection/createProjectionStore';
import type { EventLog } from '../stream/eventLog';
import type { History } from '../archive/history';
import type { HistoryProgress } from '../archive/history/createHistoryBackfill';
import type { ServiceDirectory } from '../services/serviceDirectory';
import type { AuditLog } from '../audit/createAuditLog';
import { createServicesAdminRouter } from './services/createServicesAdminRouter';
import { createAdminRouter } from './auth/createAdminRouter';
import { createAuthRouter, createKioskRouter } from './auth/createAuthRouter';
import { loadSession } from './auth/middleware';
import { createOriginPolicy } from './auth/originPolicy';
import { createWriteRateLimit } from './auth/writeRateLimit';
import { createHttpApp } from './createHttpApp';
import type { WriteService } from '../writes/createWriteService';
import { createWriteRouter } from './createWriteRouter';
import { createOpen311Router } from './open311/createOpen311Router';
import { Router as createRouter } from 'express';
import type { ReportsSource } from '../reports/reportsSource';
import { createReportsRouter } from './createReportsRouter';

export interface HttpServerDeps {
  config: Pick<
    Config,
    | 'ALLOWED_ORIGINS'
    | 'ALLOWED_HOSTS'
    | 'SESSION_TTL_HOURS'
    | 'KIOSK_SESSION_DAYS'
    | 'COOKIE_SECURE'
    | 'LOGIN_RATE_LIMIT'
    | 'WRITE_RATE_LIMIT'
    | 'TRUST_PROXY'
  >;
  log: EventLog;
  logger: Logger;
  store: ProjectionStore;
  access: Access;
  writer: WriteService;
  /** The JSON read API (createApiRouter). */
  api: Router;
  now: () => number;
  tiles: { url: string; attribution: string | null } | null;
  staticDir: string | null;
  /** Ends a user's or kiosk link's sockets on every node (the realtime side). */
  disconnectSubject: (room: string) => void;
  /** The service directory (assignment picks from it; admins manage it). */
  services: ServiceDirectory;
  /** The archive's read side (Open311 by id falls back to it). */
  history?: History | undefined;
  /** The demo history backfill's progress (GET /api/admin/history). */
  historyProgress?: (() => HistoryProgress | null) | undefined;
  /** `CONFIRMATION_WINDOW_DAYS` in ms (Open311's `confirmation`). */
  confirmationWindowMs: number;
  /** The archive's rollups for `/api/reports/*` (issue 19); absent: no reports. */
  reportsSource?: ReportsSource | undefined;
}

export interface HttpServerParts {
  httpServer: HttpServer;
  /** The origin policy, also applied to Socket.IO handshakes. */
  isAllowedOrigin: (origin: string) => boolean;
}

/** The HTTP side: origin policy, sessions, rate limits and every router on one Node server. */
export function createHttpServer(deps: HttpServerDeps): HttpServerParts {
  const { config, log, logger, access } = deps;
  const authDeps = {
    log,
    ...access,
    sessionTtlMs: config.SESSION_TTL_HOURS * 3_600_000,
    kioskSessionTtlMs: config.KIOSK_SESSION_DAYS * 86_400_000,
    isSecure: config.COOKIE_SECURE,
    loginLimit: config.LOGIN_RATE_LIMIT,
    disconnectSubject: deps.disconnectSubject,
  };
  const isAllowedOrigin = createOriginPolicy({
    allowedHosts: config.ALLOWED_HOSTS,
    allowedOrigins: config.ALLOWED_ORIGINS,
    isSecure: config.COOKIE_SECURE,
    port: () => {
      const address = httpServer.address();
      return typeof address === 'object' && address ? address.port : null;
    },
    onRefuse: (origin) =>
      logger.warn({ origin }, 'browser origin refused (if it is this dashboard, add it to ALLOWED_HOSTS)'),
  });
  const httpServer = createServer(
    createHttpApp({
      logger,
      staticDir: deps.staticDir,
      isAllowedOrigin,
      trustProxyHops: config.TRUST_PROXY,
      tileOrigin: deps.tiles ? new URL(deps.tiles.url.replace(/[{}]/g, '')).origin : null,
      loadSession: loadSession(access.authenticator),
      writeRateLimit: createWriteRateLimit(log, config.WRITE_RATE_LIMIT),
      routers: {
        api: deps.reportsSource ? withReports(deps, deps.reportsSource) : deps.api,
        writes: createWriteRouter(deps.writer, deps.services),
        open311: createOpen311Router({
          log,
          store: deps.store,
          writer: deps.writer,
          now: deps.now,
          confirmationWindowMs: deps.confirmationWindowMs,
          history: deps.history && { history: deps.history, audit: access.audit as AuditLog },
        }),
        auth: createAuthRouter(authDeps),
        kiosk: createKioskRouter(authDeps),
        admin: createAdminRouter({
          ...access,
          disconnectSubject: deps.disconnectSubject,
          services: createServicesAdminRouter({ services: deps.services, audit: access.audit }),
          historyProgress: deps.historyProgress ?? (() => null),
        }),
      },
    }),
  );
  return { httpServer, isAllowedOrigin };
}

/** The reports' routes in front of the read API (its last handler answers 404 to anything else). */
function withReports(deps: HttpServerDeps, source: ReportsSource): Router {
  const router = createRouter();
  router.use(
    createReportsRouter({
      source,
      audit: deps.access.audit as AuditLog,
      now: deps.now,
      confirmationWindowMs: deps.confirmationWindowMs,
    }),
  );
  router.use(deps.api);
  return router;
}
