import type { RegionScope, Role, SessionUser } from '@shared';
import type { KeyValueStore } from '../stream/eventLog';
import { USERS_KEY } from '../keys';
import { hashPassword } from './passwords';

/** Hash holding one JSON record per user, keyed by username. */

export interface UserRecord {
  username: string;
  role: Role;
  regions: RegionScope;
  displayName?: string;
  passwordHash: string;
  isDisabled: boolean;
  /** Raised on password reset, disable and role/region change: sessions of an older version are void. */
  sessionVersion?: number;
  /**
   * The password is a one-time one (generated, or typed by an admin): until the user picks
   * their own, sign-in reaches only the change-password screen (`isPasswordChangeRequired`).
   */
  mustChangePassword?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  regions: RegionScope;
  displayName?: string;
  /** Set for a one-time password (admin create, `npm run users`, the first admin). */
  mustChangePassword?: boolean;
}

export interface UserStore {
  get(username: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  count(): Promise<number>;
  /** Creates a user; rejects when the username is taken. */
  add(user: NewUser): Promise<UserRecord>;
  /** Saves a changed record (role, regions, disabled, password hash). */
  update(username: string, change: (user: UserRecord) => UserRecord): Promise<UserRecord | null>;
  /**
   * Replaces the password and voids every session signed in with the old one. A one-time
   * password (`mustChangePassword: true`) has to be changed at the next sign-in.
   */
  setPassword(username: string, password: string, options: { mustChangePassword: boolean }): Promise<UserRecord | null>;
}

/** True while the user still has a one-time password; everything but changing it is refused. */
export function isPasswordChangeRequired(user: Pick<UserRecord, 'mustChangePassword'>): boolean {
  return user.mustChangePassword === true;
}

/** The public face of a user record. */
export function toSessionUser(user: UserRecord): SessionUser {
  return {
    username: user.username,
    role: user.role,
    regions: user.regions,
    ...(user.displayName ? { displayName: user.displayName } : {}),
    isKiosk: false,
    ...(isPasswordChangeRequired(user) ? { mustChangePassword: true } : {}),
  };
}

/** Users live in Redis (or the memory log) so every server node sees the same ones. */
export function createUserStore(log: KeyValueStore, now: () => number = Date.now): UserStore {
  const parse = (raw: string | null): UserRecord | null => (raw ? (JSON.parse(raw) as UserRecord) : null);

  const store: UserStore = {
    get: async (username) => parse(await log.hashGet(USERS_KEY, username)),
    async list() {
      const all = await log.hashGetAll(USERS_KEY);
      return Object.values(all)
        .map((raw) => JSON.parse(raw) as UserRecord)
        .sort((a, b) => a.username.localeCompare(b.username));
    },
    count: async () => Object.keys(await log.hashGetAll(USERS_KEY)).length,
    async add(user) {
      const at = new Date(now()).toISOString();
      const record: UserRecord = {
        username: user.username,
        role: user.role,
        regions: user.regions,
        ...(user.displayName ? { displayName: user.displayName } : {}),
        passwordHash: await hashPassword(user.password),
        isDisabled: false,
        ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
        createdAt: at,
        updatedAt: at,
      };
      // Set-if-absent: two admins adding the same name at once cannot both succeed.
      if (!(await log.hashCompareAndSet(USERS_KEY, record.username, null, JSON.stringify(record)))) {
        throw new Error(`user ${user.username} already exists`);
      }
      return record;
    },
    async update(username, change) {
      // Compare-and-set, retried: two concurrent edits (disable + change regions) both land.
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const raw = await log.hashGet(USERS_KEY, username);
        const current = parse(raw);
        if (!current) return null;
        const next = { ...change(current), username, updatedAt: new Date(now()).toISOString() };
        if (await log.hashCompareAndSet(USERS_KEY, username, raw, JSON.stringify(next))) return next;
      }
      throw new Error(`user ${username} is being changed by someone else, try again`);
    },
    async setPassword(username, password, options) {
      const passwordHash = await hashPassword(password);
      // A new password ends every session signed in with the old one.
      return store.update(username, ({ mustChangePassword: _old, ...user }) => ({
        ...user,
        passwordHash,
        sessionVersion: (user.sessionVersion ?? 0) + 1,
        ...(options.mustChangePassword ? { mustChangePassword: true } : {}),
      }));
    },
  };
  return store;
}
