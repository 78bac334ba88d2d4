import { z } from 'zod';

/**
 * GET /api/admin/history: the demo history backfill's progress (docs/api.md). `history` is
 * null when this server writes none (not a demo, or SIM_HISTORY_DAYS=0).
 */
export const historyProgressSchema = z.object({
  state: z.enum(['idle', 'running', 'done', 'skipped', 'failed']),
  /** Why it was skipped, stopped or failed. */
  reason: z.string().nullable(),
  /** The simulated range, ISO-8601 UTC. */
  fromAt: z.string().nullable(),
  toAt: z.string().nullable(),
  /** 0–1 of the range written. */
  fraction: z.number().min(0).max(1),
  appeals: z.number().int(),
  incidents: z.number().int(),
  events: z.number().int(),
  perDay: z.number().int(),
  elapsedMs: z.number().nullable(),
  /** The server's event-loop delay while it ran, p99 ms (null until it ends). */
  eventLoopP99Ms: z.number().nullable(),
});
export type HistoryProgress = z.infer<typeof historyProgressSchema>;
export type HistoryState = HistoryProgress['state'];

export const historyResponseSchema = z.object({ history: historyProgressSchema.nullable() });
export type HistoryResponse = z.infer<typeof historyResponseSchema>;
