import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../server/src/config';
import { parseRetention, retentionTrimPoint } from '../../../../server/src/stream/retention';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 5, 12);

describe('stream retention', () => {
  it('parses minutes, hours, days and off; refuses anything else', () => {
    expect(parseRetention('30m')).toBe(30 * 60_000);
    expect(parseRetention('24h')).toBe(24 * HOUR);
    expect(parseRetention('7d')).toBe(7 * 24 * HOUR);
    expect(parseRetention('off')).toBe(0);
    for (const bad of ['0h', '7', 'd', '-1d', '1w', '1.5h', ' 7d', '999999d']) expect(parseRetention(bad)).toBeNull();
  });

  it('trims entries older than the retention when the snapshot is newer', () => {
    expect(retentionTrimPoint(NOW, HOUR, `${NOW - 60_000}-3`)).toBe(`${NOW - HOUR}-0`);
  });

  it('never trims past the snapshot: a restart replays everything after its cursor', () => {
    const snapshot = `${NOW - 2 * HOUR}-7`;
    expect(retentionTrimPoint(NOW, HOUR, snapshot)).toBe(snapshot);
  });

  it("never trims past the archive's cursor: what it has not taken stays in the stream", () => {
    const snapshot = `${NOW - 60_000}-3`;
    const archived = `${NOW - 3 * HOUR}-2`;
    expect(retentionTrimPoint(NOW, HOUR, snapshot, archived)).toBe(archived);
    // An archive ahead of the retention changes nothing; one that has taken nothing trims nothing.
    expect(retentionTrimPoint(NOW, HOUR, snapshot, `${NOW - 30_000}-0`)).toBe(`${NOW - HOUR}-0`);
    expect(retentionTrimPoint(NOW, HOUR, snapshot, '0-0')).toBeNull();
    // No archive configured (null): the snapshot and the age alone decide.
    expect(retentionTrimPoint(NOW, HOUR, snapshot, null)).toBe(`${NOW - HOUR}-0`);
  });

  it('trims nothing without a snapshot or with retention off', () => {
    expect(retentionTrimPoint(NOW, HOUR, null)).toBeNull();
    expect(retentionTrimPoint(NOW, 0, `${NOW}-0`)).toBeNull();
  });

  it('has STREAM_MAX_ENTRIES, ARCHIVER and DATABASE_URL in the config, with defaults and clear errors', () => {
    const config = parseConfig({});
    expect(config.STREAM_MAX_ENTRIES).toBe(10_000_000);
    expect(config.ARCHIVER).toBe('inline');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(() => parseConfig({ ARCHIVER: 'sometimes' })).toThrow(/ARCHIVER="sometimes": must be inline or off/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL="mysql:\/\/x": must be a postgres/);
  });

  it('is a config variable with a 7-day default and a clear error', () => {
    expect(parseConfig({}).STREAM_RETENTION).toBe(7 * 24 * HOUR);
    expect(parseConfig({ STREAM_RETENTION: 'off' }).STREAM_RETENTION).toBe(0);
    expect(() => parseConfig({ STREAM_RETENTION: 'forever' })).toThrow(
      /STREAM_RETENTION="forever": a duration such as 30m, 24h or 7d, or off/,
    );
  });
});
