import { createLogger } from '../logger';
import { createRedisLog } from '../stream/redisLog';
import { createSimulator, LAW_BACKLOG_DAYS, lawBacklogWindow } from './createSimulator';
import { parseSimulatorEnv } from './simulatorEnv';

/**
 * `npm run simulate`: writes demo traffic to the Redis stream of a running deployment.
 * Configuration comes from the environment (see simulatorEnv.ts).
 */
async function main(): Promise<void> {
  const parsed = parseSimulatorEnv(process.env);
  if (!parsed.ok) {
    console.error(`Ortalyq simulator cannot start: ${parsed.error}`);
    process.exit(2);
  }
  const env = parsed.env;
  const logger = createLogger(env.LOG_LEVEL);
  const log = await createRedisLog({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, logger });
  const simulator = createSimulator({
    log,
    rate: env.SIM_RATE,
    logger,
    backfillMinutes: env.SIM_BACKFILL_MINUTES,
    // Weeks of long appeals (the law's clock) on an empty stream only: a restart never seeds twice.
    lawBacklogDays: await lawBacklogWindow(log, 'events', LAW_BACKLOG_DAYS),
    burstChance: env.SIM_BURST_CHANCE,
    ...(env.SIM_SEED !== undefined ? { seed: env.SIM_SEED } : {}),
  });
  simulator.start();

  let isStopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal, ...simulator.status() }, 'simulator shutting down');
    await simulator.stop();
    await log.close();
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Ortalyq simulator failed:', error);
  process.exit(1);
});
