import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, SNAPSHOT_REASONS, type Ack } from '@shared';

describe('protocol', () => {
  it('is version 1', () => {
    expect(PROTOCOL_VERSION).toBe(1);
  });

  it('names why a snapshot was sent', () => {
    expect(SNAPSHOT_REASONS).toEqual(['connect', 'trimmed', 'resync', 'too_far_behind']);
  });

  it('types acknowledgements as one ok/error union', () => {
    const results: Ack<number>[] = [
      { ok: true, data: 1 },
      { ok: false, error: 'nope' },
    ];
    expect(results.map((r) => (r.ok ? r.data : r.error))).toEqual([1, 'nope']);
  });
});
