import type { CategoryCode, Channel, Priority, Region, RegionCode } from '@shared';
import { createAppealContent } from './appealContent';
import { HOUR, isNight, kzMonth, MINUTE, SECOND } from './kzClock';
import { fitSteps, statusBody, StepList, type EventBody, type PlannedStep } from './plan';
import {
  CALLBACK_SHARE,
  callbackBody,
  EXTENSION_SHARE,
  extensionBody,
  pickOutcome,
  rejectionOutcome,
} from './lawSteps';
import { randomAssignee } from './people';
import { pickLanguage, randomPlace, type Language, type Place } from './places';
import type { Rng } from './random';
import { pickCategory, pickChannel, pickPriority } from './seasons';
import { pickOtherService, pickService, randomComment } from './services';

/**
 * Median minutes from registration to the first assignment, normal priority, by region.
 * Fixed (not seeded) so that the same regions are slow in every run, as in real life:
 * the big cities' centres are well staffed, new and sparsely populated oblasts are not.
 */
const RESPONSE_MEDIAN_MINUTES: Record<RegionCode, number> = {
  'KZ-71': 12,
  'KZ-75': 15,
  'KZ-79': 20,
  'KZ-55': 18,
  'KZ-35': 20,
  'KZ-15': 22,
  'KZ-39': 24,
  'KZ-11': 25,
  'KZ-63': 25,
  'KZ-27': 26,
  'KZ-59': 27,
  'KZ-23': 28,
  'KZ-10': 30,
  'KZ-47': 30,
  'KZ-31': 32,
  'KZ-19': 35,
  'KZ-33': 38,
  'KZ-43': 40,
  'KZ-61': 45,
  'KZ-62': 50,
};

const PRIORITY_RESPONSE_FACTOR: Record<Priority, number> = { emergency: 0.3, high: 0.6, normal: 1, low: 1.5 };
const CATEGORY_RESPONSE_FACTOR: Partial<Record<CategoryCode, number>> = {
  gas: 0.4,
  consultation: 0.5,
  public_order: 0.6,
};

/** Median minutes of work, from "in progress" to "resolved". */
const WORK_MEDIAN_MINUTES: Record<CategoryCode, number> = {
  heating: 150,
  water_sewer: 150,
  electricity: 90,
  gas: 45,
  lifts: 100,
  lighting: 240,
  roads: 300,
  winter_upkeep: 180,
  flooding: 150,
  waste: 180,
  landscaping: 300,
  animals_pests: 200,
  public_transport: 120,
  housing: 240,
  public_order: 40,
  consultation: 45,
  healthcare: 240,
  education: 480,
  social_support: 480,
  utility_billing: 300,
  corruption: 480,
};

/** No single stage draws more than this (the lognormal tail is long). */
const MAX_STAGE_MS = 8 * HOUR;

const minutes = (rng: Rng, median: number, sigma: number): number =>
  Math.min(MAX_STAGE_MS, rng.lognormal(median, sigma) * MINUTE);

/** Median response time for an appeal, ms; exported for tests and docs. */
export function responseMedianMs(region: RegionCode, category: CategoryCode, priority: Priority, at: number): number {
  const night = isNight(at) ? 1.5 : 1;
  return (
    RESPONSE_MEDIAN_MINUTES[region] *
    PRIORITY_RESPONSE_FACTOR[priority] *
    (CATEGORY_RESPONSE_FACTOR[category] ?? 1) *
    night *
    MINUTE
  );
}

export interface LifecycleInput {
  rng: Rng;
  appealId: string;
  region: Region;
  category: CategoryCode;
  priority: Priority;
  channel: Channel;
  place: Place;
  language: Language;
  registeredAt: number;
  capMs: number;
}

function assignedBody(rng: Rng, appealId: string, service: string): EventBody {
  return {
    type: 'appeal.assigned',
    data: rng.chance(0.5) ? { appealId, service, assignee: randomAssignee(rng) } : { appealId, service },
  };
}

function workMs(rng: Rng, category: CategoryCode, priority: Priority, factor: number): number {
  return minutes(rng, WORK_MEDIAN_MINUTES[category] * factor * (priority === 'emergency' ? 0.5 : 1), 0.7);
}

