import { applyEvent, createProjection, type EventEnvelope, type ProjectionState } from '@shared';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { readCursor } from '../../../server/src/archive/archiveCursor';
import { createPgArchiveDb } from '../../../server/src/archive/pgArchiveDb';
import { createPgliteArchiveDb } from '../../../server/src/archive/pgliteArchiveDb';
import { createTrafficModel } from '../../../server/src/simulator/createTrafficModel';
import { decodeEntry } from '../../../server/src/stream/decodeEntry';
import type { LogEntry } from '../../../server/src/stream/eventLog';
import { waitFor } from '../../support/events';
import { createTestDatabase } from '../../support/postgres';

/** One archive database for a test file, and a way to open a second connection to it. */
export interface ArchiveTarget {
  db: ArchiveDb;
  /** Another handle on the same database (a second process would have one); PGlite: the same. */
  openAnother(): Promise<ArchiveDb>;
  cleanup(): Promise<void>;
}

/** The two implementations every contract test runs against. */
export const ARCHIVE_TARGETS: ReadonlyArray<{ kind: string; open: () => Promise<ArchiveTarget> }> = [
  {
    kind: 'pglite (worker)',
    async open() {
      const db = await createPgliteArchiveDb({ dataDir: null });
      return { db, openAnother: async () => db, cleanup: () => db.close() };
    },
  },
  {
    kind: 'postgresql',
    async open() {
      const database = await createTestDatabase();
      const db = createPgArchiveDb({ url: database.url });
      const others: ArchiveDb[] = [];
      return {
        db,
        async openAnother() {
          const other = createPgArchiveDb({ url: database.url });
          others.push(other);
          return other;
        },
        async cleanup() {
          // The database goes even when a pool fails to close (DROP … WITH (FORCE)).
          try {
            for (const other of others) await other.close();
            await db.close();
          } finally {
            await database.drop();
          }
        },
      };
    },
  },
];

/** A seeded hour of simulator traffic with two bursts (incidents linking appeals). */
export function generateTraffic(seed: number, minutes = 60, rate = 0.2): EventEnvelope[] {
  const start = Date.parse('2026-03-02T04:00:00Z');
  const model = createTrafficModel({
    seed,
    startAt: start,
    rate,
    maxActiveAppeals: 100,
    burstChance: 0,
    bursts: [{ at: start + 10 * 60_000 }, { at: start + 30 * 60_000 }],
  });
  const events: EventEnvelope[] = [];
  for (let t = start; t <= start + minutes * 60_000; t += 60_000) events.push(...model.step(t));
  return events;
}

/** The naive fold: the projection's reducer over every decodable entry, in stream order. */
export function foldEntries(entries: readonly LogEntry[]): ProjectionState {
  const state = createProjection();
  for (const entry of entries) {
    const decoded = decodeEntry(entry, null);
    if (decoded.ok) applyEvent(state, decoded.event);
  }
  return state;
}

/** What the comparison looks at for one appeal, from the fold or from the archive. */
export interface AppealFacts {
  id: string;
  status: string;
  priority: string;
  service: string | null;
  assignee: string | null;
  incidentId: string | null;
  registeredAt: number;
  respondedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  responseDueAt: number;
  dueAt: number;
  updatedAt: number;
  events: number;
}

export function foldFacts(state: ProjectionState): AppealFacts[] {
  return [...state.appeals.values()]
    .map((a) => ({
      id: a.id,
      status: a.status,
      priority: a.priority,
      service: a.service ?? null,
      assignee: a.assignee ?? null,
      incidentId: a.incidentId ?? null,
      registeredAt: a.registeredAt,
      respondedAt: a.respondedAt,
      resolvedAt: a.resolvedAt,
      closedAt: a.closedAt,
      responseDueAt: a.responseDueAt,
      dueAt: a.dueAt,
      updatedAt: a.updatedAt,
      events: a.streamIds.length,
    }))
    .sort((x, y) => (x.id < y.id ? -1 : 1));
}

const msOrNull = (value: unknown): number | null => (value === null ? null : (value as Date).getTime());

export async function archivedFacts(db: ArchiveDb): Promise<AppealFacts[]> {
  const { rows } = await db.query(
    `SELECT a.*, (SELECT count(*)::int FROM appeal_events e WHERE e.appeal_id = a.id) AS events
       FROM appeals a`,
  );
  return rows
    .map((r) => ({
      id: r.id as string,
      status: r.status as string,
      priority: r.priority as string,
      service: r.service as string | null,
      assignee: r.assignee as string | null,
      incidentId: r.incident_id as string | null,
      registeredAt: msOrNull(r.registered_at) as number,
      respondedAt: msOrNull(r.responded_at),
      resolvedAt: msOrNull(r.resolved_at),
      closedAt: msOrNull(r.closed_at),
      responseDueAt: msOrNull(r.response_due_at) as number,
      dueAt: msOrNull(r.resolution_due_at) as number,
      updatedAt: msOrNull(r.updated_at) as number,
      events: r.events as number,
    }))
    .sort((x, y) => (x.id < y.id ? -1 : 1));
}

/** Incident id → linked appeal ids (sorted), from the fold or the archive. */
export function foldLinks(state: ProjectionState): Record<string, string[]> {
  return Object.fromEntries([...state.incidents.values()].map((i) => [i.id, [...i.appealIds].sort()]));
}

export async function archivedLinks(db: ArchiveDb): Promise<Record<string, string[]>> {
  const { rows } = await db.query<{ id: string; appeal_ids: string[] | null }>(
    `SELECT i.id, array_agg(l.appeal_id ORDER BY l.appeal_id) FILTER (WHERE l.appeal_id IS NOT NULL) AS appeal_ids
       FROM incidents i LEFT JOIN incident_appeals l ON l.incident_id = i.id GROUP BY i.id`,
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.appeal_ids ?? []]));
}

/** Event ids the fold applied, in stream order (appeal and incident events). */
export function foldEventIds(entries: readonly LogEntry[]): string[] {
  const state = createProjection();
  const ids: string[] = [];
  for (const entry of entries) {
    const decoded = decodeEntry(entry, null);
    if (decoded.ok && applyEvent(state, decoded.event).kind === 'applied') ids.push(decoded.event.id);
  }
  return ids;
}

/** Every archived event id with how often it is stored (a primary key makes >1 impossible, but count anyway). */
export async function archivedEventIds(db: ArchiveDb): Promise<string[]> {
  const { rows } = await db.query<{ event_id: string }>(
    `SELECT event_id FROM appeal_events UNION ALL SELECT event_id FROM incident_events`,
  );
  return rows.map((r) => r.event_id);
}

/** Waits until the consumer's cursor stands at `lastId`. */
export async function waitForCursor(db: ArchiveDb, lastId: string, timeoutMs = 60_000, name = 'events'): Promise<void> {
  await waitFor(
    async () => (await readCursor(db, name))?.streamId === lastId,
    timeoutMs,
    `archive cursor at ${lastId}`,
  );
}
