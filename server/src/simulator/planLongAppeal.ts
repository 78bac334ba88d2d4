import { DEFAULT_CONFIRMATION_WINDOW_MS, type CategoryCode } from '@shared';
import { createAppealContent } from './appealContent';
import { DAY, HOUR } from './kzClock';
import { CALLBACK_SHARE, callbackBody, extensionBody, pickOutcome } from './lawSteps';
import { randomAssignee } from './people';
import { fitSteps, statusBody, StepList, type EventBody, type PlannedStep } from './plan';
import type { AppealPlanInput } from './planAppeal';
import { pickLanguage, randomPlace, type Language } from './places';
import type { Rng } from './random';
import { pickChannel, pickPriority } from './seasons';
import { pickOtherService, pickService, randomComment, withServiceId } from './services';

/**
 * Appeals that take days to weeks (issue 17): the ones the law's clock is about. Repairs,
 * housing disputes, benefits, billing corrections and school places are not fixed within a
 * shift; their lifetimes are drawn on the scale of the legal term (15 working days, about
 * three calendar weeks), so in the demo some are resolved in days, some are extended by a
 * supervisor, and some stay open past their legal deadline. The shares are a demo's guesses.
 */

const LONG_CATEGORIES: readonly CategoryCode[] = [
  'roads',
  'housing',
  'landscaping',
  'lighting',
  'utility_billing',
  'social_support',
  'education',
  'healthcare',
  'corruption',
];
const LONG_WEIGHTS = [20, 20, 12, 8, 12, 10, 6, 8, 4];

/** Median calendar days from taking into work to the resolution. */
const WORK_MEDIAN_DAYS = 11;
/** No draw is longer: the longest appeals end within the two-month extension. */
const MAX_WORK_MS = 55 * DAY;
/** Work planned longer than this is a candidate for an extension (the legal term is ~21 days). */
const EXTEND_AFTER_MS = 16 * DAY;
/** Share of those candidates a supervisor extends in time; the others run past their deadline. */
const EXTENDED_SHARE = 0.55;
/** Steps after a resolution fall at least this long before its confirmation window ends. */
const WINDOW_MARGIN_MS = 6 * HOUR;

const days = (rng: Rng, median: number, sigma: number, maxMs: number): number =>
  Math.min(maxMs, rng.lognormal(median * DAY, sigma));

function assignedBody(rng: Rng, appealId: string, service: string): EventBody {
  return {
    type: 'appeal.assigned',
    data: withServiceId(rng.chance(0.6) ? { appealId, service, assignee: randomAssignee(rng) } : { appealId, service }),
  };
}

/**
 * Adds a resolution; returns the offset every step after it must fall by (until a reopen):
 * its confirmation window's end, less a margin. The projection forgets a resolved appeal once
 * the window has passed and it is archived (`isStillLive`); a real agent's write would restore
 * it first, but the simulator appends directly, so a later closing was ignored as an unknown
 * appeal.
 */
function addResolution(list: StepList, rng: Rng, appealId: string, language: Language, gapMs: number): number {
  list.add(gapMs, statusBody(appealId, 'resolved', randomComment(rng, 'resolved', language), pickOutcome(rng)));
  return list.elapsedMs + DEFAULT_CONFIRMATION_WINDOW_MS - WINDOW_MARGIN_MS;
}

/**
 * `gapMs` if the step it leads to falls by `confirmBy` with `stepsAfter` minimum gaps to spare
 * (the steps still to come in the window); else the step falls in the last day before that, as
 * when an agent closes an appeal before its window runs out (about one closing in a hundred).
 */
function gapWithin(rng: Rng, list: StepList, gapMs: number, confirmBy: number, stepsAfter = 0): number {
  const roomMs = confirmBy - list.elapsedMs - stepsAfter * list.minGapMs;
  if (gapMs <= roomMs) return gapMs;
  return roomMs - rng.uniform(0, Math.min(DAY, roomMs / 2));
}

/** One long appeal, registration included, with its whole future (weeks of it). */
export function planLongAppeal(input: AppealPlanInput): PlannedStep[] {
  const { rng, region, appealId, registeredAt } = input;
  const category = rng.weighted(LONG_CATEGORIES, LONG_WEIGHTS);
  const channel = pickChannel(rng, category);
  const priority = pickPriority(rng, category);
  const language = pickLanguage(rng, region);
  const place = randomPlace(rng, region);
  const data = createAppealContent({ rng, appealId, category, channel, priority, place, language });
  const list = new StepList(HOUR / 2);

  let service = pickService(rng, category, place);
  list.add(Math.min(2 * DAY, rng.lognormal(4 * HOUR, 0.8)), assignedBody(rng, appealId, service));
  if (rng.chance(0.08)) {
    // Sent to the wrong organisation: the redirect term is 3 working days, and not always kept.
    list.add(
      days(rng, 1.5, 0.7, 8 * DAY),
      statusBody(appealId, 'redirected', randomComment(rng, 'redirected', language)),
    );
    service = pickOtherService(rng, category, place, service);
    list.add(rng.lognormal(3 * HOUR, 0.6), assignedBody(rng, appealId, service));
  }
  const startComment = rng.chance(0.6) ? randomComment(rng, 'in_progress', language) : undefined;
  list.add(days(rng, 1, 0.7, 6 * DAY), statusBody(appealId, 'in_progress', startComment));
  const work = days(rng, WORK_MEDIAN_DAYS, 0.65, MAX_WORK_MS);
  let confirmBy: number;
  if (work > EXTEND_AFTER_MS && rng.chance(EXTENDED_SHARE)) {
    // Extended before the term runs out: about ten days into the work.
    const before = Math.min(work / 2, days(rng, 9, 0.3, 13 * DAY));
    list.add(before, extensionBody(rng, appealId, language));
    confirmBy = addResolution(list, rng, appealId, language, work - before);
  } else {
    confirmBy = addResolution(list, rng, appealId, language, work);
  }
  if (rng.chance(CALLBACK_SHARE)) {
    // The quality-control call comes days later, inside the confirmation window.
    const callback = callbackBody(rng, appealId, language);
    list.add(gapWithin(rng, list, days(rng, 3, 0.6, 12 * DAY), confirmBy, 1), callback);
    if (callback.type === 'appeal.feedback' && callback.data.result === 'not_confirmed') {
      // Reopened: open again, so kept in memory; the new resolution starts a new window.
      list.add(days(rng, 1, 0.5, 4 * DAY), statusBody(appealId, 'in_progress'));
      confirmBy = addResolution(list, rng, appealId, language, days(rng, 4, 0.6, 15 * DAY));
    }
  }
  const closeComment = rng.chance(0.7) ? randomComment(rng, 'closed', language) : undefined;
  list.add(gapWithin(rng, list, days(rng, 2, 0.6, 10 * DAY), confirmBy), statusBody(appealId, 'closed', closeComment));
  return [
    { at: registeredAt, body: { type: 'appeal.registered', data } },
    ...fitSteps(registeredAt, list.steps, input.capMs),
  ];
}
