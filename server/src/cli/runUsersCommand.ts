import { createUserBodySchema, describeIssues, regionScopeSchema, roleSchema, type RegionScope } from '@shared';
import { parseArgs } from 'node:util';
import { generatePassword } from '../auth/passwords';
import type { UserStore } from '../auth/userStore';

export const USERS_USAGE = `Usage: npm run users -- <command>
  list                                         every user, role, regions, state
  add <name> --role R [--regions all|KZ-71,KZ-75] [--name "Display name"]
                                               creates a user; prints a one-time password
                                               (to be changed at the first sign-in)
  disable <name>                               blocks sign-in and ends live sessions
  enable <name>
  reset <name>                                 new one-time password (ends their sessions)
Roles: operator, supervisor, agent, admin.`;

/** Result of one command: text to print and the exit code. */
export interface CommandResult {
  output: string;
  code: number;
}

function parseRegions(value: string | undefined): { ok: true; regions: RegionScope } | { ok: false; error: string } {
  const raw = value === undefined || value === 'all' ? 'all' : value.split(',').map((r) => r.trim());
  const parsed = regionScopeSchema.safeParse(raw, { reportInput: true });
  return parsed.success
    ? { ok: true, regions: parsed.data }
    : { ok: false, error: `--regions: ${describeIssues(parsed.error)}` };
}

/**
 * The user manager behind `npm run users` (and testable without a process): pure
 * argument handling over a UserStore. Changes made here are audited by the caller.
 */
export async function runUsersCommand(argv: readonly string[], users: UserStore): Promise<CommandResult> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { role: { type: 'string' }, regions: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  const [command, username] = positionals;
  const fail = (output: string): CommandResult => ({ output, code: 2 });
  switch (command ?? '') {
    case 'list': {
      const rows = (await users.list()).map(
        (u) =>
          `${u.username.padEnd(20)} ${u.role.padEnd(11)} ${(u.regions === 'all' ? 'all' : u.regions.join(',')).padEnd(24)} ${u.isDisabled ? 'disabled' : 'active'}${u.mustChangePassword ? ', one-time password' : ''}`,
      );
      return { output: rows.length > 0 ? rows.join('\n') : '(no users)', code: 0 };
    }
    case 'add': {
      const role = roleSchema.safeParse(values.role);
      if (!role.success) return fail(`--role: one of operator, supervisor, agent, admin\n\n${USERS_USAGE}`);
      const scope = parseRegions(values.regions);
      if (!scope.ok) return fail(scope.error);
      const regions = scope.regions;
      const password = generatePassword();
      const body = createUserBodySchema.safeParse(
        { username, password, role: role.data, regions, ...(values.name ? { displayName: values.name } : {}) },
        { reportInput: true },
      );
      if (!body.success) return fail(describeIssues(body.error));
      if (await users.get(body.data.username)) return fail(`user ${body.data.username} already exists`);
      await users.add({ ...body.data, mustChangePassword: true });
      return { output: `created ${body.data.username} (${role.data}); one-time password: ${password}`, code: 0 };
    }
    case 'disable':
    case 'enable': {
      const user = await users.update(username ?? '', (u) => ({ ...u, isDisabled: command === 'disable' }));
      return user ? { output: `${user.username} ${command}d`, code: 0 } : fail(`no such user: ${username ?? ''}`);
    }
    case 'reset': {
      const password = generatePassword();
      const user = await users.setPassword(username ?? '', password, { mustChangePassword: true });
      return user
        ? { output: `new one-time password for ${user.username}: ${password}`, code: 0 }
        : fail(`no such user: ${username ?? ''}`);
    }
    default:
      return fail(USERS_USAGE);
  }
}
