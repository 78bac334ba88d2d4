import { sendError, sendInvalid } from '../sendError';
import { changePasswordBodySchema, loginBodySchema, passwordProblem, PASSWORD_RULE_TEXT } from '@shared';
import { Router, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AuditLog } from '../../audit/createAuditLog';
import type { Authenticator } from '../../auth/createAuthenticator';
import { sessionCookieName } from '../../auth/createAuthenticator';
import type { KioskTokenStore } from '../../auth/kioskTokens';
import { decoyHash, verifyPassword } from '../../auth/passwords';
import type { SessionStore } from '../../auth/sessionStore';
import { toSessionUser, type UserStore } from '../../auth/userStore';
import type { KeyValueStore } from '../../stream/eventLog';
import { EventLogRateLimitStore } from './rateLimitStore';

export interface AuthRouterDeps {
  log: KeyValueStore;
  users: UserStore;
  sessions: SessionStore;
  kiosks: KioskTokenStore;
  authenticator: Authenticator;
  audit: AuditLog;
  sessionTtlMs: number;
  kioskSessionTtlMs: number;
  /** Secure cookies (behind HTTPS): adds `Secure` and the `__Host-` name. */
  isSecure: boolean;
  /**
   * Failed sign-ins allowed per client address and account per 15 minutes (twenty times as
   * many per address across accounts); successful ones are not counted.
   */
  loginLimit: number;
  /** Ends every socket in a room (a session's, at logout). */
  disconnectSubject: (room: string) => void;
}

/** /api/auth: login, logout, me, password. Plus `kioskRouter` for /kiosk/<secret>. */
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

  // Failures only (skipSuccessfulRequests): a wall account that ten screens sign in to every
  // morning must not lock itself, while guessing is still cut off after `loginLimit` misses.
  // Each attempt is counted up front and a success is taken back when it has answered, so
  // parallel guesses cannot slip past the limit (store: rateLimitStore.ts).
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.loginLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    // A correct password clears that account's failures from that address: typos are forgiven.
    store: new EventLogRateLimitStore(deps.log, 'login', 'reset'),
    // Per address and account: guessing one account's password is stopped, while many
    // people signing in from one office address (NAT) are not locked out together.
    keyGenerator: (req) => {
      const username =
        typeof req.body?.username === 'string' ? req.body.username.trim().toLowerCase().slice(0, 64) : '';
      return `${ipKeyGenerator(req.ip ?? 'unknown')}:${username}`;
    },
    message: { code: 'rate_limited', message: 'too many failed sign-ins, try again later' },
  });

  // Also per address alone: one password tried across many accounts, each costing a scrypt
  // hash. A success takes back only its own hit here (never a reset: an attacker with one
  // valid account must not be able to clear the address's count of failures on others).
  const addressLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.loginLimit * 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    store: new EventLogRateLimitStore(deps.log, 'login-address', 'forget'),
    message: { code: 'rate_limited', message: 'too many failed sign-ins, try again later' },
  });

  // Guessing the current password through a stolen session: the same budget, per account.
  const passwordLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.loginLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    // Only a wrong current password (403) counts: a new one the policy refuses is no guess.
    // The limiter's own 429 is no success either (it would reset the count it enforces).
    requestWasSuccessful: (_req, res) => res.statusCode !== 403 && res.statusCode !== 429,
    store: new EventLogRateLimitStore(deps.log, 'password-change', 'reset'),
    keyGenerator: (_req, res) =>
      (res.locals as { claims?: { user: { username: string } } }).claims?.user.username ?? 'anonymous',
    message: { code: 'rate_limited', message: 'too many failed password changes, try again later' },
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

  router.post('/password', passwordLimiter, async (req, res) => {
    const claims = res.locals.claims;
    const sessionId = deps.authenticator.sessionIdOf(req.headers.cookie);
    if (!claims || !sessionId) {
      sendError(res, 401, 'unauthenticated', 'sign in first');
      return;
    }
    if (claims.user.isKiosk) {
      sendError(res, 403, 'forbidden', 'a wall-screen link has no password');
      return;
    }
    const parsed = changePasswordBodySchema.safeParse(req.body, { reportInput: true });
    if (!parsed.success) {
      sendInvalid(res, parsed.error, 400);
      return;
    }
    const { currentPassword, newPassword } = parsed.data;
    const { username, role } = claims.user;
    const user = await deps.users.get(username);
    const audit = (outcome: 'ok' | 'denied') =>
      deps.audit.record({
        actor: username,
        role,
        action: 'user.password_change',
        target: `user:${username}`,
        requestId: res.locals.requestId,
        changed: ['password'],
        outcome,
      });
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
      await audit('denied');
      sendError(res, 403, 'wrong_password', 'the current password is not right', 'currentPassword');
      return;
    }
    const rule = passwordProblem(newPassword, { username });
    if (rule) {
      sendError(res, 422, `weak_password`, `newPassword: ${PASSWORD_RULE_TEXT[rule]} (${rule})`, 'newPassword');
      return;
    }
    if (newPassword === currentPassword) {
      sendError(res, 422, 'password_reused', 'newPassword: must differ from the current one', 'newPassword');
      return;
    }
    // The new version voids every session of the user; this one is moved onto it under the
    // same id (no new cookie to race the socket's reconnect), the others are over.
    const updated = await deps.users.setPassword(username, newPassword, { mustChangePassword: false });
    if (!updated) {
      sendError(res, 401, 'unauthenticated', 'sign in first');
      return;
    }
    await deps.sessions.rebind(sessionId, { kind: 'user', username, version: updated.sessionVersion ?? 0 });
    // Every live socket of the user ends; this browser's reconnects (its session is still good).
    deps.disconnectSubject(`user:${username}`);
    await audit('ok');
    res.json({ user: toSessionUser(updated) });
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
