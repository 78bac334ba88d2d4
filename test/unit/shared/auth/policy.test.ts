import { describe, expect, it } from 'vitest';
import { effectiveRole, hasRole, isInRegions, isNationalScope, mayDo, ROLES, type SessionUser } from '@shared';

const user = (role: SessionUser['role'], regions: SessionUser['regions'] = 'all', isKiosk = false): SessionUser => ({
  username: 'u',
  role,
  regions,
  isKiosk,
});

describe('the role × region policy', () => {
  it('gives each role exactly its actions', () => {
    const actions = ['read', 'reveal', 'manage', 'register', 'administer'] as const;
    const table = Object.fromEntries(ROLES.map((role) => [role, actions.filter((a) => mayDo(user(role), a))]));
    expect(table).toEqual({
      operator: ['read'],
      supervisor: ['read', 'reveal', 'manage', 'register'],
      agent: ['read', 'register'],
      admin: ['read', 'administer'],
    });
  });

  it('makes a kiosk an operator whatever role it names', () => {
    const kiosk = user('supervisor', 'all', true);
    expect(effectiveRole(kiosk)).toBe('operator');
    expect(mayDo(kiosk, 'read')).toBe(true);
    expect(mayDo(kiosk, 'manage')).toBe(false);
    expect(hasRole(kiosk, 'supervisor')).toBe(false);
  });

  it('checks the region against the scope only when one is given', () => {
    const regional = user('supervisor', ['KZ-71']);
    expect(mayDo(regional, 'manage', 'KZ-71')).toBe(true);
    expect(mayDo(regional, 'manage', 'KZ-75')).toBe(false);
    expect(mayDo(regional, 'manage')).toBe(true);
    expect(mayDo(user('agent', 'all'), 'register', 'KZ-75')).toBe(true);
    expect(mayDo(user('operator', ['KZ-75']), 'manage', 'KZ-75')).toBe(false);
  });

  it('tells national scopes from regional ones', () => {
    expect(isNationalScope('all')).toBe(true);
    expect(isNationalScope(['KZ-71'])).toBe(false);
    expect(isInRegions('all', 'KZ-71')).toBe(true);
    expect(isInRegions(['KZ-75'], 'KZ-71')).toBe(false);
  });
});
