import { findFlatNumbers } from './flatNumbers';
import { scanView, scrubPersonalData } from './scrubPersonalData';

/** Separators left dangling when a flat part is cut out of an address. */
const BEFORE_PART = /[\s,;]+$/;

/**
 * An address cut to street and house: every flat/apartment/office part ("кв. 89",
 * "104-пәтер", "apt. 5"…) is removed with the comma before it. "ул. Абая 10, кв. 89" →
 * "ул. Абая 10". The rest of the text is kept as given.
 */
export function cutToStreetAndHouse(address: string): string {
  const scan = scanView(address);
  const flats = findFlatNumbers(scan.text);
  if (flats.length === 0) return address;
  let out = '';
  let copied = 0;
  for (const flat of flats) {
    const from = scan.startOf(flat.start);
    const to = scan.endOf(flat.end - 1);
    if (from < copied) continue;
    out += address.slice(copied, from).replace(BEFORE_PART, '');
    copied = to;
  }
  const rest = address.slice(copied);
  // "кв. 89, ул. Абая 10": the comma after a leading flat part goes with it.
  return (out === '' ? rest.replace(/^[\s,;]+/, '') : out + rest).trim();
}

/**
 * An address as a viewer without personal-data rights sees it: street and house only,
 * then scrubbed like any free text (a phone typed into the address field).
 */
export function presentAddress(address: string): string {
  const cached = cache.get(address);
  if (cached !== undefined) return cached;
  const shown = scrubPersonalData(cutToStreetAndHouse(address));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(address, shown);
  return shown;
}

// Every snapshot presents every open appeal's address again: remember recent answers.
const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();
