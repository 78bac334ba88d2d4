import { BUILT_IN_CALENDAR_YEARS, createWorkingCalendar, initialLawFields, type Appeal } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { loadAppeals, upsertAppeals } from '../../../server/src/archive/appealsTable';
import { migrate } from '../../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../../server/src/archive/pgArchiveDb';
import { demoBin } from '../../../server/src/services/demoServices';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';

let database: TestDatabase;
let db: ArchiveDb;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPgArchiveDb({ url: database.url });
  await migrate(db);
}, 60_000);

afterAll(async () => {
  await db.close();
  await database.drop();
});

const T = Date.parse('2026-11-27T05:00:00Z');
const appeal = (id: string, serviceId?: string): Appeal => ({
  id,
  region: 'KZ-71',
  category: 'heating',
  priority: 'normal',
  channel: 'call',
  location: { lat: 51.1, lng: 71.4 },
  description: 'нет отопления',
  status: 'assigned',
  registeredAt: T,
  respondedAt: T + 60_000,
  resolvedAt: null,
  closedAt: null,
  responseDueAt: T + 3_600_000,
  dueAt: T + 86_400_000,
  ...initialLawFields(createWorkingCalendar(BUILT_IN_CALENDAR_YEARS), T),
  service: 'ТОО «Астана-Теплотранзит»',
  ...(serviceId ? { serviceId } : {}),
  updatedAt: T + 60_000,
  streamIds: [],
});

describe('appeals.service_id (migration 005)', () => {
  it('keeps the directory БИН of an assigned appeal, and none for free text', async () => {
    const bin = demoBin(1);
    await db.transaction((tx) =>
      upsertAppeals(tx, [
        { appeal: appeal('A-1', bin), lastEventId: 'e1', lastStreamId: '1-0' },
        { appeal: appeal('A-2'), lastEventId: 'e2', lastStreamId: '2-0' },
      ]),
    );
    const found = await db.transaction((tx) => loadAppeals(tx, ['A-1', 'A-2']));
    expect(found.get('A-1')?.serviceId).toBe(bin);
    expect(found.get('A-2')).not.toHaveProperty('serviceId');
  });
});
