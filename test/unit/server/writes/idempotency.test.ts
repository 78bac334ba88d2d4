import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprintOf, keyIdOf, writeIdOf } from '../../../../server/src/writes/idempotency';

describe('request fingerprints and write ids', () => {
  it('fingerprints the same request alike whatever its key order, and another body otherwise', () => {
    const a = fingerprintOf('POST', '/api/appeals', { b: 1, a: { y: [1, { q: 2, p: 1 }], x: 'é' } });
    const b = fingerprintOf('POST', '/api/appeals', { a: { x: 'é', y: [1, { p: 1, q: 2 }] }, b: 1, c: undefined });
    expect(a).toBe(b);
    expect(fingerprintOf('POST', '/api/appeals', { b: 2, a: { x: 'é', y: [1, { p: 1, q: 2 }] } })).not.toBe(a);
    expect(fingerprintOf('POST', '/api/other', { b: 1, a: { x: 'é', y: [1, { p: 1, q: 2 }] } })).not.toBe(a);
    expect(canonicalJson({ b: [undefined, 1], a: null })).toBe('{"a":null,"b":[null,1]}');
  });

  it('derives a keyed event id from the key and the request, and the appeal id base from the key alone', () => {
    const one = writeIdOf('agent', 'k-1', () => 'unused', fingerprintOf('POST', '/api/appeals', { d: 'one' }));
    const same = writeIdOf('agent', 'k-1', () => 'unused', fingerprintOf('POST', '/api/appeals', { d: 'one' }));
    const other = writeIdOf('agent', 'k-1', () => 'unused', fingerprintOf('POST', '/api/appeals', { d: 'two' }));
    expect(one).toBe(same);
    expect(other).not.toBe(one);
    expect(one.startsWith(`${keyIdOf('agent', 'k-1')}.`)).toBe(true);
    expect(other.startsWith(`${keyIdOf('agent', 'k-1')}.`)).toBe(true);
    expect(keyIdOf('other-user', 'k-1')).not.toBe(keyIdOf('agent', 'k-1'));
    expect(one.length).toBeLessThanOrEqual(128);
    expect(writeIdOf('agent', null, () => 'uuid', 'fp')).toBe('api-uuid');
  });
});
