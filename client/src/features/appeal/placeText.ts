import type { Location } from '@shared';

/**
 * An appeal's place as one line: the address, then the district unless the address
 * already names it (the agent console writes "Есиль district, Astana, street…" and sends
 * the district as well).
 */
export function placeText(location: Pick<Location, 'address' | 'district'> | undefined): string {
  const address = location?.address?.trim() ?? '';
  const district = location?.district?.trim() ?? '';
  if (district === '' || address.toLowerCase().includes(district.toLowerCase())) return address;
  return address === '' ? district : `${address}, ${district}`;
}
