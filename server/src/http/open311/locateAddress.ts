import { SETTLEMENTS, type LocalizedName } from '@shared';

/** Where an address string was placed: a settlement or city district centre from the gazetteer. */
export interface LocatedAddress {
  lat: number;
  lng: number;
  /** The city district found, in Russian as the agent console writes it; absent for a settlement. */
  district?: string;
}

interface Candidate {
  /** The name's words, lower case, space-separated and padded: ` бостандыкский район `. */
  phrase: string;
  isDistrict: boolean;
  place: LocatedAddress;
}

/**
 * Text as a padded run of lower-case words (`ё` read as `е`), so a name is found as whole
 * words only: "Шу" is not inside "Шуқыр", and punctuation or spacing does not matter.
 */
function phraseOf(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u);
  return ` ${words.filter((word) => word !== '').join(' ')} `;
}

/** "Oral (Uralsk)" → "Oral (Uralsk)", "Oral", "Uralsk": each spelling a citizen may type. */
function spellings(name: LocalizedName): string[] {
  const all = new Set<string>();
  for (const text of [name.ru, name.kk, name.en]) {
    all.add(text);
    const bracket = /^(.+?)\s*\((.+)\)$/.exec(text);
    if (bracket?.[1] && bracket[2]) {
      all.add(bracket[1]);
      all.add(bracket[2]);
    }
  }
  return [...all];
}

function candidatesOf(name: LocalizedName, isDistrict: boolean, place: LocatedAddress): Candidate[] {
  return spellings(name).map((spelling) => ({ phrase: phraseOf(spelling), isDistrict, place }));
}

const CANDIDATES: readonly Candidate[] = Object.values(SETTLEMENTS).flatMap((settlements) =>
  settlements.flatMap((settlement) => [
    ...candidatesOf(settlement.name, false, { lat: settlement.lat, lng: settlement.lng }),
    ...(settlement.districts ?? []).flatMap((district) =>
      candidatesOf(district.name, true, { lat: district.lat, lng: district.lng, district: district.name.ru }),
    ),
  ]),
);

/**
 * Places a free-text address (`address_string` sent without lat/long) at the centre of the
 * settlement or city district it names, from the gazetteer (shared/src/domain/places.ts):
 * "Алматы, Бостандыкский район, ул. Тимирязева 42" → the Bostandyk district centre. A city
 * district wins over its city, a longer name over a shorter one it contains. Null when no
 * known name appears: the client must then send a point.
 */
export function locateAddress(address: string): LocatedAddress | null {
  const text = phraseOf(address);
  let best: Candidate | null = null;
  for (const candidate of CANDIDATES) {
    if (!text.includes(candidate.phrase)) continue;
    const isBetter =
      best === null ||
      (candidate.isDistrict && !best.isDistrict) ||
      (candidate.isDistrict === best.isDistrict && candidate.phrase.length > best.phrase.length);
    if (isBetter) best = candidate;
  }
  return best ? best.place : null;
}
