import { isIP } from 'node:net';
import type { NewUser, UserStore } from './userStore';
import { generatePassword, verifyPassword } from './passwords';

/**
 * Demo users, created only in demo mode on a loopback address (README "Demo users"). Their
 * passwords are published, so a server reachable from the network never gets them: it gets
 * a one-time admin password instead, and demo users still on their published password are
 * disabled (`seedUsers`).
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

const FIRST_ADMIN = 'admin';

/**
 * Whether listening on `host` (the HOST setting) keeps the server on this machine:
 * `localhost`, 127.0.0.0/8, ::1 (also IPv4-mapped). `0.0.0.0`, `::` and any other name or
 * address may be reached from the network.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) !== 6) return false;
  // The URL parser writes IPv6 in its one canonical form: ::1, and 127.x mapped as ::ffff:7fxx:…
  const canonical = new URL(`http://[${bare}]/`).hostname;
  return canonical === '[::1]' || canonical.startsWith('[::ffff:7f');
}

/**
 * Adds a user unless it exists. Several nodes starting together on one Redis race here:
 * the store's set-if-absent lets exactly one add it; the others see it and resolve false.
 */
async function addIfAbsent(users: UserStore, user: NewUser): Promise<boolean> {
  if (await users.get(user.username)) return false;
  try {
    await users.add(user);
    return true;
  } catch (error) {
    if (await users.get(user.username)) return false; // another node was first
    throw error;
  }
}

/** Creates the demo users that do not exist yet; resolves to the names this call created. */
export async function ensureDemoUsers(users: UserStore): Promise<string[]> {
  const created: string[] = [];
  for (const user of DEMO_USERS) {
    if (await addIfAbsent(users, user)) created.push(user.username);
  }
  return created;
}

export type FirstAdmin =
  /** This call created `admin`: print the password once. */
  | { outcome: 'created'; password: string }
  /** Another node starting at the same time created it (its log has the password). */
  | { outcome: 'created_elsewhere' }
  /** Users existed already: nothing to do. */
  | { outcome: 'users_exist' };

/**
 * On a first start with no users at all, creates `admin` with a random password. Whatever
 * the number of nodes starting together on one Redis, exactly one creates it: the claim is
 * the store's atomic set-if-absent on the `admin` field of the users hash. No call throws
 * for having lost that race.
 */
export async function ensureFirstAdmin(users: UserStore): Promise<FirstAdmin> {
  if ((await users.count()) > 0) return { outcome: 'users_exist' };
  const password = generatePassword();
  // One-time: whoever reads it from the log must choose their own at the first sign-in.
  const created = await addIfAbsent(users, {
    username: FIRST_ADMIN,
    password,
    role: 'admin',
    regions: 'all',
    mustChangePassword: true,
  });
  return created ? { outcome: 'created', password } : { outcome: 'created_elsewhere' };
}

/**
 * Disables the demo users that still have their published password (one changed by its owner
 * is an account like any other). Resolves to the names disabled by this call.
 */
export async function disablePublishedDemoUsers(users: UserStore): Promise<string[]> {
  const disabled: string[] = [];
  for (const demo of DEMO_USERS) {
    const user = await users.get(demo.username);
    if (!user || user.isDisabled || !(await verifyPassword(demo.password, user.passwordHash))) continue;
    // Only if nobody set a new password meanwhile (compare-and-set on the record).
    let didDisable = false;
    await users.update(demo.username, (current) => {
      didDisable = current.passwordHash === user.passwordHash && !current.isDisabled;
      return didDisable ? { ...current, isDisabled: true } : current;
    });
    if (didDisable) disabled.push(demo.username);
  }
  return disabled;
}

export interface SeedResult {
  /** Demo users this call created (demo mode on loopback only). */
  demoCreated: string[];
  /** Demo users this call disabled (HOST not loopback, published password unchanged). */
  demoDisabled: string[];
  /** Outside demo mode, or in demo mode off loopback; null when not attempted. */
  firstAdmin: FirstAdmin | null;
}

/**
 * Start-up seeding. Demo users exist only while the server listens on loopback: with
 * `host` on the network they are not created, those still on their published password are
 * disabled, and a first start gets the one-time admin as outside demo mode.
 */
export async function seedUsers(users: UserStore, options: { demo: boolean; host: string }): Promise<SeedResult> {
  if (options.demo && isLoopbackHost(options.host)) {
    return { demoCreated: await ensureDemoUsers(users), demoDisabled: [], firstAdmin: null };
  }
  const demoDisabled = isLoopbackHost(options.host) ? [] : await disablePublishedDemoUsers(users);
  return { demoCreated: [], demoDisabled, firstAdmin: await ensureFirstAdmin(users) };
}
