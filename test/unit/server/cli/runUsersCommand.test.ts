import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../../server/src/auth/passwords';
import { createUserStore } from '../../../../server/src/auth/userStore';
import { runUsersCommand } from '../../../../server/src/cli/runUsersCommand';
import { createMemoryLog } from '../../../../server/src/embedded/memoryLog';

describe('npm run users', () => {
  it('adds a user with a working one-time password, lists, disables, enables and resets', async () => {
    const users = createUserStore(createMemoryLog());
    const added = await runUsersCommand(['add', 'aigerim', '--role', 'supervisor', '--regions', 'KZ-71,KZ-75'], users);
    expect(added.code).toBe(0);
    const password = /one-time password: (\S+)/.exec(added.output)?.[1] ?? '';
    const stored = await users.get('aigerim');
    expect(stored).toMatchObject({
      role: 'supervisor',
      regions: ['KZ-71', 'KZ-75'],
      isDisabled: false,
      mustChangePassword: true,
    });
    expect(await verifyPassword(password, stored?.passwordHash ?? '')).toBe(true);

    expect((await runUsersCommand(['list'], users)).output).toMatch(/aigerim\s+supervisor\s+KZ-71,KZ-75\s+active/);
    expect((await runUsersCommand(['disable', 'aigerim'], users)).code).toBe(0);
    expect((await users.get('aigerim'))?.isDisabled).toBe(true);
    expect((await runUsersCommand(['enable', 'aigerim'], users)).code).toBe(0);
    expect((await users.get('aigerim'))?.isDisabled).toBe(false);

    await users.update('aigerim', (u) => ({ ...u, mustChangePassword: false })); // as after her own change
    const reset = await runUsersCommand(['reset', 'aigerim'], users);
    const next = /password for aigerim: (\S+)/.exec(reset.output)?.[1] ?? '';
    const after = await users.get('aigerim');
    expect(await verifyPassword(next, after?.passwordHash ?? '')).toBe(true);
    expect(await verifyPassword(password, after?.passwordHash ?? '')).toBe(false);
    // A reset password is one-time too, even after the user had chosen their own.
    expect(after?.mustChangePassword).toBe(true);
  });

  it.each([
    [['add', 'x1', '--role', 'king'], '--role'],
    [['add', 'valid-name', '--role', 'agent', '--regions', 'KZ-99'], 'unknown region KZ-99'],
    [['add', 'A B', '--role', 'agent'], 'username'],
    [['disable', 'nobody'], 'no such user: nobody'],
    [['fly'], 'Usage'],
  ])('refuses %j with a specific message', async (argv, message) => {
    const result = await runUsersCommand(argv, createUserStore(createMemoryLog()));
    expect(result.code).toBe(2);
    expect(result.output).toContain(message);
  });

  it('refuses a second user with the same name', async () => {
    const users = createUserStore(createMemoryLog());
    await runUsersCommand(['add', 'dana', '--role', 'agent'], users);
    expect(await runUsersCommand(['add', 'dana', '--role', 'agent'], users)).toEqual({
      output: 'user dana already exists',
      code: 2,
    });
  });
});
