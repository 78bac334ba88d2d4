import type { Incident, NotableIncidents, RegionCode } from '@shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDb } from '../../../server/src/archive/archiveDb';
import { insertLinks, upsertIncidents } from '../../../server/src/archive/incidentsTable';
import { migrate } from '../../../server/src/archive/migrate';
import { createPgArchiveDb } from '../../../server/src/archive/pgArchiveDb';
import { createReportsSource } from '../../../server/src/reports/reportsSource';
import { authedFetch, signIn } from '../../support/auth';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { deletePrefix, startTestServer, testRedisUrl, type TestServer } from '../../support/testServer';

/**
 * `GET /api/reports/incidents` over incidents in a real PostgreSQL archive: which incidents a
 * period holds (open at any moment of it, as they stood at asOf), the two rankings, the
 * caller's regions only, and a frozen link that ignores what happened after its asOf.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Almaty midnight of 2026-10-01 (UTC+5). */
const OCT_1 = Date.parse('2026-09-30T19:00:00Z');
const NOW = OCT_1 + 40 * DAY;
const ASOF = OCT_1 + 30 * DAY + 12 * HOUR;
const period = 'from=2026-10-01&to=2026-10-31';

function incident(id: string, region: RegionCode, openedAt: number, resolvedAt: number | null): Incident {
  return {
    id,
    region,
    // One title quotes a caller's phone: the report must not repeat it.
    title: id === 'INC-LATE' ? 'Авария, звонить 8 701 123 45 67' : `Авария ${id}`,
    category: 'heating',
    severity: 'major',
    location: { lat: 51.1, lng: 71.4 },
    appealIds: [],
    status: resolvedAt === null ? 'open' : 'resolved',
    openedAt,
    resolvedAt,
    updatedAt: resolvedAt ?? openedAt,
    streamIds: [],
  };
}

describe('GET /api/reports/incidents on PostgreSQL', () => {
  let database: TestDatabase;
  let db: ArchiveDb;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPgArchiveDb({ url: database.url });
    await migrate(db);
    const incidents = [
      // In the period, resolved in it, three appeals: the biggest.
      incident('INC-BIG', 'KZ-71', OCT_1 + 2 * DAY, OCT_1 + 3 * DAY),
      // Opened before the period and open still: the longest.
      incident('INC-LONG', 'KZ-71', OCT_1 - 10 * DAY, null),
      // Resolved only after asOf: open as the frozen report sees it.
      incident('INC-LATE', 'KZ-71', OCT_1 + 29 * DAY, OCT_1 + 35 * DAY),
      // Another region: never shown to KZ-71's supervisor.
      incident('INC-OTHER', 'KZ-75', OCT_1 + 5 * DAY, OCT_1 + 6 * DAY),
      // Resolved before the period began, and opened after asOf: in no list.
      incident('INC-BEFORE', 'KZ-71', OCT_1 - 20 * DAY, OCT_1 - 15 * DAY),
      incident('INC-AFTER', 'KZ-71', ASOF + HOUR, null),
    ];
    await upsertIncidents(
      db,
      incidents.map((i) => ({ incident: i, lastEventId: `${i.id}-e`, lastStreamId: '1-0' })),
    );
    const link = (incidentId: string, n: number, linkedAt: number) => ({
      incidentId,
      appealId: `${incidentId}-A${n}`,
      eventId: `${incidentId}-l${n}`,
      linkedAt,
    });
    await insertLinks(db, [
      link('INC-BIG', 1, OCT_1 + 2 * DAY),
      link('INC-BIG', 2, OCT_1 + 2 * DAY),
      link('INC-BIG', 3, OCT_1 + 2 * DAY + HOUR),
      link('INC-LONG', 1, OCT_1 - 9 * DAY),
      link('INC-LATE', 1, OCT_1 + 29 * DAY),
      // Linked after asOf: not counted by the frozen report.
      link('INC-LATE', 2, ASOF + 2 * HOUR),
      link('INC-LATE', 3, ASOF + 2 * HOUR),
      link('INC-LATE', 4, ASOF + 2 * HOUR),
      link('INC-OTHER', 1, OCT_1 + 5 * DAY),
      link('INC-OTHER', 2, OCT_1 + 5 * DAY),
      link('INC-OTHER', 3, OCT_1 + 5 * DAY),
      link('INC-OTHER', 4, OCT_1 + 5 * DAY),
      link('INC-BEFORE', 1, OCT_1 - 20 * DAY),
    ]);
    server = await startTestServer({ reportsSource: createReportsSource(() => db), now: () => NOW });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await database?.drop();
    if (server) await deletePrefix(testRedisUrl(), server.prefix);
  }, 60_000);

  const asOfParam = `asOf=${encodeURIComponent(new Date(ASOF).toISOString())}`;

  it('ranks the period’s incidents of the supervisor’s region by appeals and by time open, as of asOf', async () => {
    const supervisor = await signIn(server, 'supervisor', ['KZ-71']);
    const response = await authedFetch(supervisor, `${server.url}/api/reports/incidents?${period}&${asOfParam}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as NotableIncidents;
    expect(body).toMatchObject({ from: '2026-10-01', to: '2026-10-31', asOf: new Date(ASOF).toISOString() });
    expect(body.total).toBe(3);
    expect(body.biggest.map((i) => [i.id, i.appeals])).toEqual([
      ['INC-BIG', 3],
      ['INC-LONG', 1],
      ['INC-LATE', 1],
    ]);
    expect(body.longest.map((i) => i.id)).toEqual(['INC-LONG', 'INC-LATE', 'INC-BIG']);
    const late = body.longest.find((i) => i.id === 'INC-LATE');
    expect(late).toMatchObject({ status: 'open', resolvedAt: null, openMs: ASOF - (OCT_1 + 29 * DAY) });
    expect(late?.title.startsWith('Авария, звонить')).toBe(true);
    expect(JSON.stringify(body)).not.toContain('123 45 67');
    const big = body.biggest[0];
    expect(big).toMatchObject({ status: 'resolved', openMs: DAY, region: 'KZ-71', title: 'Авария INC-BIG' });
    expect(body.longest[0]?.openMs).toBe(ASOF - (OCT_1 - 10 * DAY));
  });

  it('gives the whole country to a national user, 403 for a region outside the scope', async () => {
    const admin = await signIn(server, 'admin');
    const all = (await (
      await authedFetch(admin, `${server.url}/api/reports/incidents?${period}&${asOfParam}`)
    ).json()) as NotableIncidents;
    expect(all.total).toBe(4);
    expect(all.biggest[0]?.id).toBe('INC-OTHER');
    const supervisor = await signIn(server, 'supervisor', ['KZ-71']);
    const other = await authedFetch(supervisor, `${server.url}/api/reports/incidents?${period}&region=KZ-75`);
    expect(other.status).toBe(403);
  });

  it('without asOf reads as of now: later links and resolutions count', async () => {
    const admin = await signIn(server, 'admin');
    const body = (await (
      await authedFetch(admin, `${server.url}/api/reports/incidents?${period}&region=KZ-71`)
    ).json()) as NotableIncidents;
    expect(body.asOf).toBe(new Date(NOW).toISOString());
    expect(body.biggest[0]).toMatchObject({ id: 'INC-LATE', appeals: 4, status: 'resolved' });
    expect(body.total).toBe(4);
  });

  it('answers 400 with the field for a bad period', async () => {
    const admin = await signIn(server, 'admin');
    const response = await authedFetch(admin, `${server.url}/api/reports/incidents?from=2026-10-31&to=2026-10-01`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { field?: string }).field).toBe('to');
  });
});
