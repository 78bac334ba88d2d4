import { z } from 'zod';
import { originOfHost } from './http/auth/originPolicy';
import { parseRetention } from './stream/retention';
import {
  DEFAULT_ALERT_RULES,
  DEFAULT_CONFIRMATION_WINDOW_DAYS,
  DEFAULT_MAX_FUTURE_SKEW_MS,
  DEFAULT_SOCKETS_PER_KIOSK,
  DEFAULT_SOCKETS_PER_SESSION,
  DEFAULT_SOCKETS_PER_USER,
  MAX_FRAME_INTERVAL_MS,
  type AlertRules,
} from '@shared';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Every environment variable the server reads, with defaults. The table in README.md
 * ("Configuration") mirrors this schema; keep them together.
 */
export const configSchema = z.object({
  /** HTTP port; 0 picks a free one (tests). */
  PORT: int(0, 65535).default(8080),
  /** Interface to listen on. Loopback by default: expose it deliberately. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Redis to use. Unset: a private redis-server child, or an in-memory log. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  /** Key prefix: `<prefix>:events`, `<prefix>:events:dead`, `<prefix>:snapshot`. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'letters, digits and . _ : - only, at most 64')
    .default('ortalyq'),
  /** Run the traffic simulator. Default: on when REDIS_URL is unset (the quick start). */
  DEMO: booleanFlag.optional(),
  /** Average appeals per second written by the simulator. */
  SIM_RATE: z.coerce.number().positive().max(10_000).default(5),
  /** Minutes of history the simulator backfills on start, so a new demo has charts at once. */
  SIM_BACKFILL_MINUTES: int(0, 24 * 60).default(60),
  /** Where the embedded redis-server keeps its data. */
  DATA_DIR: z.string().min(1).default('./var'),
  /** Longest wait of a delta frame, ms (design: 100–250); frames coalesce only under load. */
  FRAME_INTERVAL_MS: int(20, MAX_FRAME_INTERVAL_MS).default(200),
  /** Interval between two KPI pushes, ms. */
  STATS_INTERVAL_MS: int(200, 60_000).default(1000),
  /** Interval between two chart pushes to the sockets watching analytics, ms (the charts redraw no faster). */
  ANALYTICS_INTERVAL_MS: int(1000, 60_000).default(2000),
  /** How long one snapshot encoding serves every new socket of its scope, ms. */
  SNAPSHOT_CACHE_MS: int(0, 60_000).default(1000),
  /** Alert: a region's open appeals per 100,000 residents above this. */
  ALERT_BACKLOG_PER_100K: z.coerce.number().positive().max(100_000).default(DEFAULT_ALERT_RULES.backlogPer100k),
  /** Alert: a region's overdue share of its open appeals above this (0–1)… */
  ALERT_OVERDUE_SHARE: z.coerce.number().gt(0).lt(1).default(DEFAULT_ALERT_RULES.overdueShare),
  /** …once it has at least this many open appeals. */
  ALERT_OVERDUE_MIN_OPEN: int(1, 1_000_000).default(DEFAULT_ALERT_RULES.overdueMinOpen),
  /** Alert "possible mass incident": at least this many appeals of one category in one region… */
  ALERT_BURST_COUNT: int(2, 100_000).default(DEFAULT_ALERT_RULES.burstCount),
  /** …within this many minutes. */
  ALERT_BURST_MINUTES: int(1, 24 * 60).default(DEFAULT_ALERT_RULES.burstWindowMs / 60_000),
  /**
   * How long the event stream keeps entries: `30m`, `24h`, `7d`, or `off`. Trimmed after each
   * periodic snapshot, never past what the snapshot needs; older resume points get a snapshot.
   */
  STREAM_RETENTION: z
    .string()
    .default('7d')
    .transform((value, ctx) => {
      const ms = parseRetention(value);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: 'a duration such as 30m, 24h or 7d, or off' });
        return z.NEVER;
      }
      return ms;
    }),
  /** Write a projection snapshot this often, ms (skipped when nothing was applied since the last). */
  SNAPSHOT_INTERVAL_MS: int(1000, 3_600_000).default(30_000),
  /**
   * …and after this many entries, whichever comes first: bounds the tail a restart replays at
   * high rates. Written in the background, never during start-up's catch-up (once at its end).
   */
  SNAPSHOT_EVERY_EVENTS: int(1, 10_000_000).default(200_000),
  /**
   * How far ahead of the clock a stream entry's `at` may be: `30s`, `5m` (1 s–1 h). Further
   * ahead is dead-lettered ("at is N s ahead of the server clock"), so a producer's wrong
   * clock cannot take a minute still to come in the metric rings. In ms once parsed.
   */
  MAX_FUTURE_SKEW: z
    .string()
    .default(`${DEFAULT_MAX_FUTURE_SKEW_MS / 60_000}m`)
    .transform((value, ctx) => {
      const match = /^(\d{1,4})([sm])$/.exec(value);
      const ms = match ? Number(match[1]) * (match[2] === 's' ? 1000 : 60_000) : 0;
      if (ms < 1000 || ms > 3_600_000) {
        ctx.addIssue({ code: 'custom', message: 'a duration from 1s to 60m, such as 30s or 5m' });
        return z.NEVER;
      }
      return ms;
    }),
  /** The health check reports the stream as stale after this long without an event, ms. */
  STALE_AFTER_MS: int(1000, 86_400_000).default(60_000),
  /** Region layer to load instead of a built-in one (docs/regions.md); wins over REGION_LAYER. */
  REGION_PACK: z.string().min(1).optional(),
  /** Built-in layer: `current` (20 units, OpenStreetMap) or `2018` (the 17 shapes of 2018–2022, Natural Earth). */
  REGION_LAYER: z.enum(['current', '2018'], { error: 'must be current or 2018' }).default('current'),
  /** Online tile layer URL template ({z}/{x}/{y}); unset = offline map without tiles. */
  TILE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL template with {z}/{x}/{y}' })
    .refine((v) => v.includes('{z}') && v.includes('{x}') && v.includes('{y}'), 'must contain {z}, {x} and {y}')
    .optional(),
  /** Attribution shown for the tile layer (required by most tile providers). */
  TILE_ATTRIBUTION: z.string().max(500).optional(),
  /** Extra browser origins allowed to call the API and open sockets (comma-separated); the server's own origin always is. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each origin must be an http(s) URL' }))),
  /**
   * Addresses browsers reach the dashboard at (comma-separated `host[:port]`, optionally
   * `scheme://`; without one: https with COOKIE_SECURE, else http). Unset or empty: this
   * machine's name and interface addresses on PORT. Loopback on PORT is always allowed.
   */
  ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const entries = (v ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h.length > 0);
      const bad = entries.filter((h) => originOfHost(h, false) === null);
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `not host[:port] or http(s)://host[:port]: ${bad.join(', ')}` });
        return z.NEVER;
      }
      return entries.length > 0 ? entries : undefined;
    }),
  /**
   * Days a resolved appeal waits for the citizen's confirmation (the quality-control queue,
   * "solved positively"); a callback a week after resolution must still find its appeal.
   */
  CONFIRMATION_WINDOW_DAYS: int(1, 365).default(DEFAULT_CONFIRMATION_WINDOW_DAYS),
  /** Session lifetime for people, hours. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Session lifetime for wall-screen kiosk links, days. */
  KIOSK_SESSION_DAYS: z.coerce.number().positive().max(365).default(30),
  /** Set when users reach the server over HTTPS (directly or via a proxy): Secure, __Host- cookies. */
  COOKIE_SECURE: booleanFlag.default(false),
  /** Sign-in attempts allowed per client address per 15 minutes. */
  LOGIN_RATE_LIMIT: int(1, 10_000).default(10),
  /**
   * Reverse proxies in front of the server whose X-Forwarded-For is believed (0 = none:
   * the socket's address is the client's). Set it to the number of proxy hops you run.
   */
  TRUST_PROXY: int(0, 10).default(0),
  /** Writes (POST/PATCH/PUT/DELETE under /api) allowed per user per minute. */
  WRITE_RATE_LIMIT: int(1, 100_000).default(120),
  /** Sockets (tabs) one sign-in may hold open; one more disconnects that session's oldest, telling it why. */
  SOCKETS_PER_SESSION: int(1, 100_000).default(DEFAULT_SOCKETS_PER_SESSION),
  /** Sockets one user may hold open across all their sessions; one more disconnects the user's oldest. */
  SOCKETS_PER_USER: int(1, 100_000).default(DEFAULT_SOCKETS_PER_USER),
  /** Sockets one kiosk link may hold open (wall screens sharing it); one more disconnects its oldest. */
  SOCKETS_PER_KIOSK: int(1, 100_000).default(DEFAULT_SOCKETS_PER_KIOSK),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema> & { DEMO: boolean };

/** A bad environment: the message names each variable and what is wrong with it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  return { ...config, DEMO: config.DEMO ?? config.REDIS_URL === undefined };
}

/** The alert rules of a parsed config (ALERT_* variables; defaults in shared/). */
export function alertRulesOf(
  config: Pick<
    Config,
    | 'ALERT_BACKLOG_PER_100K'
    | 'ALERT_OVERDUE_SHARE'
    | 'ALERT_OVERDUE_MIN_OPEN'
    | 'ALERT_BURST_COUNT'
    | 'ALERT_BURST_MINUTES'
  >,
): AlertRules {
  return {
    backlogPer100k: config.ALERT_BACKLOG_PER_100K,
    overdueShare: config.ALERT_OVERDUE_SHARE,
    overdueMinOpen: config.ALERT_OVERDUE_MIN_OPEN,
    burstCount: config.ALERT_BURST_COUNT,
    burstWindowMs: config.ALERT_BURST_MINUTES * 60_000,
  };
}
