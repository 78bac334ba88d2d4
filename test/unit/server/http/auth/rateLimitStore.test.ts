import type { Options } from 'express-rate-limit';
import { describe, expect, it } from 'vitest';
import { createMemoryLog } from '../../../../../server/src/embedded/memoryLog';
import { EventLogRateLimitStore, type OnSuccess } from '../../../../../server/src/http/auth/rateLimitStore';

function storeOf(onSuccess: OnSuccess, windowMs = 60_000): EventLogRateLimitStore {
  const store = new EventLogRateLimitStore(createMemoryLog(), 'test', onSuccess);
  store.init({ windowMs } as Options);
  return store;
}

const hits = async (store: EventLogRateLimitStore, key = 'k') => (await store.increment(key)).totalHits;

describe('EventLogRateLimitStore', () => {
  it('counts every request up front, and takes a success back afterwards', async () => {
    const store = storeOf('forget');
    expect([await hits(store), await hits(store), await hits(store)]).toEqual([1, 2, 3]);
    await store.decrement('k');
    await store.decrement('k');
    expect(await hits(store)).toBe(2);
    // Other keys are not touched.
    expect(await hits(store, 'other')).toBe(1);
  });

  it('in reset mode a success clears the key’s earlier failures', async () => {
    const store = storeOf('reset');
    await hits(store);
    await hits(store);
    await hits(store);
    await store.decrement('k');
    expect(await hits(store)).toBe(1);
  });

  it('starts a new window clean: successes of the last one give no extra attempts', async () => {
    const store = storeOf('forget', 60);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await hits(store);
    await hits(store);
    await sleep(40);
    // Its counter is younger than the window's, so it outlives it.
    await store.decrement('k');
    await sleep(35);
    expect([await hits(store), await hits(store)]).toEqual([1, 2]);
  });
});
