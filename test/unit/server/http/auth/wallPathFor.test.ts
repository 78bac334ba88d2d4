import { describe, expect, it } from 'vitest';
import { wallPathFor } from '../../../../../server/src/http/auth/createAuthRouter';

describe('wallPathFor (where a kiosk link lands)', () => {
  it('is the plain wall without settings', () => {
    expect(wallPathFor({})).toBe('/wall');
  });

  it('passes on the wall-mode settings, and only those', () => {
    expect(wallPathFor({ rotate: '20', stale: '60', lang: 'kk', next: '//evil.example', foo: 'bar' })).toBe(
      '/wall?rotate=20&stale=60&lang=kk',
    );
  });

  it('drops repeated, long or odd values (the client validates the rest)', () => {
    expect(wallPathFor({ rotate: ['5', '10'], lang: 'kk&x=1', stale: '1'.repeat(17) })).toBe('/wall');
    expect(wallPathFor({ rotate: '7.5' })).toBe('/wall?rotate=7.5');
  });
});
