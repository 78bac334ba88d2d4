import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { createAuditLog } from '../audit/createAuditLog';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createRedisLog } from '../stream/redisLog';
import { appendCalendarYear, readAddedYears } from './calendarYearsStore';
import { runCalendarCommand } from './runCalendarCommand';

/**
 * `npm run calendar -- list|show <year>|add <year.json>`: the working-day calendar's years in
 * the Redis at REDIS_URL (the one the server uses). An added year is audited.
 */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  if (!config.REDIS_URL) {
    console.error('REDIS_URL must point at the Redis the server uses (for the embedded demo: see the start-up log).');
    process.exit(2);
  }
  const log = await createRedisLog({
    url: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    logger: createLogger('warn'),
  });
  const audit = createAuditLog(log);
  try {
    const result = await runCalendarCommand(process.argv.slice(2), {
      addedYears: () => readAddedYears(log),
      appendYear: (year) => appendCalendarYear(log, year, new Date()),
      async readFile(path) {
        const bytes = await readFile(path);
        if (!isUtf8(bytes)) throw new Error(`${path} is not UTF-8`);
        return bytes.toString('utf8');
      },
      audit: (action, target, changed) =>
        audit.record({
          actor: `cli:${process.env.USER ?? 'unknown'}`,
          role: 'admin',
          action,
          target,
          ...(changed ? { changed } : {}),
          requestId: 'cli',
        }),
    });
    if (result.code === 0) process.stdout.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
    else console.error(result.output);
    process.exitCode = result.code;
  } finally {
    await log.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
