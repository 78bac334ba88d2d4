import { describe, expect, it } from 'vitest';
import { MAX_QUEUED_BYTES, MAX_QUEUED_MESSAGES } from '@shared';
import { isTooFarBehind } from '../../../../server/src/realtime/createRealtime';

/**
 * When a socket stops getting frames (server/src/realtime/createRealtime.ts): past the
 * message or byte limit, except that a snapshot still on its way lets small frames queue
 * behind it (counted by their bytes only).
 */
describe('isTooFarBehind', () => {
  const MB = 1024 * 1024;

  it('pauses past the message limit or the byte limit when nothing is being drained', () => {
    expect(isTooFarBehind({ messages: MAX_QUEUED_MESSAGES, bytes: 10_000 }, 0)).toBe(false);
    expect(isTooFarBehind({ messages: MAX_QUEUED_MESSAGES + 1, bytes: 10_000 }, 0)).toBe(true);
    expect(isTooFarBehind({ messages: 1, bytes: MAX_QUEUED_BYTES }, 0)).toBe(false);
    expect(isTooFarBehind({ messages: 1, bytes: MAX_QUEUED_BYTES + 1 }, 0)).toBe(true);
  });

  it('lets many small frames queue behind a snapshot still on its way (a client parsing 17 MB)', () => {
    const snapshotLeft = 12 * MB;
    expect(isTooFarBehind({ messages: 200, bytes: snapshotLeft + 60_000 }, snapshotLeft)).toBe(false);
  });

  it('still pauses a client that holds a snapshot when what queued behind it passes the byte limit', () => {
    const snapshotLeft = 12 * MB;
    expect(isTooFarBehind({ messages: 3, bytes: snapshotLeft + MAX_QUEUED_BYTES }, snapshotLeft)).toBe(false);
    expect(isTooFarBehind({ messages: 3, bytes: snapshotLeft + MAX_QUEUED_BYTES + 1 }, snapshotLeft)).toBe(true);
    expect(isTooFarBehind({ messages: 5_000, bytes: snapshotLeft + MAX_QUEUED_BYTES + 1 }, snapshotLeft)).toBe(true);
  });
});
