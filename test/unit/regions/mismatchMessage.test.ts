import { describe, expect, it } from 'vitest';
import { createLocator, type Placement } from '../../../server/src/regions/createLocator';
import { loadBuiltinLayer } from '../../../server/src/regions/loadRegionLayer';
import { mismatchMessage } from '../../../server/src/regions/mismatchMessage';

const locator = createLocator(loadBuiltinLayer());

function message(placement: Placement): string {
  if (placement.ok || placement.code !== 'region_mismatch') throw new Error('expected a mismatch');
  return mismatchMessage(placement);
}

describe('mismatchMessage', () => {
  it('names the given region and where the point is', () => {
    expect(message(locator.place({ lat: 50.41, lng: 80.22 }, 'KZ-63'))).toBe(
      'region KZ-63 (East Kazakhstan Region) does not match the location: the point is in or within 2 km of KZ-10 (Abai Region)',
    );
    expect(message(locator.place({ lat: 41.31, lng: 69.28 }, 'KZ-79'))).toBe(
      'region KZ-79 (Shymkent) does not match the location: the point is in no region (none within 2 km)',
    );
  });

  it('names the place an address names, its region and where the point is', () => {
    expect(message(locator.place({ lat: 43.25, lng: 76.93, address: 'г. Семей, ул. Абая 12' }))).toBe(
      'the address names Семей, in KZ-10 (Abai Region), but the point is in or within 2 km of KZ-75 (Almaty)',
    );
  });
});
