import { describe, expect, it } from 'vitest';
import { routeOf } from '../../../client/src/routes';

describe('routeOf', () => {
  it('shows the wall at / and /wall', () => {
    expect(routeOf('/')).toBe('wall');
    expect(routeOf('/wall')).toBe('wall');
    expect(routeOf('/wall/')).toBe('wall');
  });

  it('knows the login and admin pages', () => {
    expect(routeOf('/login')).toBe('login');
    expect(routeOf('/admin/')).toBe('admin');
  });

  it('knows nothing else yet', () => {
    expect(routeOf('/agent')).toBe('not-found');
    expect(routeOf('/wallpaper')).toBe('not-found');
    expect(routeOf('/admin/users')).toBe('not-found');
  });
});
