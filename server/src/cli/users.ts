import { createAuditLog, type AuditAction } from '../audit/createAuditLog';
import { createUserStore } from '../auth/userStore';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createRedisLog } from '../stream/redisLog';
import { runUsersCommand } from './runUsersCommand';

const AUDIT_ACTION_OF: Record<string, AuditAction> = {
  add: 'user.create',
  disable: 'user.disable',
  enable: 'user.enable',
  reset: 'user.password_reset',
};

/**
 * `npm run users -- add|list|disable|enable|reset`: manages users in the Redis at
 * REDIS_URL (the same one the server uses). Changes are written to the audit stream.
 */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  if (!config.REDIS_URL) {
    console.error('REDIS_URL must point at the Redis the server uses (for the embedded demo: see the start-up log).');
    process.exit(2);
  }
  const logger = createLogger('warn');
  const log = await createRedisLog({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX, logger });
  try {
    const argv = process.argv.slice(2);
    const result = await runUsersCommand(argv, createUserStore(log));
    const [command, target] = argv;
    if (result.code === 0 && command && command !== 'list') {
      await createAuditLog(log).record({
        actor: `cli:${process.env.USER ?? 'unknown'}`,
        role: 'admin',
        action: AUDIT_ACTION_OF[command] ?? 'user.update',
        target: `user:${target ?? ''}`,
        requestId: 'cli',
      });
    }
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
