import { describe, expect, it } from 'vitest';
import { waitForStartUp } from '../../../../server/src/archive/history/waitForStartUp';
import { createSilentLogger } from '../../../../server/src/logger';
import type { StreamLog } from '../../../../server/src/stream/eventLog';

/** A log whose only use here is its head. */
const logAt = (head: { lastId: string }): StreamLog =>
  ({ info: () => Promise.resolve({ length: 1, firstId: null, lastId: head.lastId }) }) as unknown as StreamLog;

const tick = (ms = 30): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('waitForStartUp', () => {
  it("waits for the simulator's backfill, then for the projection and the archive to reach the head it left", async () => {
    const head = { lastId: '100-0' };
    const cursors = { projection: '0-0', archive: '0-0' };
    let backfilled: () => void = () => undefined;
    let isDone = false;
    const waiting = waitForStartUp({
      log: logAt(head),
      stream: 'events',
      simulatorBackfilled: () => new Promise<void>((resolve) => (backfilled = resolve)),
      projectionCursor: () => cursors.projection,
      archivedThrough: () => cursors.archive,
      logger: createSilentLogger(),
      pollMs: 5,
    }).then((outcome) => {
      isDone = true;
      return outcome;
    });
    cursors.projection = cursors.archive = '100-0';
    await tick();
    expect(isDone).toBe(false); // the backfill is still being appended
    head.lastId = '250-3';
    backfilled();
    await tick();
    expect(isDone).toBe(false); // neither has read the rest
    cursors.projection = '250-3';
    await tick();
    expect(isDone).toBe(false); // the archive has not
    cursors.archive = '251-0';
    expect(await waiting).toMatchObject({ headId: '250-3', isSettled: true });
  });

  it('starts anyway after maxWaitMs, and stops waiting when asked', async () => {
    const stuck = {
      log: logAt({ lastId: '9-0' }),
      stream: 'events',
      projectionCursor: () => '9-0',
      archivedThrough: () => null,
      logger: createSilentLogger(),
      pollMs: 5,
    };
    expect(await waitForStartUp({ ...stuck, maxWaitMs: 30 })).toMatchObject({ isSettled: false });
    let isStopping = false;
    const waiting = waitForStartUp({ ...stuck, isStopping: () => isStopping });
    isStopping = true;
    expect(await waiting).toMatchObject({ isSettled: false });
  });
});
