import { getRegion, type RegionCode } from '@shared';
import { AGREE_METERS, type Placement } from './createLocator';

type Mismatch = Extract<Placement, { code: 'region_mismatch' }>;

const named = (code: RegionCode) => `${code} (${getRegion(code).name.en})`;

/**
 * Names both sides of a refused placement, so the caller can tell which to fix:
 * "region KZ-63 (East Kazakhstan Region) does not match the location: the point is in
 * KZ-10 (Abai Region)"; "the address names Семей, in KZ-10 (Abai Region), but the point is
 * in KZ-75 (Almaty)"; "… but the point is in no region".
 */
export function mismatchMessage(mismatch: Mismatch): string {
  const where =
    mismatch.near.length === 0
      ? 'the point is in no region'
      : `the point is in ${mismatch.near.map(named).join(' or ')}`;
  const given = mismatch.place
    ? `the address names ${mismatch.place.name.ru}, in ${named(mismatch.given)}`
    : `region ${named(mismatch.given)} does not match the location`;
  return `${given}${mismatch.place ? ', but' : ':'} ${where} (or within ${AGREE_METERS / 1000} km of it)`;
}
