import { describe, expect, it } from 'vitest';
import { placeText } from '../../../../../client/src/features/appeal/placeText';

describe('placeText', () => {
  it('joins address and district, but names a district the address already holds only once', () => {
    expect(placeText({ address: 'ул. Абая, 10', district: 'Медеуский район' })).toBe('ул. Абая, 10, Медеуский район');
    expect(placeText({ address: 'район Есиль, Астана, ул. Кенесары, 40', district: 'район Есиль' })).toBe(
      'район Есиль, Астана, ул. Кенесары, 40',
    );
    expect(placeText({ district: 'Есіл ауданы' })).toBe('Есіл ауданы');
    expect(placeText({})).toBe('');
    expect(placeText(undefined)).toBe('');
  });
});
