import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appeal } from '@shared';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { createHistoryBackfill } from '../../../server/src/archive/history/createHistoryBackfill';
import { loadAppeals, upsertAppeals } from '../../../server/src/archive/appealsTable';
import { migrate } from '../../../server/src/archive/migrate';
import {
  ERASURE_ACTION,
  erasePersonalData,
  RETENTION_ACTOR,
} from '../../../server/src/archive/privacy/erasePersonalData';
import { createSilentLogger } from '../../../server/src/logger';
import { ARCHIVE_TARGETS, type ArchiveTarget } from './archiveFixtures';

const SLOW_MS = 240_000;
const DAY = 86_400_000;
const LIVE_START = Date.parse('2026-01-20T06:00:00Z');
const RETENTION_DAYS = 1095;
/** The clock at which appeals finished before the history's middle are due. */
const MIDDLE = LIVE_START - 1.5 * DAY;
const NOW = MIDDLE + RETENTION_DAYS * DAY;

const count = async (db: ArchiveDb, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await db.query<{ n: string }>(sql, params)).rows[0]?.n);
const FINISHED_AT = 'coalesce(closed_at, resolved_at, updated_at)';

describe.each(ARCHIVE_TARGETS)('personal data retention and BI views on $kind', ({ open }) => {
  let target: ArchiveTarget;
  let db: ArchiveDb;

  beforeAll(async () => {
    target = await open();
    db = target.db;
    await migrate(db);
    const history = await createHistoryBackfill({
      db,
      logger: createSilentLogger(),
      days: 3,
      perDay: 300,
      liveStartAt: LIVE_START,
      seed: 77,
      out: null,
    }).run();
    expect(history.state).toBe('done');
  }, SLOW_MS);
  afterAll(() => target.cleanup(), SLOW_MS);

  it(
    'erases name and phone from appeals finished longer ago than the retention, and from their events, audited',
    async () => {
      const due = await count(db, `SELECT count(*) AS n FROM appeals WHERE ${FINISHED_AT} < $1`, [
        new Date(MIDDLE).toISOString(),
      ]);
      const total = await count(db, 'SELECT count(*) AS n FROM appeals');
      expect(due).toBeGreaterThan(0);
      expect(due).toBeLessThan(total);
      expect(await count(db, 'SELECT count(*) AS n FROM appeals WHERE citizen_name IS NOT NULL')).toBeGreaterThan(0);

      const result = await erasePersonalData(db, { retentionDays: RETENTION_DAYS, now: NOW, batchSize: 100 });
      expect(result.appeals).toBe(due);
      expect(result.events).toBeGreaterThan(0);

      // Due appeals: no personal data left, anywhere; the appeal and its timeline stay.
      const before = `${FINISHED_AT} < $1`;
      const cutoff = [new Date(MIDDLE).toISOString()];
      expect(
        await count(
          db,
          `SELECT count(*) AS n FROM appeals WHERE ${before}
             AND (citizen_name IS NOT NULL OR citizen_phone IS NOT NULL OR citizen_erased_at IS NULL)`,
          cutoff,
        ),
      ).toBe(0);
      expect(
        await count(
          db,
          `SELECT count(*) AS n FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id
            WHERE ${before.replace(FINISHED_AT, `coalesce(a.closed_at, a.resolved_at, a.updated_at)`)}
              AND e.payload->'data' ? 'citizen'`,
          cutoff,
        ),
      ).toBe(0);
      expect(
        await count(
          db,
          `SELECT count(*) AS n FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id
            WHERE a.citizen_erased_at IS NOT NULL AND e.type = 'appeal.registered'
              AND e.payload->'data'->>'description' IS NOT NULL`,
        ),
      ).toBe(due);
      expect(await count(db, 'SELECT count(*) AS n FROM appeals')).toBe(total);

      // The others keep theirs.
      expect(
        await count(
          db,
          `SELECT count(*) AS n FROM appeals WHERE citizen_erased_at IS NULL AND citizen_name IS NOT NULL`,
        ),
      ).toBeGreaterThan(0);
      expect(await count(db, 'SELECT count(*) AS n FROM appeals WHERE citizen_erased_at IS NULL')).toBe(total - due);

      // One audit row with the counts.
      const audit = await db.query('SELECT * FROM audit_events WHERE action = $1', [ERASURE_ACTION]);
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0]).toMatchObject({ actor: RETENTION_ACTOR, outcome: 'ok', stream_id: result.auditId });
      expect(audit.rows[0]?.payload).toMatchObject({
        retentionDays: RETENTION_DAYS,
        appeals: due,
        events: result.events,
        cutoff: result.cutoff,
      });

      // A second run at the same time finds nothing and records nothing.
      const again = await erasePersonalData(db, { retentionDays: RETENTION_DAYS, now: NOW + 1 });
      expect(again).toMatchObject({ appeals: 0, events: 0, auditId: null });
      expect(await count(db, 'SELECT count(*) AS n FROM audit_events')).toBe(1);
    },
    SLOW_MS,
  );

  it(
    'a batch that loaded an appeal before its erasure committed does not write the name and phone back',
    async () => {
      const { rows } = await db.query<{ id: string; last_event_id: string; last_stream_id: string }>(
        `SELECT id, last_event_id, last_stream_id FROM appeals
          WHERE citizen_name IS NOT NULL AND citizen_erased_at IS NULL ORDER BY id LIMIT 2`,
      );
      const [erased, kept] = rows;
      if (!erased || !kept) throw new Error('two appeals with a citizen are needed');
      // The archiver's batch loads both rows, then the erasure of one commits.
      const loaded = await loadAppeals(db, [erased.id, kept.id]);
      await db.query(
        'UPDATE appeals SET citizen_name = NULL, citizen_phone = NULL, citizen_erased_at = now() WHERE id = $1',
        [erased.id],
      );
      await db.transaction((tx) =>
        upsertAppeals(
          tx,
          [erased, kept].map((row) => ({
            appeal: loaded.get(row.id) as Appeal,
            lastEventId: row.last_event_id,
            lastStreamId: row.last_stream_id,
          })),
        ),
      );
      const after = await db.query<{ id: string; citizen_name: string | null; citizen_phone: string | null }>(
        'SELECT id, citizen_name, citizen_phone FROM appeals WHERE id = ANY($1) ORDER BY id',
        [[erased.id, kept.id]],
      );
      const byId = new Map(after.rows.map((row) => [row.id, row]));
      expect(byId.get(erased.id)).toMatchObject({ citizen_name: null, citizen_phone: null });
      expect(byId.get(kept.id)?.citizen_name).toBe(loaded.get(kept.id)?.citizen?.name);
      expect(byId.get(kept.id)?.citizen_name).not.toBeNull();
    },
    SLOW_MS,
  );

  it(
    'the BI views have no citizen column and no citizen in any payload, and hold every row',
    async () => {
      for (const view of ['bi_appeals', 'bi_appeal_events', 'bi_incidents']) {
        const { rows } = await db.query<{ column_name: string }>(
          'SELECT column_name FROM information_schema.columns WHERE table_name = $1',
          [view],
        );
        expect(rows.length).toBeGreaterThan(5);
        expect(rows.map((r) => r.column_name).filter((c) => /citizen|phone|name$/.test(c))).toEqual([]);
      }
      expect(
        await count(db, "SELECT count(*) AS n FROM appeal_events WHERE payload->'data' ? 'citizen'"),
      ).toBeGreaterThan(0);
      expect(await count(db, "SELECT count(*) AS n FROM bi_appeal_events WHERE payload->'data' ? 'citizen'")).toBe(0);
      // Nor the phone anywhere in the payload text (appeals not yet erased still hold it).
      const phoneIn = (table: string): string =>
        `SELECT count(*) AS n FROM ${table} e JOIN appeals a ON a.id = e.appeal_id
          WHERE a.citizen_phone IS NOT NULL AND position(a.citizen_phone in e.payload::text) > 0`;
      expect(await count(db, phoneIn('appeal_events'))).toBeGreaterThan(0);
      expect(await count(db, phoneIn('bi_appeal_events'))).toBe(0);
      expect(await count(db, 'SELECT count(*) AS n FROM bi_appeal_events')).toBe(
        await count(db, 'SELECT count(*) AS n FROM appeal_events'),
      );
      expect(await count(db, 'SELECT count(*) AS n FROM bi_appeals')).toBe(
        await count(db, 'SELECT count(*) AS n FROM appeals'),
      );
      const incidents = await db.query('SELECT * FROM bi_incidents');
      expect(incidents.rows.length).toBe(await count(db, 'SELECT count(*) AS n FROM incidents'));
    },
    SLOW_MS,
  );
});

