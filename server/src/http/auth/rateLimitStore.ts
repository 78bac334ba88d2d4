import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { EventLog } from '../../stream/eventLog';

/**
 * What a request that express-rate-limit calls successful (`skipSuccessfulRequests`) does to
 * the count: `forget` takes back its own hit, `reset` clears the key's count altogether (a
 * correct password forgives the account's earlier typos from that address).
 */
export type OnSuccess = 'forget' | 'reset';

/**
 * express-rate-limit counters kept in the event log's Redis (or memory), so limits hold
 * across server nodes. Fixed windows aligned to multiples of `windowMs`, one key per window.
 *
 * Every request is counted before it runs (so a burst of parallel guesses cannot slip past
 * the limit), and a successful one is taken back afterwards: the log only increments, so a
 * second counter of the same window counts the successes and the hits are the difference.
 * Both live in the same window's keys, so they always expire together.
 */
export class EventLogRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;

  constructor(
    private readonly log: EventLog,
    readonly prefix: string,
    private readonly onSuccess: OnSuccess = 'forget',
    private readonly now: () => number = Date.now,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private window(): { start: number; end: number } {
    const start = Math.floor(this.now() / this.windowMs) * this.windowMs;
    return { start, end: start + this.windowMs };
  }

  private keys(key: string, start: number): { hits: string; successes: string } {
    const hits = `ratelimit:${this.prefix}:${key}:${start}`;
    return { hits, successes: `${hits}:ok` };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { start, end } = this.window();
    const keys = this.keys(key, start);
    const [{ count }, successes] = await Promise.all([
      this.log.increment(keys.hits, this.windowMs),
      this.log.getValue(keys.successes),
    ]);
    return { totalHits: Math.max(1, count - Number(successes ?? 0)), resetTime: new Date(end) };
  }

  /**
   * Called by express-rate-limit for a successful request of the current window (it skips the
   * call once the window is over, so the success lands in the window of its hit).
   */
  async decrement(key: string): Promise<void> {
    const keys = this.keys(key, this.window().start);
    if (this.onSuccess === 'reset') {
      await Promise.all([this.log.deleteValue(keys.hits), this.log.deleteValue(keys.successes)]);
      return;
    }
    await this.log.increment(keys.successes, this.windowMs);
  }

  async resetKey(key: string): Promise<void> {
    const keys = this.keys(key, this.window().start);
    await Promise.all([this.log.deleteValue(keys.hits), this.log.deleteValue(keys.successes)]);
  }
}
