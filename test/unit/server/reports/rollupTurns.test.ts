import type { ReportAppeal } from '@shared';
import { describe, expect, it } from 'vitest';
import { APPEALS_PER_TURN, hourRows } from '../../../../server/src/reports/rollupGrains';
import { rollupDay } from '../../../../server/src/reports/rollups';

const DAY_START = Date.parse('2026-03-01T19:00:00Z'); // 2 March in Almaty (UTC+5)

/** `n` appeals registered on 2 March (Almaty) before 23:00, each answered ten minutes later. */
function appeals(n: number): ReportAppeal[] {
  return Array.from({ length: n }, (_, i) => {
    const at = DAY_START + (i % 1380) * 60_000;
    return {
      region: 'KZ-71',
      category: 'heating',
      channel: 'call',
      priority: 'normal',
      status: 'in_progress',
      registeredAt: at,
      respondedAt: at + 600_000,
      resolvedAt: null,
      closedAt: null,
      responseDueAt: at + 3_600_000,
      dueAt: at + 86_400_000,
      legalDueAt: at + 15 * 86_400_000,
      feedback: null,
    } as ReportAppeal;
  });
}

/** Whether an immediate queued before `work` began ran before `work` settled: it let the loop turn. */
async function letsTheLoopTurn(work: () => Promise<unknown>): Promise<boolean> {
  let hasTurned = false;
  setImmediate(() => (hasTurned = true));
  await work();
  return hasTurned;
}

describe('the rollup of a day on the server thread', () => {
  const many = appeals(APPEALS_PER_TURN * 3);

  it('lets the event loop turn while it folds a national day (a large one would hold the wall up)', async () => {
    expect(await letsTheLoopTurn(() => rollupDay(many, '2026-03-02'))).toBe(true);
    expect(await letsTheLoopTurn(() => hourRows(many, DAY_START, DAY_START + 86_400_000))).toBe(true);
  });

  it('still counts every appeal of the day in its rows', async () => {
    const { daily } = await rollupDay(many, '2026-03-02');
    expect(daily).toHaveLength(1);
    expect(daily[0]).toMatchObject({ registered: many.length, responded: many.length });
    const hours = await hourRows(many, DAY_START, DAY_START + 86_400_000);
    expect(hours).toHaveLength(24);
    expect(hours.reduce((sum, h) => sum + h.registered, 0)).toBe(many.length);
  });
});
