import type { AuditAction } from '../audit/createAuditLog';
import { createUserStore } from '../auth/userStore';
import { runRedisCli } from './redisCli';
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
runRedisCli(async ({ log, argv, audit }) => {
  const result = await runUsersCommand(argv, createUserStore(log));
  const [command, target] = argv;
  if (result.code === 0 && command && command !== 'list') {
    await audit(AUDIT_ACTION_OF[command] ?? 'user.update', `user:${target ?? ''}`);
  }
  return result;
});
