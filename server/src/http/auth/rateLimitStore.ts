import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { EventLog } from '../../stream/eventLog';

/**
 * express-rate-limit counters kept in the event log's Redis (or memory), so limits hold
 * across server nodes. Fixed windows via `increment` (INCR + PEXPIRE).
 */
export class EventLogRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;

  constructor(
    private readonly log: EventLog,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private key(key: string): string {
    return `ratelimit:${this.prefix}:${key}`;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { count, resetInMs } = await this.log.increment(this.key(key), this.windowMs);
    return { totalHits: count, resetTime: new Date(Date.now() + resetInMs) };
  }

  async decrement(): Promise<void> {
    // Fixed windows: a hit once counted stays counted until the window ends.
  }

  async resetKey(key: string): Promise<void> {
    await this.log.deleteValue(this.key(key));
  }
}
