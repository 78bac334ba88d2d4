import { CATEGORIES, REGIONS } from '@shared';
import type { Language } from './languages';

const CATEGORY_NAMES = new Map(CATEGORIES.map((c) => [c.code as string, c.name]));
const REGION_NAMES = new Map(REGIONS.map((r) => [r.code as string, r.name]));

/**
 * Category name in `language` (shared/domain/categories.ts). A code added to the contract
 * after this build was made shows as its code rather than as another language.
 */
export function categoryName(code: string, language: Language): string {
  return CATEGORY_NAMES.get(code)?.[language] ?? code;
}

/** Region name in `language` (shared/domain/regions.ts); unknown codes show as the code. */
export function regionName(code: string, language: Language): string {
  return REGION_NAMES.get(code)?.[language] ?? code;
}
