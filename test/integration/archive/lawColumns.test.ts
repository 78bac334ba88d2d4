import { applyEvent, createProjection, type Appeal } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { loadAppeals, upsertAppeals } from '../../../server/src/archive/appealsTable';
import { migrate } from '../../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../../server/src/archive/pgArchiveDb';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { createEventFactory, DAY, HOUR, T0 } from '../../unit/shared/factories';

/**
 * The law's columns (migration 004) on a real PostgreSQL: what the reducer folds is what
 * comes back.
 */

let database: TestDatabase;
let db: ArchiveDb;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPgArchiveDb({ url: database.url });
  await migrate(db);
}, 60_000);

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

function folded(): Appeal[] {
  const f = createEventFactory('law-archive');
  const state = createProjection();
  for (const event of [
    f.registered('L-1', { at: T0 }),
    f.extended('L-1', 2, { at: T0 + HOUR, reason: 'Экспертиза' }),
    f.statusChanged('L-1', 'resolved', { at: T0 + DAY, outcome: 'partly' }),
    f.feedback('L-1', 'unreachable', { at: T0 + 2 * DAY, rating: 3, comment: 'Не берёт трубку' }),
    f.registered('L-2', { at: T0 }),
  ]) {
    expect(applyEvent(state, event).kind).toBe('applied');
  }
  return [...state.appeals.values()];
}

describe('archive appeals table: the law clock columns', () => {
  it('round-trips legal and redirect deadlines, extension, outcome and the latest callback', async () => {
    const appeals = folded();
    await db.transaction((tx) =>
      upsertAppeals(
        tx,
        appeals.map((appeal) => ({ appeal, lastEventId: 'e', lastStreamId: '1-0' })),
      ),
    );
    const back = await db.transaction((tx) => loadAppeals(tx, ['L-1', 'L-2']));
    for (const appeal of appeals) {
      const row = back.get(appeal.id);
      expect(row).toMatchObject({
        legalDueAt: appeal.legalDueAt,
        isLegalProvisional: appeal.isLegalProvisional,
        redirectDueAt: appeal.redirectDueAt,
        extension: appeal.extension,
        outcome: appeal.outcome,
        feedback: appeal.feedback,
      });
    }
    expect(back.get('L-1')?.extension).toEqual({ months: 2, reason: 'Экспертиза', at: T0 + HOUR });
    expect(back.get('L-2')).toMatchObject({ extension: null, outcome: null, feedback: null });
  });

  it('reads a row archived before the migration with its legal clock counted on the built-in calendar', async () => {
    const appeal = folded()[0] as Appeal;
    await db.transaction((tx) =>
      upsertAppeals(tx, [{ appeal: { ...appeal, id: 'L-old' }, lastEventId: 'e', lastStreamId: '1-0' }]),
    );
    await db.transaction((tx) =>
      tx.query(
        `UPDATE appeals SET legal_due_at = NULL, legal_provisional = NULL, redirect_due_at = NULL, extension_months = NULL,
         outcome = NULL, feedback_result = NULL WHERE id = 'L-old'`,
      ),
    );
    const old = (await db.transaction((tx) => loadAppeals(tx, ['L-old']))).get('L-old');
    const fresh = folded().find((a) => a.id === 'L-2');
    expect(old).toMatchObject({
      legalDueAt: fresh?.legalDueAt,
      redirectDueAt: fresh?.redirectDueAt,
      extension: null,
      outcome: 'unknown',
      feedback: null,
    });
  });
});
