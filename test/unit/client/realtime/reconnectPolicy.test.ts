import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RECONNECT_MS,
  manualReconnectDelay,
  REFUSED_RETRY_MS,
  type ReconnectContext,
} from '../../../../client/src/realtime/reconnectPolicy';

const base: ReconnectContext = { isIncompatible: false, shutdownDelayMs: null, isActive: false, random: 0 };

describe('manualReconnectDelay', () => {
  it('leaves transport losses to socket.io-client', () => {
    for (const reason of ['transport close', 'transport error', 'ping timeout', 'parse error'] as const) {
      expect(manualReconnectDelay(reason, { ...base, isActive: true })).toBeNull();
    }
  });

  it('never reconnects after we closed the socket', () => {
    expect(manualReconnectDelay('io client disconnect', base)).toBeNull();
  });

  it('reconnects after a server disconnect, after the delay a shutdown notice asked for', () => {
    expect(manualReconnectDelay('io server disconnect', base)).toBe(DEFAULT_RECONNECT_MS);
    expect(manualReconnectDelay('io server disconnect', { ...base, shutdownDelayMs: 500, random: 0.5 })).toBe(1000);
  });

  it('retries a refused handshake, but not while socket.io-client is retrying', () => {
    expect(manualReconnectDelay('connect_error', base)).toBe(REFUSED_RETRY_MS);
    expect(manualReconnectDelay('connect_error', { ...base, isActive: true })).toBeNull();
  });

  it('stays down when the protocol is incompatible', () => {
    expect(manualReconnectDelay('io server disconnect', { ...base, isIncompatible: true })).toBeNull();
    expect(manualReconnectDelay('connect_error', { ...base, isIncompatible: true })).toBeNull();
  });
});
