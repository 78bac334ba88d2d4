import { describe, expect, it } from 'vitest';
import { appealPath, regionCodeOf, regionPath, routeOf } from '../../../client/src/routes';

describe('routeOf', () => {
  it('shows the dashboard at /, the wall mode at /wall and the charts at /analytics', () => {
    expect(routeOf('/')).toBe('dashboard');
    expect(routeOf('/wall')).toBe('wall');
    expect(routeOf('/wall/')).toBe('wall');
    expect(routeOf('/analytics')).toBe('analytics');
    expect(routeOf('/analytics/')).toBe('analytics');
  });

  it('knows the login and admin pages', () => {
    expect(routeOf('/login')).toBe('login');
    expect(routeOf('/admin/')).toBe('admin');
  });

  it('knows a region drill-down and reads its code', () => {
    expect(routeOf('/region/KZ-63')).toBe('region');
    expect(routeOf('/region/KZ-63/')).toBe('region');
    expect(regionCodeOf('/region/KZ-63/')).toBe('KZ-63');
    expect(regionCodeOf('/region/almaty_district-7')).toBe('almaty_district-7');
    expect(regionCodeOf('/wall')).toBeNull();
    for (const path of ['/region', '/region/', '/region/KZ 63', '/region/KZ-63/appeals', `/region/${'x'.repeat(33)}`]) {
      expect(routeOf(path), path).toBe('not-found');
    }
  });

  it('builds region and appeal paths', () => {
    expect(regionPath('KZ-63')).toBe('/region/KZ-63');
    expect(appealPath('A-71-x/1')).toBe('/appeals/A-71-x%2F1');
  });

  it('knows the agent console, and nothing else', () => {
    expect(routeOf('/agent')).toBe('agent');
    expect(routeOf('/agent/')).toBe('agent');
    expect(routeOf('/wallpaper')).toBe('not-found');
    expect(routeOf('/admin/users')).toBe('not-found');
  });
});
