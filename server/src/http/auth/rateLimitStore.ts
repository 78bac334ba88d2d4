import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { KeyValueStore } from '../../stream/eventLog';
import { rateLimitKey } from '../../keys';

/**
 * What a request that express-rate-limit calls successful (`skipSuccessfulRequests`) does to
 * the count: `forget` takes back its own hit, `reset` clears the key's count altogether (a
 * correct password forgives the account's earlier typos from that address).
 */
export type OnSuccess = 'forget' | 'reset';

/**
 * express-rate-limit counters kept in the event log's Redis (or memory), so limits hold
 * across server nodes. Fixed windows via `increment` (INCR + PEXPIRE), each starting at its
 * key's first hit.
 *
 * Every request is counted before it runs (so a burst of parallel guesses cannot slip past
 * the limit), and a successful one is taken back afterwards: the log only increments, so a
 * second counter counts the successes and the hits are the difference. A window's first hit
 * clears the successes left from the window before.
 */
export class EventLogRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;

  constructor(
    private readonly log: KeyValueStore,
    readonly prefix: string,
    private readonly onSuccess: OnSuccess = 'forget',
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private keys(key: string): { hits: string; successes: string } {
    const hits = rateLimitKey(this.prefix, key);
    return { hits, successes: `${hits}:ok` };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const keys = this.keys(key);
    const { count, resetInMs } = await this.log.increment(keys.hits, this.windowMs);
    let successes = 0;
    if (count === 1) await this.log.deleteValue(keys.successes);
    else successes = Number((await this.log.getValue(keys.successes)) ?? 0);
    return { totalHits: Math.max(1, count - successes), resetTime: new Date(Date.now() + resetInMs) };
  }

  /**
   * Called by express-rate-limit for a successful request while its window lasts (it skips
   * the call once the window is over).
   */
  async decrement(key: string): Promise<void> {
    const keys = this.keys(key);
    if (this.onSuccess === 'reset') {
      await Promise.all([this.log.deleteValue(keys.hits), this.log.deleteValue(keys.successes)]);
      return;
    }
    await this.log.increment(keys.successes, this.windowMs);
  }

  async resetKey(key: string): Promise<void> {
    const keys = this.keys(key);
    await Promise.all([this.log.deleteValue(keys.hits), this.log.deleteValue(keys.successes)]);
  }
}
