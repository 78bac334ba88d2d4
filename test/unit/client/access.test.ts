import { describe, expect, it } from 'vitest';
import { allowedRoutes, canonicalPathOf, pageOf } from '../../../client/src/access';
import { sessionUser } from './fixtures';

describe('allowedRoutes', () => {
  it('gives only admins the admin page', () => {
    expect(allowedRoutes(sessionUser('admin')).has('admin')).toBe(true);
    for (const role of ['operator', 'supervisor', 'agent'] as const) {
      expect(allowedRoutes(sessionUser(role)).has('admin'), role).toBe(false);
      expect(allowedRoutes(sessionUser(role)).has('wall'), role).toBe(true);
    }
  });

  it('lets every role drill into a region', () => {
    for (const role of ['operator', 'supervisor', 'agent', 'admin'] as const) {
      expect(allowedRoutes(sessionUser(role)).has('region'), role).toBe(true);
      expect(pageOf('region', sessionUser(role)), role).toBe('region');
    }
  });

  it('gives a kiosk the wall and read-only region drill-down, whatever role it names', () => {
    expect([...allowedRoutes(sessionUser('admin', { isKiosk: true }))]).toEqual(['wall', 'region']);
  });
});

describe('pageOf', () => {
  it('shows "not allowed" (not "not found") for a page the role may not open', () => {
    expect(pageOf('admin', sessionUser('supervisor'))).toBe('forbidden');
    expect(pageOf('admin', sessionUser('admin'))).toBe('admin');
  });

  it('shows the dashboard on the login route once signed in', () => {
    expect(pageOf('login', sessionUser('operator'))).toBe('dashboard');
  });

  it('gives every signed-in role the dashboard, the wall mode and the charts', () => {
    for (const role of ['operator', 'supervisor', 'agent', 'admin'] as const) {
      expect(pageOf('dashboard', sessionUser(role)), role).toBe('dashboard');
      expect(pageOf('wall', sessionUser(role)), role).toBe('wall');
      expect(pageOf('analytics', sessionUser(role)), role).toBe('analytics');
    }
  });

  it('shows a kiosk the wall at any path but a region one', () => {
    const kiosk = sessionUser('operator', { isKiosk: true });
    for (const route of ['dashboard', 'wall', 'analytics', 'login', 'admin', 'not-found'] as const)
      expect(pageOf(route, kiosk)).toBe('wall');
    expect(pageOf('region', kiosk)).toBe('region');
  });

  it('keeps "not found" for unknown paths', () => {
    expect(pageOf('not-found', sessionUser('agent'))).toBe('not-found');
  });
});

describe('canonicalPathOf', () => {
  it('moves a signed-in user off /login to the dashboard, and a kiosk onto /wall', () => {
    expect(canonicalPathOf('login', sessionUser('agent'))).toBe('/');
    expect(canonicalPathOf('dashboard', sessionUser('operator', { isKiosk: true }))).toBe('/wall');
    expect(canonicalPathOf('analytics', sessionUser('operator', { isKiosk: true }))).toBe('/wall');
    expect(canonicalPathOf('admin', sessionUser('operator', { isKiosk: true }))).toBe('/wall');
    expect(canonicalPathOf('wall', sessionUser('operator', { isKiosk: true }))).toBeNull();
    expect(canonicalPathOf('region', sessionUser('operator', { isKiosk: true }))).toBeNull();
    expect(canonicalPathOf('admin', sessionUser('agent'))).toBeNull();
  });
});