/**
 * The events after registration: assigned → in_progress → resolved → closed, with a few
 * redirected, rejected and reopened ones, and consultations answered during the call.
 */
export function planLifecycle(input: LifecycleInput): PlannedStep[] {
  const { rng, appealId, category, priority, place, language } = input;
  const list = new StepList(30 * SECOND);

  const isInPerson = input.channel === 'call' || input.channel === 'walk_in';
  if (category === 'consultation' && rng.chance(isInPerson ? 0.75 : 0.45)) {
    // First-call resolution: the operator answers during the call, no executor involved.
    list.add(
      rng.uniform(2, 8) * MINUTE,
      statusBody(appealId, 'resolved', randomComment(rng, 'first_call', language), 'explained'),
    );
    list.add(rng.uniform(5, 40) * SECOND, statusBody(appealId, 'closed'));
    return fitSteps(input.registeredAt, list.steps, input.capMs);
  }

  let service = pickService(rng, category, place);
  const responseMedian = responseMedianMs(input.region.code, category, priority, input.registeredAt);
  list.add(Math.min(MAX_STAGE_MS, rng.lognormal(responseMedian, 0.6)), assignedBody(rng, appealId, service));
  if (rng.chance(0.06)) {
    list.add(minutes(rng, 25, 0.6), statusBody(appealId, 'redirected', randomComment(rng, 'redirected', language)));
    service = pickOtherService(rng, category, place, service);
    list.add(minutes(rng, 15, 0.6), assignedBody(rng, appealId, service));
  }
  if (rng.chance(0.03)) {
    list.add(
      minutes(rng, 40, 0.7),
      statusBody(appealId, 'rejected', randomComment(rng, 'rejected', language), rejectionOutcome(rng)),
    );
    return fitSteps(input.registeredAt, list.steps, input.capMs);
  }
  const startComment = rng.chance(0.6) ? randomComment(rng, 'in_progress', language) : undefined;
  list.add(minutes(rng, priority === 'emergency' ? 5 : 15, 0.7), statusBody(appealId, 'in_progress', startComment));
  if (rng.chance(EXTENSION_SHARE)) list.add(minutes(rng, 30, 0.6), extensionBody(rng, appealId, language));
  const resolve = (factor: number): void =>
    list.add(
      workMs(rng, category, priority, factor),
      statusBody(appealId, 'resolved', randomComment(rng, 'resolved', language), pickOutcome(rng)),
    );
  resolve(1);
  if (category !== 'consultation' && rng.chance(0.05)) {
    list.add(minutes(rng, 45, 0.6), statusBody(appealId, 'reopened', randomComment(rng, 'reopened', language)));
    list.add(minutes(rng, 20, 0.6), statusBody(appealId, 'in_progress'));
    resolve(0.5);
  }
  if (rng.chance(CALLBACK_SHARE)) {
    const callback = callbackBody(rng, appealId, language);
    list.add(minutes(rng, 60, 0.8), callback);
    // "Not confirmed" reopens it: back into work, resolved again.
    if (callback.type === 'appeal.feedback' && callback.data.result === 'not_confirmed') {
      list.add(minutes(rng, 20, 0.6), statusBody(appealId, 'in_progress'));
      resolve(0.5);
    }
  }
  const closeComment = rng.chance(0.7) ? randomComment(rng, 'closed', language) : undefined;
  list.add(minutes(rng, 30, 0.8), statusBody(appealId, 'closed', closeComment));
  return fitSteps(input.registeredAt, list.steps, input.capMs);
}

export interface AppealPlanInput {
  rng: Rng;
  appealId: string;
  region: Region;
  registeredAt: number;
  capMs: number;
}

/** One ordinary appeal, registration included, with its whole future. */
export function planAppeal(input: AppealPlanInput): PlannedStep[] {
  const { rng, region, registeredAt } = input;
  const category = pickCategory(rng, region, kzMonth(registeredAt));
  const channel = pickChannel(rng, category);
  const priority = pickPriority(rng, category);
  const language = pickLanguage(rng, region);
  const place = randomPlace(rng, region);
  const data = createAppealContent({ rng, appealId: input.appealId, category, channel, priority, place, language });
  const lifecycle = planLifecycle({ ...input, category, priority, channel, place, language });
  return [{ at: registeredAt, body: { type: 'appeal.registered', data } }, ...lifecycle];
}