// Roles exist on PostgreSQL only (PGlite has one user): the grant the docs give, tried for real.
describe('BI role on postgresql', () => {
  let target: ArchiveTarget;
  let db: ArchiveDb;
  beforeAll(async () => {
    target = await (ARCHIVE_TARGETS.find((t) => t.kind === 'postgresql') as (typeof ARCHIVE_TARGETS)[number]).open();
    db = target.db;
    await migrate(db);
  }, SLOW_MS);
  afterAll(() => target.cleanup(), SLOW_MS);

  it(
    'a NOLOGIN role granted the views (as docs/deployment.md says) reads them and not the tables',
    async () => {
      const role = `ortalyq_bi_${randomBytes(4).toString('hex')}`;
      await db.exec(`CREATE ROLE ${role} NOLOGIN`);
      try {
        await db.exec(`GRANT SELECT ON bi_appeals, bi_appeal_events, bi_incidents TO ${role}`);
        const asRole = async (sql: string): Promise<unknown> =>
          db.transaction(async (tx) => {
            await tx.exec(`SET LOCAL ROLE ${role}`);
            return (await tx.query(sql)).rows;
          });
        await expect(asRole('SELECT count(*) FROM bi_appeals')).resolves.toBeDefined();
        await expect(asRole('SELECT count(*) FROM bi_appeal_events')).resolves.toBeDefined();
        await expect(asRole('SELECT count(*) FROM bi_incidents')).resolves.toBeDefined();
        await expect(asRole('SELECT citizen_phone FROM appeals LIMIT 1')).rejects.toThrow(/permission denied/);
        await expect(asRole('SELECT payload FROM appeal_events LIMIT 1')).rejects.toThrow(/permission denied/);
      } finally {
        await db.exec(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
      }
    },
    SLOW_MS,
  );
});
