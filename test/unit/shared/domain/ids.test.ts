import { describe, expect, it } from 'vitest';
import { START_CURSOR, compareStreamIds, isStreamId, streamIdTime } from '@shared';

describe('compareStreamIds', () => {
  it('compares the millisecond part numerically, not as text', () => {
    expect(compareStreamIds('10-0', '9-0')).toBeGreaterThan(0);
    expect(compareStreamIds('9-0', '10-0')).toBeLessThan(0);
    expect(compareStreamIds('1700000000000-0', '999999999999-5')).toBeGreaterThan(0);
  });

  it('compares the sequence when the milliseconds are equal', () => {
    expect(compareStreamIds('5-10', '5-9')).toBeGreaterThan(0);
    expect(compareStreamIds('5-9', '5-10')).toBeLessThan(0);
    expect(compareStreamIds('5-0', '5-1')).toBeLessThan(0);
  });

  it('lets the millisecond part win over the sequence', () => {
    expect(compareStreamIds('6-0', '5-999')).toBeGreaterThan(0);
    expect(compareStreamIds('5-999', '6-0')).toBeLessThan(0);
  });

  it('returns zero for equal ids, also when written with leading zeros', () => {
    expect(compareStreamIds('1700000000000-3', '1700000000000-3')).toBe(0);
    expect(compareStreamIds('0-0', START_CURSOR)).toBe(0);
    expect(compareStreamIds('010-01', '10-1')).toBe(0);
  });

  it('is exact beyond Number precision (64-bit ids)', () => {
    expect(compareStreamIds('18446744073709551615-0', '18446744073709551614-0')).toBeGreaterThan(0);
    expect(compareStreamIds('9007199254740993-0', '9007199254740992-0')).toBeGreaterThan(0);
    expect(compareStreamIds('1-18446744073709551615', '1-18446744073709551614')).toBeGreaterThan(0);
  });

  it('sorts ids into stream order', () => {
    const ids = ['10-0', '9-1', '9-0', '100-0', '0-1', '9-10', START_CURSOR];
    expect([...ids].sort(compareStreamIds)).toEqual(['0-0', '0-1', '9-0', '9-1', '9-10', '10-0', '100-0']);
  });

  it('is antisymmetric', () => {
    const ids = ['0-0', '1-0', '1-1', '2-0', '10-0', '10-2'];
    for (const a of ids) {
      for (const b of ids) expect(Math.sign(compareStreamIds(a, b)) + Math.sign(compareStreamIds(b, a))).toBe(0);
    }
  });

  it('throws on something that is not a stream id', () => {
    expect(() => compareStreamIds('abc', '1-0')).toThrow('not a stream id: abc');
    expect(() => compareStreamIds('1-0', '$')).toThrow('not a stream id');
  });
});

describe('isStreamId', () => {
  it.each(['0-0', '1-0', '1526919030474-55', '18446744073709551615-18446744073709551615'])('accepts %j', (id) => {
    expect(isStreamId(id)).toBe(true);
  });

  it.each([
    '',
    '1',
    '1-',
    '-1',
    'a-b',
    '1-2-3',
    ' 1-2',
    '1-2 ',
    '1.5-0',
    '-1-0',
    '*',
    '$',
    '+',
    '123456789012345678901-0',
  ])('rejects %j', (id) => {
    expect(isStreamId(id)).toBe(false);
  });
});

describe('START_CURSOR / streamIdTime', () => {
  it('START_CURSOR is 0-0, before every id', () => {
    expect(START_CURSOR).toBe('0-0');
    expect(compareStreamIds(START_CURSOR, '0-1')).toBeLessThan(0);
  });

  it('reads the millisecond part', () => {
    expect(streamIdTime('1795000000001-7')).toBe(1_795_000_000_001);
    expect(streamIdTime('0-0')).toBe(0);
    expect(() => streamIdTime('nope')).toThrow();
  });
});
