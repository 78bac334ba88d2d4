import { z } from 'zod';

/** The panel and the badge ask `GET /api/health` again this often while they are shown. */
export const DEAD_LETTERS_POLL_MS = 10_000;

/** Anchor of the dead-letter section on the admin page (the dashboard's badge links there). */
export const DEAD_LETTERS_ANCHOR = 'dead-letters';

/** The CLI that lists, shows and requeues dead letters (server/src/cli/runDeadLettersCommand.ts). */
export const DEAD_LETTER_COMMANDS = {
  list: 'npm run deadletters -- list',
  show: 'npm run deadletters -- show <id>',
  requeue: 'npm run deadletters -- requeue <id>',
} as const;

/** One stream entry the server refused, as the health panel shows it. */
export interface DeadLetter {
  /** Id in the dead-letter stream (what the CLI's `show` and `requeue` take). */
  id: string;
  /** Id of the original entry in the events stream; null when the copy does not say. */
  sourceId: string | null;
  /** Why it was refused (English, from the validator; cut to 300 characters by the server). */
  reason: string;
  /** When it was dead-lettered (epoch ms), null when unreadable. */
  deadAt: number | null;
}

/** The dead-letter part of a national-scope `GET /api/health` answer. */
export interface DeadLetters {
  /** Entries still in the dead-letter stream. */
  count: number;
  /** When the oldest / newest of them was written (epoch ms); null when there are none. */
  firstAt: number | null;
  lastAt: number | null;
  /** The newest few, newest first. */
  recent: DeadLetter[];
  /** Server clock of the answer (epoch ms). */
  checkedAt: number;
}

export type DeadLettersStatus =
  /** No answer yet. */
  | 'loading'
  /** The last answer was read. */
  | 'ready'
  /** The server answers, but not with dead letters: the user is not national-scope. */
  | 'hidden'
  /** The last request failed (`deadLetters` keeps the last good answer, if any). */
  | 'failed';

export interface DeadLettersState {
  status: DeadLettersStatus;
  deadLetters: DeadLetters | null;
}

const isoTime = z
  .string()
  .nullish()
  .transform((value) => {
    const ms = value ? Date.parse(value) : Number.NaN;
    return Number.isFinite(ms) ? ms : null;
  });

const deadLettersSchema = z.object({
  count: z.number().int().nonnegative(),
  firstAt: isoTime,
  lastAt: isoTime,
  recent: z.array(
    z.object({
      id: z.string(),
      sourceId: z
        .string()
        .nullish()
        .transform((value) => value ?? null),
      reason: z
        .string()
        .nullish()
        .transform((value) => value ?? ''),
      deadAt: isoTime,
    }),
  ),
});

const healthSchema = z.object({
  checkedAt: z.number(),
  deadLetters: deadLettersSchema.optional(),
});

/**
 * The dead letters of a `GET /api/health` body; 'hidden' when the body has none (the
 * server leaves them out for regional users); null for a body of another shape.
 */
export function parseDeadLetters(body: unknown): DeadLetters | 'hidden' | null {
  const parsed = healthSchema.safeParse(body);
  if (!parsed.success) return null;
  const { checkedAt, deadLetters } = parsed.data;
  return deadLetters ? { ...deadLetters, checkedAt } : 'hidden';
}
