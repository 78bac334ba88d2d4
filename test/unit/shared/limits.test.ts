import { describe, expect, it } from 'vitest';
import {
  DEAD_LETTER_KEEP_BYTES,
  DEDUP_WINDOW,
  FEED_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_ENTITY_ID_LENGTH,
  MAX_EVENT_BYTES,
  MAX_EVENT_ID_LENGTH,
  MAX_FRAME_INTERVAL_MS,
  MAX_LINKED_APPEALS,
  MAX_RECENT_CLOSED_APPEALS,
  MAX_RECENT_RESOLVED_INCIDENTS,
  MAX_REPLAY_EVENTS,
  MAX_SHORT_TEXT_LENGTH,
  MAX_SOCKET_MESSAGE_BYTES,
  READ_BATCH,
} from '@shared';

describe('limits', () => {
  it('keeps the values the contract and docs quote', () => {
    expect(MAX_EVENT_ID_LENGTH).toBe(128); // design.md: "any unique string ≤ 128 chars"
    expect(MAX_EVENT_BYTES).toBe(16 * 1024);
    expect(MAX_ENTITY_ID_LENGTH).toBe(64);
    expect(MAX_DESCRIPTION_LENGTH).toBe(4000);
    expect(MAX_SHORT_TEXT_LENGTH).toBe(500);
    expect(MAX_LINKED_APPEALS).toBe(1000);
    expect(DEDUP_WINDOW).toBe(200_000);
    expect(FEED_LENGTH).toBe(100);
  });

  it('is internally consistent', () => {
    expect(DEAD_LETTER_KEEP_BYTES).toBeLessThan(MAX_EVENT_BYTES);
    // the largest description fits in one event (4 bytes per character at worst would not, 2 bytes — Cyrillic — does)
    expect(MAX_DESCRIPTION_LENGTH * 2).toBeLessThan(MAX_EVENT_BYTES);
    expect(MAX_EVENT_BYTES).toBeLessThan(MAX_SOCKET_MESSAGE_BYTES);
    expect(READ_BATCH).toBeGreaterThan(0);
    expect(MAX_REPLAY_EVENTS).toBeGreaterThan(READ_BATCH);
    expect(DEDUP_WINDOW).toBeGreaterThan(MAX_REPLAY_EVENTS);
    expect(MAX_RECENT_CLOSED_APPEALS).toBeGreaterThan(0);
    expect(MAX_RECENT_RESOLVED_INCIDENTS).toBeGreaterThan(0);
    expect(MAX_FRAME_INTERVAL_MS).toBeGreaterThanOrEqual(100);
    expect(MAX_FRAME_INTERVAL_MS).toBeLessThanOrEqual(250);
  });
});
