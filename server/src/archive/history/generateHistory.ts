import { applyEvent, createProjection, type Appeal, type Incident, type StreamEvent } from '@shared';
import { createTrafficModel, type BurstRequest, type TrafficModel } from '../../simulator/createTrafficModel';
import { DAY, HOUR } from '../../simulator/kzClock';
import { createRng, hashSeed } from '../../simulator/random';
import { historyRunId } from './historyRunId';

/** A finished appeal or incident with its whole timeline, ready to be written. */
export interface FinishedAppeal {
  appeal: Appeal;
  events: StreamEvent[];
}
export interface FinishedIncident {
  incident: Incident;
  events: StreamEvent[];
  /** Appeals linked by its events: event id and time of the first link. */
  links: { appealId: string; eventId: string; linkedAt: number }[];
}

export interface HistoryChunk {
  appeals: FinishedAppeal[];
  incidents: FinishedIncident[];
  /** Events in this chunk (appeals' and incidents'). */
  events: number;
}

export interface HistoryGeneratorOptions {
  seed: number;
  /** Epoch ms: the first simulated instant. */
  fromAt: number;
  /** Epoch ms: nothing generated happens at or after this (the live stream starts here). */
  toAt: number;
  /** Average new appeals per day (the daily rhythm and bursts shape it). */
  perDay: number;
  /** Mass outages per day across the country, on average. Default 1. */
  burstsPerDay?: number;
}

export interface HistoryGenerator {
  readonly runId: string;
  /** Simulated time generated so far, epoch ms. */
  readonly now: number;
  /**
   * Advances the simulation to `until` (capped at `toAt`) and returns the appeals and
   * incidents that finished in that span, each with all its events.
   */
  advance(until: number): HistoryChunk;
  /** Appeals still under way: at `toAt` they are dropped (history holds finished appeals only). */
  readonly unfinished: number;
}

export { historyRunId };

/** Statuses after which the simulator plans nothing more for an appeal. */
const FINAL: ReadonlySet<string> = new Set(['closed', 'rejected']);

/**
 * The projection's clock for history: far past every simulated instant, so each event's minute
 * lies outside the metric rings' 25 hours and the reducer writes no ring slot (`slotsFor` gives
 * none). The rings are the live wall's figures, never written to the archive; the appeals and
 * incidents fold exactly as they do live (unit test: the same rows as a plain fold).
 */
const BEYOND_THE_RINGS = Date.parse('9999-12-31T00:00:00Z');
/** The reducer's duplicate window is for the stream; history ids are new by construction. */
const SEEN_LIMIT = 20_000;

/**
 * Demo history: the live simulator's own traffic model (regions by population, seasonal
 * categories, channels, priorities, per-category response and work times, redirects,
 * rejections, reopenings, mass outages), run over the past instead of the present, each
 * event folded with the shared reducer like the archiver does. Deterministic for a seed.
 *
 * Bursts are planned up front and stop half a day before `toAt`, so every incident (and its
 * appeals) has finished; ordinary appeals still open at `toAt` are left out.
 */
export function createHistoryGenerator(options: HistoryGeneratorOptions): HistoryGenerator {
  const runId = historyRunId(options.seed);
  const rate = options.perDay / (DAY / 1000);
  const bursts: BurstRequest[] = [];
  const burstRng = createRng(hashSeed(options.seed, 'history-bursts'));
  const burstEnd = options.toAt - 12 * HOUR;
  const burstRatePerMs = (options.burstsPerDay ?? 1) / DAY;
  for (let at = options.fromAt + burstRng.exponential(burstRatePerMs); at < burstEnd;) {
    bursts.push({ at });
    at += burstRng.exponential(burstRatePerMs);
  }
  const model: TrafficModel = createTrafficModel({
    seed: options.seed,
    startAt: options.fromAt,
    rate,
    runId,
    burstChance: 0,
    bursts,
  });
  const state = createProjection();
  state.latestAt = BEYOND_THE_RINGS;
  const pendingAppeals = new Map<string, StreamEvent[]>();
  const pendingIncidents = new Map<string, { events: StreamEvent[]; links: FinishedIncident['links'] }>();
  let streamSeq = 0;

  function advance(until: number): HistoryChunk {
    const chunk: HistoryChunk = { appeals: [], incidents: [], events: 0 };
    const end = Math.min(until, options.toAt - 1);
    if (end <= model.now) return chunk;
    for (const envelope of model.step(end)) {
      // History never came through the stream: `0-n` ids sort before every real one. (The
      // envelope is the model's fresh object, given to nobody else: tagged in place.)
      const event = envelope as StreamEvent;
      event.streamId = `0-${(streamSeq += 1)}`;
      if (applyEvent(state, event).kind !== 'applied') continue;
      const data = event.data as { appealId?: string; incidentId?: string; appealIds?: string[] };
      if (data.appealId !== undefined) {
        const events = pendingAppeals.get(data.appealId) ?? [];
        events.push(event);
        pendingAppeals.set(data.appealId, events);
        const appeal = state.appeals.get(data.appealId);
        if (appeal && FINAL.has(appeal.status)) {
          chunk.appeals.push({ appeal, events });
          chunk.events += events.length;
          pendingAppeals.delete(data.appealId);
          state.appeals.delete(data.appealId);
          state.closedAppeals.delete(data.appealId);
        }
      } else if (data.incidentId !== undefined) {
        const pending = pendingIncidents.get(data.incidentId) ?? { events: [], links: [] };
        pending.events.push(event);
        for (const appealId of data.appealIds ?? []) {
          if (!pending.links.some((l) => l.appealId === appealId)) {
            pending.links.push({ appealId, eventId: event.id, linkedAt: Date.parse(event.at) });
          }
        }
        pendingIncidents.set(data.incidentId, pending);
        const incident = state.incidents.get(data.incidentId);
        if (incident && incident.status === 'resolved') {
          chunk.incidents.push({ incident, ...pending });
          chunk.events += pending.events.length;
          pendingIncidents.delete(data.incidentId);
          state.incidents.delete(data.incidentId);
        }
      }
    }
    // The live-only memories the reducer keeps: bounded here by forgetting them wholesale.
    if (state.seen.size > SEEN_LIMIT) state.seen.clear();
    return chunk;
  }

  return {
    runId,
    get now() {
      return model.now;
    },
    get unfinished() {
      return pendingAppeals.size;
    },
    advance,
  };
}
