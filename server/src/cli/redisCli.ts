import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { createAuditLog, type AuditAction } from '../audit/createAuditLog';
import { parseConfig, type Config } from '../config';
import { createLogger } from '../logger';
import { createRedisLog } from '../stream/redisLog';
import type { EventLog } from '../stream/eventLog';

/** What a command returns: printed to stdout (code 0) or stderr, and the process's exit code. */
export interface CliResult {
  code: number;
  output: string;
}

export interface CliContext {
  config: Config;
  log: EventLog;
  argv: string[];
  /** Audits a change made from the command line: actor `cli:$USER`, role admin. */
  audit: (action: AuditAction, target: string, changed?: string[]) => Promise<unknown>;
  /** A UTF-8 file's text; never decoded with replacement characters (a name would change silently). */
  readUtf8File: (path: string, hint?: string) => Promise<string>;
}

/**
 * The one bootstrap of the Redis CLIs (`npm run users|services|calendar|deadletters`): the
 * Redis at REDIS_URL (the server's, with its REDIS_PREFIX), the command run, its output
 * printed, the exit code set, the connection closed.
 */
export function runRedisCli(command: (context: CliContext) => Promise<CliResult>): void {
  main(command).catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}

async function main(command: (context: CliContext) => Promise<CliResult>): Promise<void> {
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
  const auditLog = createAuditLog(log);
  try {
    const result = await command({
      config,
      log,
      argv: process.argv.slice(2),
      audit: (action, target, changed) =>
        auditLog.record({
          actor: `cli:${process.env.USER ?? 'unknown'}`,
          role: 'admin',
          action,
          target,
          ...(changed ? { changed } : {}),
          requestId: 'cli',
        }),
      async readUtf8File(path, hint) {
        const bytes = await readFile(path);
        if (!isUtf8(bytes)) throw new Error(`${path} is not UTF-8${hint ? `: ${hint}` : ''}`);
        return bytes.toString('utf8');
      },
    });
    if (result.code === 0) process.stdout.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
    else console.error(result.output);
    process.exitCode = result.code;
  } finally {
    await log.close();
  }
}
