import { z } from 'zod';
import { isValidIinOrBin } from '../privacy/checksums';
import { categoryCodeSchema, quoteInput, regionCodeSchema } from '../schemas/common';
import type { CategoryCode } from './categories';
import type { RegionCode } from './regions';

/**
 * The service directory (issue 17): the organisations appeals are routed to
 * (организация-исполнитель / орындаушы ұйым), keyed by their БИН.
 */

/** What kind of organisation it is (iKOMEK's own grouping: departments, utilities, lifts, housing). */
export const ORGANISATION_KINDS = ['city_department', 'utility', 'lift_company', 'housing', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Most organisations one directory holds (Astana alone routes to about 1,500). */
export const MAX_ORGANISATIONS = 20_000;

/** A БИН: 12 digits whose control digit is right (shared ИИН/БИН rule, privacy/checksums). */
export const binSchema = z
  .string({ error: 'a БИН is 12 digits' })
  .trim()
  .regex(/^\d{12}$/, 'a БИН is 12 digits')
  .refine(isValidIinOrBin, {
    error: (issue) => `${quoteInput(issue.input)} is not a valid БИН (its control digit is wrong)`,
  });

const nameText = z.string().trim().min(1).max(300);

/** An organisation's name; Russian and Kazakh are required (both are official), English optional. */
export const organisationNameSchema = z.strictObject({ ru: nameText, kk: nameText, en: nameText.optional() });
export type OrganisationName = z.infer<typeof organisationNameSchema>;

/** A contact phone as the directory keeps it: digits, spaces, +, -, parentheses. */
const orgPhoneSchema = z
  .string()
  .trim()
  .min(5)
  .max(40)
  .regex(/^[\d\s+()-]+$/, 'only digits, spaces and + - ( )');

/** The fields an admin sets (POST /api/admin/services, one CSV row). */
export const organisationInputSchema = z.strictObject({
  bin: binSchema,
  name: organisationNameSchema,
  kind: z.enum(ORGANISATION_KINDS),
  /** Where it works; at least one region. */
  regions: z.array(regionCodeSchema).min(1, 'give at least one region').max(40),
  /** What it handles; empty means any category (an akimat's apparatus). */
  categories: z.array(categoryCodeSchema).max(60),
  phone: orgPhoneSchema.optional(),
  /** Deactivated organisations stay (old appeals name them) but are not offered for new assignments. */
  active: z.boolean(),
});
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

/** PATCH /api/admin/services/:bin: any field but the БИН. */
export const organisationPatchSchema = organisationInputSchema
  .omit({ bin: true })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type OrganisationPatch = z.infer<typeof organisationPatchSchema>;

/** An organisation as stored and listed. */
export interface Organisation extends OrganisationInput {
  /** ISO-8601. */
  createdAt: string;
  updatedAt: string;
}

/** Legal-form words that a typed name may or may not carry ("ТОО «X»" and "X" are the same). */
const LEGAL_FORMS = /^(?:тоо|ао|гкп|кгп|гу|кгу|ргп|ип|оси|кск|пк|жшс|мкк|ақ|мм|ббм|llp|jsc)\s+/u;

/**
 * A name as typed names are compared: lower case, quotes and punctuation dropped, spaces
 * collapsed, a leading legal form (ТОО, ГКП, ЖШС…) dropped, ё read as е.
 */
export function normaliseServiceName(text: string): string {
  const plain = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'“”„‘’`.,;:()№]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.replace(LEGAL_FORMS, '').trim();
}

/** True when the organisation works in the region (and handles the category, when given). */
export function servesAppeal(
  org: Pick<Organisation, 'regions' | 'categories'>,
  region: RegionCode,
  category?: CategoryCode,
): boolean {
  if (!org.regions.includes(region)) return false;
  return category === undefined || org.categories.length === 0 || org.categories.includes(category);
}

/**
 * The one active organisation of the region whose name (in any language) is this free
 * text, or null when none or several are (then the text is kept as given).
 */
export function matchServiceName(
  organisations: Iterable<Organisation>,
  text: string,
  region: RegionCode,
): Organisation | null {
  const wanted = normaliseServiceName(text);
  if (wanted === '') return null;
  let found: Organisation | null = null;
  for (const org of organisations) {
    if (!org.active || !org.regions.includes(region)) continue;
    const names = [org.name.ru, org.name.kk, ...(org.name.en ? [org.name.en] : [])];
    if (!names.some((name) => normaliseServiceName(name) === wanted)) continue;
    if (found && found.bin !== org.bin) return null;
    found = org;
  }
  return found;
}
