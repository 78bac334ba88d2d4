import { z } from 'zod';
import type { RegionCode } from '../domain/regions';
import type { RegionScope } from '../domain/roles';
import { addDays, isLocalDate, startOfAlmatyDay } from '../calendar/almatyTime';
import { entityIdSchema, instantSchema } from '../schemas/common';
import { echo } from './listPaging';

/**
 * The building blocks of the list endpoints (`GET /api/appeals`, `.csv`, `GET /api/incidents`):
 * query-string parameters, keyset cursors and the one-pass page selection. Pure, no I/O;
 * `appealQuery.ts` and `incidentQuery.ts` put them together per resource.
 */

/** Default page size of a list. */
export const DEFAULT_LIST_LIMIT = 100;

/** Largest page size a list answers. */
export const MAX_LIST_LIMIT = 500;

/** Longest free-text search (`q`), in characters after trimming. */
export const MAX_LIST_SEARCH_LENGTH = 200;

/** Longest cursor accepted; real ones are well under 200 characters. */
const MAX_CURSOR_LENGTH = 512;

/** A repeated key arrives as an array; scalar parameters must be given once. */
function oneValue() {
  return z.string({
    error: (issue) => (Array.isArray(issue.input) ? 'give this parameter once' : 'expected text'),
  });
}

/**
 * A list of codes from a closed vocabulary: `region=KZ-71,KZ-75`, `region=KZ-71&region=KZ-75`
 * or both. Blank items are skipped; the result is de-duplicated and in vocabulary order, so
 * two spellings of one filter parse to the same value. An empty list (`region=`) means no
 * filter, as a multi-select with nothing chosen does.
 */
export function listParam<const T extends string>(vocabulary: readonly T[], noun: string) {
  const order = new Map<string, number>(vocabulary.map((code, index) => [code, index]));
  return z
    .unknown()
    .transform((input, ctx): T[] | undefined => {
      const parts = Array.isArray(input) ? (input as unknown[]) : [input];
      const chosen = new Set<T>();
      const unknown: string[] = [];
      for (const part of parts) {
        if (typeof part !== 'string') {
          ctx.addIssue({ code: 'custom', message: 'expected a comma-separated list', input });
          return z.NEVER;
        }
        for (const raw of part.split(',')) {
          const value = raw.trim();
          if (value === '') continue;
          if (order.has(value)) chosen.add(value as T);
          else unknown.push(echo(value));
        }
      }
      if (unknown.length > 0) {
        const hint = vocabulary.length <= 10 ? ` (one of ${vocabulary.join(', ')})` : '';
        ctx.addIssue({ code: 'custom', message: `unknown ${noun} ${unknown.join(', ')}${hint}`, input });
        return z.NEVER;
      }
      if (chosen.size === 0) return undefined;
      return [...chosen].sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
    })
    .optional();
}

/** `true` or `false`, nothing else. */
export const booleanParam = oneValue()
  .transform((value, ctx) => {
    if (value === 'true') return true;
    if (value === 'false') return false;
    ctx.addIssue({ code: 'custom', message: 'must be true or false', input: value });
    return z.NEVER;
  })
  .optional();

/**
 * An ISO-8601 instant with an offset, parsed to epoch ms. A `+` typed unencoded in a URL
 * arrives as a space (`…T10:00:00 05:00`); that one place is read as the `+` it was.
 */
export const instantParam = oneValue()
  .transform((value) => value.replace(/(T[\d:.]+) (\d{2}:\d{2})$/, '$1+$2'))
  .pipe(instantSchema)
  .transform(Date.parse)
  .optional();

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A period's edge: an ISO-8601 instant (as `instantParam`), or a calendar date `YYYY-MM-DD`
 * of Kazakhstan (Asia/Almaty). A date as `from` is the start of that day; as `to` it is
 * inclusive, so the bound is the start of the next day (`to` stays exclusive as an instant).
 */
export function dateOrInstantParam(edge: 'from' | 'to') {
  return oneValue()
    .transform((value, ctx) => {
      const text = value.trim();
      if (!DATE_ONLY.test(text)) return text.replace(/(T[\d:.]+) (\d{2}:\d{2})$/, '$1+$2');
      if (!isLocalDate(text)) {
        ctx.addIssue({ code: 'custom', message: `no such date ${echo(text)}`, input: value });
        return z.NEVER;
      }
      return new Date(startOfAlmatyDay(edge === 'from' ? text : addDays(text, 1))).toISOString();
    })
    .pipe(
      z.iso.datetime({
        offset: true,
        error: 'a date YYYY-MM-DD (Kazakhstan calendar day) or ISO-8601 with an offset, e.g. 2026-11-27T10:15:00+05:00',
      }),
    )
    .transform(Date.parse)
    .optional();
}

