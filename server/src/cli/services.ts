import { createServiceDirectory } from '../services/serviceDirectory';
import { runRedisCli } from './redisCli';
import { runServicesCommand } from './runServicesCommand';

/**
 * `npm run services -- list|add|deactivate|activate|import <file.csv>|export`: manages the
 * service directory in the Redis at REDIS_URL (the one the server uses). Changes are audited.
 */
runRedisCli(({ log, argv, audit, readUtf8File }) =>
  runServicesCommand(argv, {
    directory: createServiceDirectory(log),
    readFile: (path) => readUtf8File(path, 'save it as "CSV UTF-8" and import again'),
    audit,
  }),
);
