import { randomUUID } from 'node:crypto';
import type { Organisation, OrganisationInput, OrganisationPatch } from '@shared';
import type { EventLog } from '../stream/eventLog';

/** Hash holding one JSON record per organisation, keyed by БИН (like the users' hash). */
const SERVICES_KEY = 'services';
/** Changed on every write, so each node reloads its cached copy only when something changed. */
const VERSION_KEY = 'services:version';

/** The whole directory at one version, with a БИН index (assignment and the load view read this). */
export interface DirectorySnapshot {
  version: string;
  organisations: readonly Organisation[];
  byBin: ReadonlyMap<string, Organisation>;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface ServiceDirectory {
  get(bin: string): Promise<Organisation | null>;
  /** Every organisation, sorted by Russian name. */
  list(): Promise<Organisation[]>;
  /** The cached directory, reloaded when another node (or the CLI) changed it. */
  snapshot(): Promise<DirectorySnapshot>;
  /** Creates one; resolves to null when the БИН is taken. */
  create(input: OrganisationInput): Promise<Organisation | null>;
  /** Changes one; null when there is no such БИН. */
  update(bin: string, patch: OrganisationPatch): Promise<Organisation | null>;
  /** Creates or replaces (CSV import, demo seed); says which it was. */
  upsert(input: OrganisationInput): Promise<UpsertOutcome>;
}

const sameFields = (a: OrganisationInput, b: OrganisationInput): boolean =>
  JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));

function comparable(o: OrganisationInput): unknown[] {
  return [o.bin, o.name.ru, o.name.kk, o.name.en ?? null, o.kind, o.regions, o.categories, o.phone ?? null, o.active];
}

/** Only the input's fields, in a fixed order (nothing else a caller passed is stored). */
function record(input: OrganisationInput, createdAt: string, updatedAt: string): Organisation {
  return {
    bin: input.bin,
    name: { ru: input.name.ru, kk: input.name.kk, ...(input.name.en ? { en: input.name.en } : {}) },
    kind: input.kind,
    regions: [...input.regions],
    categories: [...input.categories],
    ...(input.phone ? { phone: input.phone } : {}),
    active: input.active,
    createdAt,
    updatedAt,
  };
}

/**
 * The service directory in Redis (or the memory log), beside the users: every node and the
 * CLI see the same one. All access goes through the log's key-value methods in this module.
 */
export function createServiceDirectory(log: EventLog, now: () => number = Date.now): ServiceDirectory {
  let cached: DirectorySnapshot | null = null;
  const stamp = () => new Date(now()).toISOString();
  const parse = (raw: string | null): Organisation | null => (raw ? (JSON.parse(raw) as Organisation) : null);
  const touch = () => log.setValue(VERSION_KEY, randomUUID());

  async function list(): Promise<Organisation[]> {
    const all = await log.hashGetAll(SERVICES_KEY);
    return Object.values(all)
      .map((raw) => JSON.parse(raw) as Organisation)
      .sort((a, b) => a.name.ru.localeCompare(b.name.ru, 'ru') || a.bin.localeCompare(b.bin));
  }

  /** Read-modify-write with compare-and-set, retried: concurrent edits of one БИН both land. */
  async function change(
    bin: string,
    next: (current: Organisation | null) => Organisation | null,
  ): Promise<{ before: Organisation | null; after: Organisation | null }> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const raw = await log.hashGet(SERVICES_KEY, bin);
      const before = parse(raw);
      const after = next(before);
      if (after === null || after === before) return { before, after: after === before ? before : null };
      if (await log.hashCompareAndSet(SERVICES_KEY, bin, raw, JSON.stringify(after))) {
        await touch();
        return { before, after };
      }
    }
    throw new Error(`service ${bin} is being changed by someone else, try again`);
  }

  return {
    get: async (bin) => parse(await log.hashGet(SERVICES_KEY, bin)),
    list,
    async snapshot() {
      const version = (await log.getValue(VERSION_KEY)) ?? 'none';
      if (cached?.version === version) return cached;
      const organisations = await list();
      cached = { version, organisations, byBin: new Map(organisations.map((o) => [o.bin, o])) };
      return cached;
    },
    async create(input) {
      const at = stamp();
      const { before, after } = await change(input.bin, (current) => (current ? null : record(input, at, at)));
      return before ? null : after;
    },
    async update(bin, patch) {
      const { after } = await change(bin, (current) =>
        current ? record({ ...current, ...patch, bin }, current.createdAt, stamp()) : null,
      );
      return after;
    },
    async upsert(input) {
      let outcome: UpsertOutcome = 'unchanged';
      await change(input.bin, (current) => {
        if (current && sameFields(current, input)) {
          outcome = 'unchanged';
          return current;
        }
        outcome = current ? 'updated' : 'created';
        const at = stamp();
        return record(input, current?.createdAt ?? at, at);
      });
      return outcome;
    },
  };
}
