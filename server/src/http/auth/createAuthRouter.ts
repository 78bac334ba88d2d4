import { sendError, sendInvalid } from '../sendError';
import { loginBodySchema } from '@shared';
import { Router, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AuditLog } from '../../audit/createAuditLog';
import type { Authenticator } from '../../auth/createAuthenticator';
import { sessionCookieName } from '../../auth/createAuthenticator';
import type { KioskTokenStore } from '../../auth/kioskTokens';
import { decoyHash, verifyPassword } from '../../auth/passwords';
import type { SessionStore } from '../../auth/sessionStore';
import { toSessionUser, type UserStore } from '../../auth/userStore';
import type { EventLog } from '../../stream/eventLog';
import { EventLogRateLimitStore } from './rateLimitStore';

export interface AuthRouterDeps {
  log: EventLog;
  users: UserStore;
  sessions: SessionStore;
  kiosks: KioskTokenStore;
  authenticator: Authenticator;
  audit: AuditLog;
  sessionTtlMs: number;
  kioskSessionTtlMs: number;
  /** Secure cookies (behind HTTPS): adds `Secure` and the `__Host-` name. */
  isSecure: boolean;
  /** Failed-or-not login attempts allowed per client address per 15 minutes. */
  loginLimit: number;
  /** Ends every socket in a room (a session's, at logout). */
  disconnectSubject: (room: string) => void;
}

/** /api/auth: login, logout, me. Plus `kioskRouter` for /kiosk/<secret>. */
export function createAuthRouter(deps: AuthRouterDeps): Router {
  const router = Router();
  const setCookie = (res: Response, id: string, ttlMs: number) =>
    res.cookie(sessionCookieName(deps.isSecure), id, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.isSecure,
      path: '/',
      maxAge: ttlMs,
    });

  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.loginLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new EventLogRateLimitStore(deps.log, 'login'),
    // Per address and account: guessing one account's password is stopped, while many
    // people signing in from one office address (NAT) are not locked out together.
    keyGenerator: (req) => {
      const username =
        typeof req.body?.username === 'string' ? req.body.username.trim().toLowerCase().slice(0, 64) : '';
      return `${ipKeyGenerator(req.ip ?? 'unknown')}:${username}`;
    },
    message: { code: 'rate_limited', message: 'too many sign-in attempts, try again later' },
  });

  // Also per address alone: one password tried across many accounts, each costing a scrypt hash.
  const addressLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.loginLimit * 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new EventLogRateLimitStore(deps.log, 'login-address'),
    message: { code: 'rate_limited', message: 'too many sign-in attempts, try again later' },
  });

  router.post('/login', addressLimiter, loginLimiter, async (req, res) => {
    const parsed = loginBodySchema.safeParse(req.body, { reportInput: true });
    if (!parsed.success) {
      sendInvalid(res, parsed.error, 400);
      return;
    }
    const { username, password } = parsed.data;
    const user = await deps.users.get(username);
    // Verify against a decoy for unknown users, so response time does not reveal who exists.
    const isValid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !isValid || user.isDisabled) {
      await deps.audit.record({
        actor: username,
        role: user?.role ?? 'unknown',
        action: 'login.failure',
        target: `user:${username}`,
        requestId: res.locals.requestId,
        outcome: 'denied',
      });
      sendError(res, 401, 'unauthenticated', 'wrong username or password');
      return;
    }
    const sessionId = await deps.sessions.create(
      { kind: 'user', username, version: user.sessionVersion ?? 0 },
      deps.sessionTtlMs,
    );
    setCookie(res, sessionId, deps.sessionTtlMs);
    await deps.audit.record({
      actor: username,
      role: user.role,
      action: 'login.success',
      target: `user:${username}`,
      requestId: res.locals.requestId,
    });
    res.json({ user: toSessionUser(user) });
  });

  router.post('/logout', async (req, res) => {
    const sessionId = deps.authenticator.sessionIdOf(req.headers.cookie);
    const claims = res.locals.claims;
    if (sessionId) await deps.sessions.destroy(sessionId);
    // A shared workstation: the live socket of this session ends with it.
    if (claims) deps.disconnectSubject(claims.sessionRoom);
    res.clearCookie(sessionCookieName(deps.isSecure), { path: '/' });
    if (claims) {
      await deps.audit.record({
        actor: claims.user.username,
        role: claims.user.role,
        action: 'logout',
        target: claims.subjectRoom,
        requestId: res.locals.requestId,
      });
    }
    res.status(204).end();
  });

  router.get('/me', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    const claims = res.locals.claims;
    if (!claims) {
      sendError(res, 401, 'unauthenticated', 'sign in first');
      return;
    }
    res.json({ user: claims.user });
  });

  return router;
}

/**
 * The wall-mode settings a kiosk link may pass on to `/wall` (`/kiosk/<secret>?rotate=20&lang=kk`):
 * a screen has no controls, so its URL is its configuration (client/src/features/wallscreen/
 * wallScreenConfig.ts reads them). Only these names, only short plain values; the path is fixed.
 */
const WALL_PARAMS = ['rotate', 'stale', 'lang'] as const;

/** `/wall`, with the kiosk link's wall settings when it has any. */
export function wallPathFor(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const name of WALL_PARAMS) {
    const value = query[name];
    if (typeof value === 'string' && /^[\w.-]{1,16}$/.test(value)) params.set(name, value);
  }
  const search = params.toString();
  return search === '' ? '/wall' : `/wall?${search}`;
}

/** GET /kiosk/<secret>: turns a kiosk token into a read-only session and opens the wall. */
export function createKioskRouter(deps: AuthRouterDeps): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.loginLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new EventLogRateLimitStore(deps.log, 'kiosk'),
  });
  router.get('/kiosk/:secret', limiter, async (req, res) => {
    const token = await deps.kiosks.verify(String(req.params.secret));
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    if (!token) {
      res.status(404).type('text/plain').send('This wall-screen link is not valid (revoked or mistyped).');
      return;
    }
    const sessionId = await deps.sessions.create({ kind: 'kiosk', tokenId: token.id }, deps.kioskSessionTtlMs);
    res.cookie(sessionCookieName(deps.isSecure), sessionId, {
      httpOnly: true,
      // Lax, not Strict: the screen may open this link from another site (a bookmark page).
      sameSite: 'lax',
      secure: deps.isSecure,
      path: '/',
      maxAge: deps.kioskSessionTtlMs,
    });
    await deps.audit.record({
      actor: `kiosk:${token.label}`,
      role: 'operator',
      action: 'kiosk.open',
      target: `kiosk:${token.id}`,
      requestId: res.locals.requestId,
    });
    res.redirect(303, wallPathFor(req.query));
  });
  return router;
}
