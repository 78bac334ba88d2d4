import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createLocator } from '../regions/createLocator';
import { loadRegionLayer } from '../regions/loadRegionLayer';
import { createRedisLog } from '../stream/redisLog';
import { runDeadLettersCommand } from './runDeadLettersCommand';

/**
 * `npm run deadletters -- list|show|requeue <id>`: the dead-letter stream of the Redis at
 * REDIS_URL (the same REDIS_PREFIX and REGION_PACK and REGION_LAYER as the server, so requeue validates
 * exactly as the server will).
 */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  if (!config.REDIS_URL) {
    console.error('REDIS_URL must point at the Redis the server uses (for the embedded demo: see the start-up log).');
    process.exit(2);
  }
  const logger = createLogger('warn');
  const locate = createLocator(await loadRegionLayer(config.REGION_PACK, config.REGION_LAYER)).regionOf;
  const log = await createRedisLog({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX, logger });
  try {
    const result = await runDeadLettersCommand(process.argv.slice(2), log, locate);
    (result.code === 0 ? console.log : console.error)(result.output);
    process.exitCode = result.code;
  } finally {
    await log.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
