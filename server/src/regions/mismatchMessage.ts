import { getRegion, type RegionCode } from '@shared';
import { AGREE_METERS, type Placement } from './createLocator';

type Mismatch = Extract<Placement, { code: 'region_mismatch' }>;

const named = (code: RegionCode) => `${code} (${getRegion(code).name.en})`;

/**
 * Names both sides of a refused placement, so the caller can tell which to fix:
 * "region KZ-63 (East Kazakhstan Region) does not match the location: the point is in or
 * within 2 km of KZ-10 (Abai Region)"; "the address names Семей, in KZ-10 (Abai Region), but
 * the point is in or within 2 km of KZ-75 (Almaty)"; "… the point is in no region (none
 * within 2 km)".
 */
export function mismatchMessage(mismatch: Mismatch): string {
  const km = `${AGREE_METERS / 1000} km`;
  const where =
    mismatch.near.length === 0
      ? `the point is in no region (none within ${km})`
      : `the point is in or within ${km} of ${mismatch.near.map(named).join(' or ')}`;
  if (mismatch.place) return `the address names ${mismatch.place.name.ru}, in ${named(mismatch.given)}, but ${where}`;
  return `region ${named(mismatch.given)} does not match the location: ${where}`;
}
