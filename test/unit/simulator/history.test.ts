import { applyEvent, createProjection } from '@shared';
import { describe, expect, it } from 'vitest';
import { createHistoryGenerator, historyRunId } from '../../../server/src/archive/history/generateHistory';
import { copyChunk } from '../../../server/src/archive/history/historyCopy';
import { chunkRows, copyText } from '../../../server/src/archive/history/historyRows';
import { createMemoryLog } from '../../../server/src/embedded/memoryLog';
import { backfillWindow } from '../../../server/src/simulator/backfillWindow';

const DAY = 86_400_000;

/** Categories of the appeals a generator finishes over `days` ending at `toAt`. */
function categoriesOf(
  toAt: number,
  days: number,
  perDay: number,
): { total: number; heating: number; flooding: number } {
  const generator = createHistoryGenerator({ seed: 5, fromAt: toAt - days * DAY, toAt, perDay });
  const counts = { total: 0, heating: 0, flooding: 0 };
  while (generator.now < toAt - 1) {
    for (const { appeal } of generator.advance(generator.now + 3_600_000).appeals) {
      counts.total += 1;
      if (appeal.category === 'heating') counts.heating += 1;
      if (appeal.category === 'flooding') counts.flooding += 1;
    }
  }
  return counts;
}

describe('demo history generator', () => {
  it('is seasonal: heating in winter, thaw flooding in spring', () => {
    const january = categoriesOf(Date.parse('2026-01-20T00:00:00Z'), 2, 1000);
    const july = categoriesOf(Date.parse('2026-07-20T00:00:00Z'), 2, 1000);
    const april = categoriesOf(Date.parse('2026-04-15T00:00:00Z'), 2, 1000);
    const share = (n: number, of: { total: number }): number => n / of.total;
    expect(share(january.heating, january)).toBeGreaterThan(3 * share(july.heating, july));
    expect(share(april.flooding, april)).toBeGreaterThan(2 * share(july.flooding, july));
    // About the asked volume: the daily rhythm averages out; appeals open at the end are left out.
    expect(january.total).toBeGreaterThan(2 * 1000 * 0.85);
    expect(january.total).toBeLessThan(2 * 1000 * 1.2);
  }, 60_000);

  it("is deterministic for a seed, and its ids cannot be a live run's", () => {
    const a = createHistoryGenerator({ seed: 3, fromAt: 0, toAt: DAY, perDay: 500 }).advance(DAY);
    const b = createHistoryGenerator({ seed: 3, fromAt: 0, toAt: DAY, perDay: 500 }).advance(DAY);
    expect(a.appeals.map((x) => x.appeal.id)).toEqual(b.appeals.map((x) => x.appeal.id));
    expect(historyRunId(3)).toMatch(/^h[0-9a-z]{6}$/);
    expect(a.appeals[0]?.appeal.id).toMatch(/^A-\d\d-h[0-9a-z]{6}-\d+$/);
    for (const { events } of a.appeals) expect(Date.parse(events.at(-1)?.at ?? '')).toBeLessThan(DAY);
  });
});

describe('demo history rows', () => {
  // A day with mass outages in it, so incidents, their events and links are there too.
  const chunk = createHistoryGenerator({ seed: 8, fromAt: 0, toAt: DAY, perDay: 600, burstsPerDay: 4 }).advance(DAY);

  it('folds the appeals and incidents as a plain run of the shared reducer over their events does', () => {
    expect(chunk.appeals.length).toBeGreaterThan(400);
    expect(chunk.incidents.length).toBeGreaterThan(0);
    // Every event of the day in stream order (`0-n`), through a fresh projection with its rings.
    const seqOf = (streamId: string): number => Number(streamId.slice(2));
    const events = [...chunk.appeals, ...chunk.incidents]
      .flatMap((item) => item.events)
      .sort((a, b) => seqOf(a.streamId) - seqOf(b.streamId));
    const state = createProjection();
    for (const event of events) expect(applyEvent(state, event).kind).toBe('applied');
    for (const { appeal } of chunk.appeals) expect(appeal).toEqual(state.appeals.get(appeal.id));
    for (const { incident } of chunk.incidents) expect(incident).toEqual(state.incidents.get(incident.id));
  });

  it('writes the same COPY text as the rows of values would, escapes included', () => {
    const first = chunk.appeals[0];
    if (!first) throw new Error('no appeal');
    first.appeal.description = 'a\ttab\there,\na line; a back\\slash';
    first.appeal.location = { ...first.appeal.location, address: 'tab\tand\rreturn' };
    const rows = chunkRows(chunk);
    const decode = (bytes: Uint8Array | null): string => (bytes ? new TextDecoder().decode(bytes) : '');
    const parts = copyChunk(chunk);
    expect(decode(parts.appeals)).toBe(decode(copyText(rows.appeals)));
    expect(decode(parts.appeals)).toContain('a\\ttab\\there');
    expect(decode(parts.appealEvents)).toBe(decode(copyText(rows.appealEvents)));
    expect(decode(parts.incidents)).toBe(decode(copyText(rows.incidents)));
    expect(decode(parts.incidentEvents)).toBe(decode(copyText(rows.incidentEvents)));
    expect(decode(parts.links)).toBe(decode(copyText(rows.links)));
    expect(parts.links).not.toBeNull();
  });
});

describe('simulator backfill window after a restart', () => {
  it('is the whole configured window on an empty stream, and only the gap since the newest entry otherwise', async () => {
    const log = createMemoryLog();
    const now = Date.now();
    expect(await backfillWindow(log, 'events', 60, now)).toBe(60);
    await log.append('events', { event: '{}' });
    // Restarted at once: nothing to fill (before the fix: another hour under the live data).
    expect(await backfillWindow(log, 'events', 60, Date.now())).toBe(0);
    expect(await backfillWindow(log, 'events', 60, Date.now() + 10 * 60_000)).toBe(10);
    expect(await backfillWindow(log, 'events', 60, Date.now() + 5 * 3_600_000)).toBe(60);
    await log.close();
  });
});
