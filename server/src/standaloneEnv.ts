import { z } from 'zod';

/**
 * Pieces of the environment schemas of the stand-alone processes (`npm run simulate`,
 * `npm run archiver`), which work against a shared Redis and never start one of their own.
 */

/** Unset and empty variables both mean "use the default". */
export const unsetIfEmpty = (value: unknown): unknown => (value === '' ? undefined : value);

/** `REDIS_URL`, required. */
export const requiredRedisUrl = z.preprocess(
  unsetIfEmpty,
  z.url({
    protocol: /^rediss?$/,
    error: (issue) =>
      issue.input === undefined ? 'is required, e.g. redis://127.0.0.1:6379' : 'must be a redis:// or rediss:// URL',
  }),
);

/** `REDIS_PREFIX`: the stream is `<prefix>:events`. */
export const redisPrefix = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'letters, digits and . _ : - only, at most 64')
    .default('ortalyq'),
);
