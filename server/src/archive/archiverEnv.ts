import { z } from 'zod';
import { redisPrefix, requiredRedisUrl, unsetIfEmpty } from '../standaloneEnv';
import { describeIssues } from '@shared';

/** Environment of `npm run archiver` (a process of its own beside the server nodes). */
export const archiverEnvSchema = z.object({
  /** The stream to archive; required: the archiver never starts a Redis of its own. */
  REDIS_URL: requiredRedisUrl,
  /** Key prefix: the archiver reads `<prefix>:events`. */
  REDIS_PREFIX: redisPrefix,
  /** PostgreSQL; unset → the embedded PGlite under DATA_DIR/archive (one process only). */
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  ),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).default('./var')),
  /** Entries per transaction. */
  ARCHIVE_BATCH_SIZE: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(10_000).default(2000)),
  /** A lease not renewed this long passes to a standby archiver, ms. */
  ARCHIVE_LEASE_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(200).max(600_000).default(10_000)),
  /** Region pack to locate events without a region, as the server does. */
  REGION_PACK: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  /** Built-in layer when no pack is given, as the server's REGION_LAYER. */
  REGION_LAYER: z.preprocess(unsetIfEmpty, z.enum(['current', '2018']).default('current')),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type ArchiverEnv = z.infer<typeof archiverEnvSchema>;

/** Parses the environment; a bad value gives one message naming the variable. */
export function parseArchiverEnv(
  env: NodeJS.ProcessEnv,
): { ok: true; env: ArchiverEnv } | { ok: false; error: string } {
  const parsed = archiverEnvSchema.safeParse(env);
  return parsed.success ? { ok: true, env: parsed.data } : { ok: false, error: describeIssues(parsed.error) };
}
