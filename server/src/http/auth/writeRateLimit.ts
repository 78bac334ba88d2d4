import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { KeyValueStore } from '../../stream/eventLog';
import { EventLogRateLimitStore } from './rateLimitStore';

/**
 * Caps writes (POST, PATCH, PUT, DELETE under /api) per signed-in user — or per address
 * before sign-in — per minute, counted in Redis so the cap holds across nodes. Answers
 * 429 with Retry-After. Sign-in has its own, stricter limiter.
 */
export function createWriteRateLimit(log: KeyValueStore, perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) =>
      req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || req.path === '/auth/login',
    keyGenerator: (req, res) => {
      const username = (res.locals as { claims?: { user: { username: string } } }).claims?.user.username;
      return username ? `user:${username}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    store: new EventLogRateLimitStore(log, 'write'),
    message: { code: 'rate_limited', message: 'too many changes in a minute, slow down' },
  });
}
