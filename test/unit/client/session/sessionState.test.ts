import { describe, expect, it } from 'vitest';
import {
  applySessionEvent,
  INITIAL_SESSION_STATE,
  sessionKeyOf,
  type SessionEvent,
  type SessionState,
} from '../../../../client/src/session/sessionState';
import { sessionUser } from '../fixtures';

const run = (events: SessionEvent[], from: SessionState = INITIAL_SESSION_STATE): SessionState =>
  events.reduce(applySessionEvent, from);

const alice = sessionUser('supervisor', { username: 'alice', regions: ['KZ-75'] });
const signedIn: SessionState = { status: 'signed-in', user: alice };

describe('applySessionEvent', () => {
  it('starts by loading, then signs in or shows the login page without a notice', () => {
    expect(INITIAL_SESSION_STATE).toEqual({ status: 'loading' });
    expect(run([{ type: 'me:ok', user: alice }])).toEqual(signedIn);
    expect(run([{ type: 'me:unauthorized' }])).toEqual({ status: 'signed-out', notice: null });
  });

  it('waits for an unreachable server and tries again', () => {
    expect(run([{ type: 'me:unreachable' }])).toEqual({ status: 'unreachable' });
    expect(run([{ type: 'me:unreachable' }, { type: 'retry' }])).toEqual({ status: 'loading' });
    expect(run([{ type: 'me:unreachable' }, { type: 'retry' }, { type: 'me:ok', user: alice }])).toEqual(signedIn);
  });

  it('ignores a retry that is not due', () => {
    expect(applySessionEvent(signedIn, { type: 'retry' })).toBe(signedIn);
  });

  it('signs in from the login page and out again with a notice', () => {
    const out = run([{ type: 'me:unauthorized' }, { type: 'login:ok', user: alice }, { type: 'logout:ok' }]);
    expect(out).toEqual({ status: 'signed-out', notice: 'signed-out' });
  });

  it('shows the login page, saying the session ended, on a refused socket or a 401', () => {
    expect(applySessionEvent(signedIn, { type: 'unauthorized' })).toEqual({ status: 'signed-out', notice: 'expired' });
    expect(applySessionEvent(signedIn, { type: 'me:unauthorized' })).toEqual({
      status: 'signed-out',
      notice: 'expired',
    });
  });

  it('keeps the same state object when a re-check finds the same user (no remount)', () => {
    expect(applySessionEvent(signedIn, { type: 'me:ok', user: { ...alice, regions: ['KZ-75'] } })).toBe(signedIn);
  });

  it('takes the new claims when a re-check finds the role or regions changed', () => {
    const promoted = { ...alice, role: 'admin' as const };
    expect(applySessionEvent(signedIn, { type: 'me:ok', user: promoted })).toEqual({
      status: 'signed-in',
      user: promoted,
    });
  });

  it('keeps the user when a re-check cannot reach the server', () => {
    expect(applySessionEvent(signedIn, { type: 'me:unreachable' })).toBe(signedIn);
  });

  it('keeps the notice when more refusals arrive after signing out', () => {
    const expired: SessionState = { status: 'signed-out', notice: 'expired' };
    expect(applySessionEvent(expired, { type: 'unauthorized' })).toBe(expired);
  });
});

describe('sessionKeyOf', () => {
  it('changes with what the user may see, not with the display name', () => {
    expect(sessionKeyOf(alice)).toBe(sessionKeyOf({ ...alice, displayName: 'Alice' }));
    expect(sessionKeyOf(alice)).not.toBe(sessionKeyOf({ ...alice, regions: 'all' }));
    expect(sessionKeyOf(alice)).not.toBe(sessionKeyOf({ ...alice, role: 'operator' }));
    expect(sessionKeyOf(alice)).not.toBe(sessionKeyOf({ ...alice, username: 'bob' }));
  });

  it('leaves the change-password page once the one-time password is replaced', () => {
    const bound = sessionUser('agent', { username: 'dana', mustChangePassword: true });
    const free = sessionUser('agent', { username: 'dana' });
    const kept = run([{ type: 'me:ok', user: bound }]);
    expect(kept).toEqual({ status: 'signed-in', user: bound });
    // Same user and scope, but no longer bound: a new state, so the gate shows the app.
    expect(run([{ type: 'password:changed', user: free }], kept)).toEqual({ status: 'signed-in', user: free });
    expect(run([{ type: 'me:ok', user: free }], kept)).toEqual({ status: 'signed-in', user: free });
  });
});
