import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RECONNECT_MS,
  isUnauthorizedError,
  manualReconnectDelay,
  REFUSED_RETRY_MS,
  shouldVerifySession,
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

describe('isUnauthorizedError', () => {
  it('recognises the server refusing a handshake without a session', () => {
    expect(isUnauthorizedError(new Error('unauthorized: sign in first'))).toBe(true);
    expect(isUnauthorizedError(new Error('Unauthorized'))).toBe(true);
  });

  it('leaves other refusals to the retry policy', () => {
    expect(isUnauthorizedError(new Error('authentication unavailable, retry'))).toBe(false);
    expect(isUnauthorizedError(new Error('xhr poll error'))).toBe(false);
    expect(isUnauthorizedError(undefined)).toBe(false);
  });
});

describe('shouldVerifySession', () => {
  const calm = { isIncompatible: false, shutdownDelayMs: null };

  it('re-reads the session when the server dropped us without a shutdown notice', () => {
    expect(shouldVerifySession('io server disconnect', calm)).toBe(true);
  });

  it('does not for a shutdown, an incompatible server, or a transport loss', () => {
    expect(shouldVerifySession('io server disconnect', { ...calm, shutdownDelayMs: 500 })).toBe(false);
    expect(shouldVerifySession('io server disconnect', { ...calm, isIncompatible: true })).toBe(false);
    expect(shouldVerifySession('transport close', calm)).toBe(false);
    expect(shouldVerifySession('io client disconnect', calm)).toBe(false);
  });
});
