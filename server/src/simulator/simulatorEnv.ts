import { z } from 'zod';
import { redisPrefix, requiredRedisUrl, unsetIfEmpty } from '../standaloneEnv';

/** Environment of `npm run simulate` (a stand-alone producer writing to a shared Redis). */
export const simulatorEnvSchema = z.object({
  /** The Redis to write to; required: the stand-alone simulator never starts its own. */
  REDIS_URL: requiredRedisUrl,
  /** Key prefix: the simulator appends to `<prefix>:events`. */
  REDIS_PREFIX: redisPrefix,
  /** Average new appeals per second. */
  SIM_RATE: z.preprocess(unsetIfEmpty, z.coerce.number().positive().max(10_000).default(5)),
  /** Minutes of history written at start. */
  SIM_BACKFILL_MINUTES: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(0),
  ),
  /** Seed for reproducible traffic; random when unset. */
  SIM_SEED: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(0xffff_ffff).optional()),
  /** Probability that a mass outage starts in any one hour, 0–1. */
  SIM_BURST_CHANCE: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1).default(0.1)),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type SimulatorEnv = z.infer<typeof simulatorEnvSchema>;

/** The parsed environment, or a message naming every bad variable. */
export function parseSimulatorEnv(
  env: Record<string, string | undefined>,
): { ok: true; env: SimulatorEnv } | { ok: false; error: string } {
  const result = simulatorEnvSchema.safeParse(env);
  if (result.success) return { ok: true, env: result.data };
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const value = env[name];
    return `  ${name}${value === undefined ? ' (unset)' : `=${JSON.stringify(name === 'REDIS_URL' ? '…' : value)}`}: ${issue.message}`;
  });
  return { ok: false, error: `invalid simulator configuration:\n${lines.join('\n')}` };
}
