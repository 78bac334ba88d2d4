import express, { type ErrorRequestHandler } from 'express';
import { isUtf8 } from 'node:buffer';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';
import { LogUnavailableError } from '../stream/eventLog';
import { assignRequestId, requireSameOrigin } from './auth/middleware';
import { open311ErrorBodies } from './open311/errors';
import { sendError } from './sendError';

export interface HttpAppOptions {
  routers: {
    api: express.Router;
    writes: express.Router;
    auth: express.Router;
    admin: express.Router;
    kiosk: express.Router;
    /** Open311 GeoReport v2, mounted at /open311 (its routes are under /v2). */
    open311: express.Router;
  };
  /** Caps writes per user per minute (after the session is known). */
  writeRateLimit: express.RequestHandler;
  /** Resolves the session cookie into res.locals.claims. */
  loadSession: express.RequestHandler;
  /** The origin policy (`createOriginPolicy`): ALLOWED_HOSTS, loopback, ALLOWED_ORIGINS. */
  isAllowedOrigin: (origin: string) => boolean;
  logger: Logger;
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (TRUST_PROXY). */
  trustProxyHops: number;
  /** Origin of the optional online tile layer (TILE_URL), allowed in the CSP img-src. */
  tileOrigin?: string | null;
  /** Built client (vite build output) to serve, null to serve none. */
  staticDir: string | null;
}

/** What body-parser's errors mean to a caller (their own messages name internals). */
const BODY_ERRORS: Record<string, { code: string; message: string }> = {
  'entity.too.large': { code: 'too_large', message: 'body too large (limit 64 KB)' },
  'entity.parse.failed': { code: 'malformed_json', message: 'the body is not valid JSON' },
  'encoding.unsupported': { code: 'unsupported_encoding', message: 'unsupported content encoding' },
  'charset.unsupported': { code: 'unsupported_charset', message: 'send the body as UTF-8' },
  'encoding.invalid': { code: 'invalid_utf8', message: 'the body is not valid UTF-8' },
  'request.aborted': { code: 'aborted', message: 'the request was aborted' },
  'request.size.invalid': { code: 'bad_request', message: 'the body is shorter or longer than its Content-Length' },
};

/**
 * JSON bodies must be UTF-8 (RFC 8259): another declared charset is 415, and bytes that
 * are not UTF-8 are 400 — never silently decoded as UTF-7 or patched with U+FFFD.
 */
function requireUtf8(_req: unknown, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8' && encoding.toLowerCase() !== 'utf8') {
    throw Object.assign(new Error('send the body as UTF-8'), { status: 415, type: 'charset.unsupported' });
  }
  if (!isUtf8(body)) {
    throw Object.assign(new Error('the body is not valid UTF-8'), { status: 400, type: 'encoding.invalid' });
  }
}

/** Express app: security headers, JSON API, the built client with SPA fallback, safe errors. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  // Only as many proxy hops as configured are believed for the client address (rate limits).
  app.set('trust proxy', options.trustProxyHops > 0 ? options.trustProxyHops : false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // 'self' covers same-origin ws:/wss: too; no other host may be reached from the page.
          connectSrc: ["'self'"],
          // Leaflet draws with inline styles and data: images; an optional tile host is added.
          imgSrc: ["'self'", 'data:', 'blob:', ...(options.tileOrigin ? [options.tileOrigin] : [])],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          // Wall screens often reach the server over plain http on the LAN.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(assignRequestId);
  // Liveness for load balancers: no session, no details.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Open311 clients get GeoReport error bodies from every layer below (origin, limits, parsing, auth).
  app.use('/open311', open311ErrorBodies);
  app.use(requireSameOrigin(options.isAllowedOrigin));
  app.use(express.json({ limit: '64kb', verify: requireUtf8 }));
  app.use(options.loadSession);
  app.use('/api', options.writeRateLimit);
  app.use('/open311', options.writeRateLimit);
  app.use(options.routers.kiosk);
  app.use('/api/auth', options.routers.auth);
  app.use('/api/admin', options.routers.admin);
  app.use('/api', options.routers.writes);
  app.use('/api', options.routers.api);
  app.use('/open311', options.routers.open311);
  const staticDir = options.staticDir;
  if (staticDir && existsSync(path.join(staticDir, 'index.html'))) {
    app.use(express.static(staticDir, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|socket\.io\/|open311(?:\/|$)).*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache');
      res.sendFile(path.join(staticDir, 'index.html'));
    });
  }
  // Body-parser errors carry a status and a type; anything else is a bug: 500, no details.
  const onError: ErrorRequestHandler = (
    error: { status?: number; type?: string; message?: string },
    req,
    res,
    _next,
  ) => {
    if (error instanceof LogUnavailableError) {
      // Redis is down: say so at once, so clients retry instead of hanging.
      res.set('Retry-After', '2');
      sendError(res, 503, 'unavailable', 'the event store is unreachable; retry in a moment');
      return;
    }
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) {
      logger.error({ err: error.message, path: req.path }, 'request failed');
      sendError(res, 500, 'internal', 'internal error');
      return;
    }
    const known = BODY_ERRORS[error.type ?? ''];
    sendError(res, status, known?.code ?? 'bad_request', known?.message ?? error.message ?? 'bad request');
  };
  app.use(onError);
  return app;
}
