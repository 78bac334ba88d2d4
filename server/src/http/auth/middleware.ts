import { sendError } from '../sendError';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Action, Claims } from '../../auth/claims';
import { isAllowed } from '../../auth/claims';
import type { Authenticator } from '../../auth/createAuthenticator';
import { mustChangePassword, PASSWORD_CHANGE_REQUIRED } from '../../auth/passwordChange';
import '../locals';
import { LogUnavailableError } from '../../stream/eventLog';

/** Gives every request an id (X-Request-Id), for logs and the audit trail. */
export const assignRequestId: RequestHandler = (_req, res, next) => {
  res.locals.requestId = randomUUID();
  res.set('X-Request-Id', res.locals.requestId);
  next();
};

/** Resolves the session cookie into `res.locals.claims` (absent when not signed in). */
export function loadSession(authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    try {
      const claims = await authenticator.fromCookieHeader(req.headers.cookie);
      if (claims) res.locals.claims = claims;
    } catch (error) {
      // Redis down: not "signed out". Routes that need a session answer 503 (requireAction).
      if (!(error instanceof LogUnavailableError)) throw error;
      res.locals.isStoreDown = true;
    }
    next();
  };
}

/**
 * 401 without a valid session; 403 `password_change_required` while the user still has a
 * one-time password (only /api/auth — me, password, logout — stays open to them); 403 when
 * the role may not do `action`.
 */
export function requireAction(action: Action): RequestHandler {
  return (_req, res, next) => {
    const claims = res.locals.claims;
    if (!claims && res.locals.isStoreDown) {
      res.set('Retry-After', '2');
      sendError(res, 503, 'unavailable', 'the event store is unreachable; retry in a moment');
      return;
    }
    if (!claims) {
      sendError(res, 401, 'unauthenticated', 'sign in first');
      return;
    }
    if (mustChangePassword(claims)) {
      sendError(res, 403, PASSWORD_CHANGE_REQUIRED, 'change your one-time password first (POST /api/auth/password)');
      return;
    }
    if (!isAllowed(claims, action)) {
      sendError(res, 403, 'forbidden', `your role may not ${action}`);
      return;
    }
    next();
  };
}

/** The claims of a request that passed `requireAction` (throws otherwise: a wiring bug). */
export function claimsOf(locals: { claims?: Claims }): Claims {
  if (!locals.claims) throw new Error('route reached without requireAction');
  return locals.claims;
}

/**
 * Origin check for cookie-authenticated writes (CSRF defence beside SameSite=Strict):
 * a browser always sends Sec-Fetch-Site or Origin on a POST, and a cross-site one is
 * refused. Requests with neither (curl, server-to-server) carry no ambient cookie risk.
 */
export function requireSameOrigin(isAllowedOrigin: (origin: string) => boolean): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      next();
      return;
    }
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const isCrossSite =
      (site !== undefined && site !== 'same-origin' && site !== 'none') ||
      (origin !== undefined && !isAllowedOrigin(origin));
    if (isCrossSite) {
      sendError(res, 403, 'forbidden', 'cross-site request refused');
      return;
    }
    next();
  };
}
