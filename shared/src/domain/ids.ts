/**
 * Redis stream ids ("<ms>-<seq>") are the cursor of the whole protocol. They compare
 * numerically part by part, never as strings ("10-0" > "9-0").
 */
export type StreamId = string;

/** The cursor before the first entry of any stream. */
export const START_CURSOR: StreamId = '0-0';

const STREAM_ID = /^(\d{1,20})-(\d{1,20})$/;

/** True when `id` looks like a Redis stream id. */
export function isStreamId(id: string): boolean {
  return STREAM_ID.test(id);
}

function parts(id: StreamId): [bigint, bigint] {
  const m = STREAM_ID.exec(id);
  if (!m) throw new Error(`not a stream id: ${id}`);
  return [BigInt(m[1] as string), BigInt(m[2] as string)];
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareStreamIds(a: StreamId, b: StreamId): number {
  if (a === b) return 0;
  const [am, as] = parts(a);
  const [bm, bs] = parts(b);
  if (am !== bm) return am < bm ? -1 : 1;
  return as < bs ? -1 : as > bs ? 1 : 0;
}

/** Milliseconds part of a stream id (when Redis appended it). */
export function streamIdTime(id: StreamId): number {
  return Number(parts(id)[0]);
}

const MAX_SEQ = 18446744073709551615n;

/**
 * The greatest possible id before `id`, so that an exclusive range starting there begins
 * exactly at `id` (used to read one entry by id).
 */
export function previousStreamId(id: StreamId): StreamId {
  const [ms, seq] = parts(id);
  if (seq > 0n) return `${ms}-${seq - 1n}`;
  if (ms > 0n) return `${ms - 1n}-${MAX_SEQ}`;
  return START_CURSOR;
}
