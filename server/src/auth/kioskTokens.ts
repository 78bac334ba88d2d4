import { createHash, randomBytes } from 'node:crypto';
import type { KioskToken, RegionScope } from '@shared';
import type { KeyValueStore } from '../stream/eventLog';
import { KIOSK_TOKENS_KEY } from '../keys';

export type { KioskToken };

export interface KioskTokenStore {
  /** Issues a token; the secret is returned once, to be put in the wall screen's URL. */
  issue(label: string, regions: RegionScope, createdBy: string): Promise<{ token: KioskToken; secret: string }>;
  /** The token a secret belongs to, or null (unknown or revoked). */
  verify(secret: string): Promise<KioskToken | null>;
  get(id: string): Promise<KioskToken | null>;
  list(): Promise<KioskToken[]>;
  revoke(id: string): Promise<boolean>;
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/**
 * Read-only operator tokens for wall screens (opened as /kiosk/<secret>). Stored by id,
 * with the secret's SHA-256 in an index, so revoking by id needs no secret.
 */
export function createKioskTokenStore(log: KeyValueStore, now: () => number = Date.now): KioskTokenStore {
  const parse = (raw: string | null) => (raw ? (JSON.parse(raw) as KioskToken & { digest: string }) : null);
  const strip = ({ digest: _d, ...token }: KioskToken & { digest: string }): KioskToken => token;
  return {
    async issue(label, regions, createdBy) {
      const secret = randomBytes(24).toString('base64url');
      const token: KioskToken = {
        id: randomBytes(6).toString('hex'),
        label,
        regions,
        createdBy,
        createdAt: new Date(now()).toISOString(),
      };
      await log.hashSet(KIOSK_TOKENS_KEY, token.id, JSON.stringify({ ...token, digest: digest(secret) }));
      await log.hashSet(`${KIOSK_TOKENS_KEY}:by-digest`, digest(secret), token.id);
      return { token, secret };
    },
    async verify(secret) {
      if (!/^[\w-]{20,64}$/.test(secret)) return null;
      const id = await log.hashGet(`${KIOSK_TOKENS_KEY}:by-digest`, digest(secret));
      const token = id ? parse(await log.hashGet(KIOSK_TOKENS_KEY, id)) : null;
      return token && token.digest === digest(secret) ? strip(token) : null;
    },
    async get(id) {
      const token = parse(await log.hashGet(KIOSK_TOKENS_KEY, id));
      return token ? strip(token) : null;
    },
    async list() {
      const all = await log.hashGetAll(KIOSK_TOKENS_KEY);
      return Object.values(all).map((raw) => strip(JSON.parse(raw) as KioskToken & { digest: string }));
    },
    async revoke(id) {
      const token = parse(await log.hashGet(KIOSK_TOKENS_KEY, id));
      if (!token) return false;
      await log.hashDelete(`${KIOSK_TOKENS_KEY}:by-digest`, token.digest);
      return log.hashDelete(KIOSK_TOKENS_KEY, id);
    },
  };
}
