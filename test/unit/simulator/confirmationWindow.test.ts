import { DEFAULT_CONFIRMATION_WINDOW_MS, REGIONS, type Region } from '@shared';
import { describe, expect, it } from 'vitest';
import type { PlannedStep } from '../../../server/src/simulator/plan';
import { planAppeal, type AppealPlanInput } from '../../../server/src/simulator/planAppeal';
import { planLongAppeal } from '../../../server/src/simulator/planLongAppeal';
import { createRng, hashSeed } from '../../../server/src/simulator/random';
import { DAY, HOUR, kz } from './simulatedDay';

/**
 * The projection keeps a resolved appeal in memory only while its confirmation window runs
 * (isStillLive); once archived after that, it is evicted, and a later event of the appeal is
 * ignored as an unknown appeal. The simulator appends directly (a real agent's write would
 * restore the appeal first), so every step it plans after a resolution must fall inside the
 * window of the newest resolution, with a margin. A reopen ("not confirmed", `reopened`) makes
 * the appeal open again: its steps until the next resolution are not bound by the window.
 */

const REGISTERED_AT = kz('2026-03-02T10:00');
const SEEDS = 4000;

const regionOf = (seed: number): Region => REGIONS[seed % REGIONS.length] as Region;

const inputFor = (seed: number): AppealPlanInput => ({
  rng: createRng(hashSeed(seed, 'confirmation window')),
  appealId: `A-${seed}`,
  region: regionOf(seed),
  registeredAt: REGISTERED_AT,
  capMs: 120 * DAY,
});

/** Each step that falls later than an hour before the newest resolution's window ends. */
function lateSteps(appealId: string, steps: readonly PlannedStep[]): string[] {
  const late: string[] = [];
  let resolvedAt: number | null = null;
  for (const { at, body } of steps) {
    if (resolvedAt !== null && at > resolvedAt + DEFAULT_CONFIRMATION_WINDOW_MS - HOUR) {
      const what = body.type === 'appeal.status_changed' ? body.data.status : body.type;
      late.push(`${appealId}: ${what} ${((at - resolvedAt) / DAY).toFixed(1)} days after the resolution`);
    }
    if (body.type === 'appeal.status_changed') {
      if (body.data.status === 'resolved') resolvedAt = at;
      else if (body.data.status === 'reopened') resolvedAt = null;
    } else if (body.type === 'appeal.feedback' && body.data.result === 'not_confirmed') resolvedAt = null;
  }
  return late;
}

describe('steps after a resolution', () => {
  it('fall within the confirmation window of the newest resolution, an hour to spare (long appeals)', () => {
    const late: string[] = [];
    let afterResolution = 0;
    for (let seed = 0; seed < SEEDS; seed += 1) {
      const steps = planLongAppeal(inputFor(seed));
      late.push(...lateSteps(`A-${seed}`, steps));
      const resolution = steps.findIndex(
        (s) => s.body.type === 'appeal.status_changed' && s.body.data.status === 'resolved',
      );
      if (resolution >= 0) afterResolution += steps.length - resolution - 1;
    }
    expect(late).toEqual([]);
    // The property is not vacuous: callbacks and closings do follow resolutions.
    expect(afterResolution).toBeGreaterThan(SEEDS);
  });

  it('fall within the confirmation window of the newest resolution (ordinary appeals)', () => {
    const late: string[] = [];
    for (let seed = 0; seed < SEEDS; seed += 1)
      late.push(...lateSteps(`A-${seed}`, planAppeal({ ...inputFor(seed), capMs: 8 * HOUR })));
    expect(late).toEqual([]);
  });

  it('keep the callback and the closing days after the resolution, as before', () => {
    const callbackDays: number[] = [];
    const closingDays: number[] = [];
    for (let seed = 0; seed < SEEDS; seed += 1) {
      let resolvedAt = 0;
      for (const { at, body } of planLongAppeal(inputFor(seed))) {
        if (body.type === 'appeal.status_changed' && body.data.status === 'resolved') resolvedAt = at;
        else if (body.type === 'appeal.feedback') callbackDays.push((at - resolvedAt) / DAY);
        else if (body.type === 'appeal.status_changed' && body.data.status === 'closed')
          closingDays.push((at - resolvedAt) / DAY);
      }
    }
    const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    expect(callbackDays.length).toBeGreaterThan(SEEDS * 0.6);
    expect(median(callbackDays)).toBeGreaterThan(2);
    expect(median(callbackDays)).toBeLessThan(4);
    expect(median(closingDays)).toBeGreaterThan(3);
    expect(median(closingDays)).toBeLessThan(8);
    // Not all piled up against the window's end.
    expect(closingDays.filter((d) => d > 12).length).toBeLessThan(SEEDS * 0.05);
  });
});
