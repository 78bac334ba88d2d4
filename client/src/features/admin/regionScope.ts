import { REGIONS, type RegionCode, type RegionScope } from '@shared';
import type { TFunction } from 'i18next';
import type { Language } from '../../i18n/languages';
import { regionName } from '../../i18n/names';

/** What a region picker holds: every region, or the codes ticked so far (maybe none yet). */
export type RegionSelection = 'all' | readonly RegionCode[];

/** Ticks or unticks one region (in the order of REGIONS, so the request is stable). */
export function toggleRegion(selection: RegionSelection, code: RegionCode): RegionSelection {
  const current = new Set(selection === 'all' ? [] : selection);
  if (current.has(code)) current.delete(code);
  else current.add(code);
  return REGIONS.map((r) => r.code).filter((c) => current.has(c));
}

/** The scope to send, or null when nothing is chosen (the server wants at least one). */
export function scopeOfSelection(selection: RegionSelection): RegionScope | null {
  if (selection === 'all') return 'all';
  return selection.length > 0 ? [...selection] : null;
}

/** "all regions", or the region names in the UI language. */
export function describeScope(scope: RegionScope, language: Language, t: TFunction): string {
  if (scope === 'all') return t('regions.all');
  return scope.map((code) => regionName(code, language)).join(', ');
}
