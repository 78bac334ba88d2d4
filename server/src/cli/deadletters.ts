import { createLocator } from '../regions/createLocator';
import { loadRegionLayer } from '../regions/loadRegionLayer';
import { runRedisCli } from './redisCli';
import { runDeadLettersCommand } from './runDeadLettersCommand';

/**
 * `npm run deadletters -- list|show|requeue <id>`: the dead-letter stream of the Redis at
 * REDIS_URL (the same REDIS_PREFIX and REGION_PACK and REGION_LAYER as the server, so requeue validates
 * exactly as the server will).
 */
runRedisCli(async ({ config, log, argv }) => {
  const locate = createLocator(await loadRegionLayer(config.REGION_PACK, config.REGION_LAYER)).regionOf;
  return runDeadLettersCommand(argv, log, locate);
});
