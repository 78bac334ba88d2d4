import { placesNamedIn } from '@shared';

/** Where an address string was placed: a settlement or city district centre from the gazetteer. */
export interface LocatedAddress {
  lat: number;
  lng: number;
  /** The city district found, in Russian as the agent console writes it; absent for a settlement. */
  district?: string;
}

/**
 * Places a free-text address (`address_string` sent without lat/long) at the centre of the
 * settlement or city district it names, from the gazetteer (`placesNamedIn`,
 * shared/src/domain/places.ts): "Алматы, Бостандыкский район, ул. Тимирязева 42" → the
 * Bostandyk district centre. A city district wins over its city, a longer name over a
 * shorter one it contains. Null when no known name appears: the client must then send a
 * point. The region is then found by the write core's locator, where the same place wins.
 */
export function locateAddress(address: string): LocatedAddress | null {
  const [best] = placesNamedIn(address);
  if (!best) return null;
  return { lat: best.lat, lng: best.lng, ...(best.district !== undefined ? { district: best.district } : {}) };
}
