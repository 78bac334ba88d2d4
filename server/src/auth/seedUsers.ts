import type { NewUser, UserStore } from './userStore';
import { generatePassword } from './passwords';

/**
 * Demo users, created only in demo mode (README "Demo users"). Never in production: a
 * server with REDIS_URL and DEMO unset gets a one-time admin password instead.
 */
export const DEMO_USERS: readonly NewUser[] = [
  { username: 'operator', password: 'ortalyq-operator', role: 'operator', regions: 'all', displayName: 'Оператор ЦОУ' },
  {
    username: 'supervisor',
    password: 'ortalyq-supervisor',
    role: 'supervisor',
    regions: ['KZ-71', 'KZ-11'],
    displayName: 'Руководитель смены (Астана, Акмолинская обл.)',
  },
  { username: 'agent', password: 'ortalyq-agent', role: 'agent', regions: ['KZ-71'], displayName: 'Оператор 109' },
  { username: 'admin', password: 'ortalyq-admin', role: 'admin', regions: 'all', displayName: 'Администратор' },
];

/** Creates the demo users that do not exist yet; resolves to the names created. */
export async function ensureDemoUsers(users: UserStore): Promise<string[]> {
  const created: string[] = [];
  for (const user of DEMO_USERS) {
    if (await users.get(user.username)) continue;
    await users.add(user);
    created.push(user.username);
  }
  return created;
}

/**
 * On a first start with no users at all, creates `admin` with a random password and
 * returns it (to be printed once); null when users already exist.
 */
export async function ensureFirstAdmin(users: UserStore): Promise<string | null> {
  if ((await users.count()) > 0) return null;
  const password = generatePassword();
  await users.add({ username: 'admin', password, role: 'admin', regions: 'all' });
  return password;
}