/** Free-text search, trimmed; blank means no search. */
export const searchParam = oneValue()
  .trim()
  .max(MAX_LIST_SEARCH_LENGTH, `at most ${MAX_LIST_SEARCH_LENGTH} characters`)
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** One appeal or incident id. */
export const idParam = oneValue().pipe(entityIdSchema).optional();

/** Page size, 1–500, default 100. */
export const limitParam = oneValue()
  .regex(/^\d{1,6}$/, `a whole number from 1 to ${MAX_LIST_LIMIT}`)
  .transform(Number)
  .pipe(
    z.number().min(1, `a whole number from 1 to ${MAX_LIST_LIMIT}`).max(MAX_LIST_LIMIT, `at most ${MAX_LIST_LIMIT}`),
  )
  .default(DEFAULT_LIST_LIMIT);

/** The opaque cursor of the next page; blank means the first page. Decoded by the query. */
export const cursorParam = oneValue()
  .max(MAX_CURSOR_LENGTH, 'not a cursor of this list')
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** `sort=<key>` ascending or `sort=-<key>` descending, from a fixed list. */
export function sortParam<const S extends string>(sorts: readonly S[], fallback: S) {
  const keys = sorts.filter((sort) => !sort.startsWith('-')).join(', ');
  return oneValue()
    .pipe(z.enum(sorts, { error: () => `one of ${keys}, with a leading - for descending` }))
    .default(fallback);
}

/**
 * An object of query parameters where an unknown key is an error on that key (so
 * `describeIssues` says `colour: unknown parameter …`), reported together with any other
 * problem. Express hands over `req.query` as is.
 */
export function strictQuery<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape);
  const isKnown = new Set(known);
  return z
    .looseObject(shape)
    .superRefine(
      (value, ctx) => {
        for (const key of Object.keys(value)) {
          if (isKnown.has(key)) continue;
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `unknown parameter (expected ${known.join(', ')})`,
            input: value[key],
          });
        }
      },
      // Also when a known parameter failed, so every problem comes in one answer.
      { when: ({ value }) => typeof value === 'object' && value !== null && !Array.isArray(value) },
    )
    .transform((value) => value as z.output<z.ZodObject<S>>);
}

export * from './listPaging';

/**
 * The regions an item may be in: the caller's scope intersected with the `region` filter;
 * null when every region is allowed.
 */
export function allowedRegions(
  scope: RegionScope,
  wanted: readonly RegionCode[] | undefined,
): ReadonlySet<RegionCode> | null {
  if (scope === 'all') return wanted === undefined ? null : new Set(wanted);
  if (wanted === undefined) return new Set(scope);
  const inScope = new Set(scope);
  return new Set(wanted.filter((code) => inScope.has(code)));
}

/** A set for a list filter; null when the filter is not given. */
export function setOf<T>(values: readonly T[] | undefined): ReadonlySet<T> | null {
  return values === undefined ? null : new Set(values);
}

/**
 * A case-insensitive substring test for free-text search (Unicode simple case folding, so
 * "ЖАРЫҚ" finds "жарық"). A regular expression, not `toLowerCase().includes()`: it copies
 * nothing, which halves the cost of a search over 100,000 descriptions.
 */
export function createTextMatcher(needle: string): (texts: readonly (string | undefined)[]) => boolean {
  const pattern = new RegExp(needle.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), 'iu');
  return (texts) => {
    for (const text of texts) if (text !== undefined && pattern.test(text)) return true;
    return false;
  };
}

// ─── Canonical filter string ─────────────────────────────────────────────────────────────

/** Epoch ms as ISO-8601 UTC, whole seconds without `.000`: `2026-11-27T05:15:00Z`. */
export function formatInstantUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

// Only the characters that would break `key=a,b&key=c` or hide in a one-line header are
// percent-encoded; Cyrillic and Kazakh letters stay readable.
const RESERVED = /[%&,=#+\p{Cc}\p{Cf}]/gu;

/**
 * A parsed query's filters as one canonical line, `key=v1,v2&key=v3`, keys in `keys` order,
 * lists in vocabulary order, instants as UTC: the same filters always read the same, and
 * `new URLSearchParams(line)` parses back to them. Empty string when nothing is filtered.
 */
export function filterStringOf<Q extends object>(query: Q, keys: readonly (keyof Q & string)[]): string {
  const parts: string[] = [];
  for (const key of keys) {
    const value: unknown = query[key];
    if (value === undefined) continue;
    const text = Array.isArray(value)
      ? value.join(',')
      : typeof value === 'number'
        ? formatInstantUtc(value)
        : String(value).replace(RESERVED, (c) => encodeURIComponent(c));
    parts.push(`${key}=${text}`);
  }
  return parts.join('&');
}
