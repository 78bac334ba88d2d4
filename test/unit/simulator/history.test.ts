import { describe, expect, it } from 'vitest';
import { createHistoryGenerator, historyRunId } from '../../../server/src/archive/history/generateHistory';
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
