import { hasInvisible, stripInvisible } from './normalizeText';

/** A body with invisible characters removed from its text, and the dotted paths of the fields that had some. */
export interface StrippedBody {
  body: unknown;
  fields: string[];
}

/**
 * Removes invisible format characters (zero-width spaces, soft hyphens, word joiners, BOM…)
 * from every string of a JSON body before it is validated. A person never means to type
 * them; they come from pasted text, or hide digits from the scrubber. The writer is told
 * which fields were cleaned, not refused.
 */
export function stripInvisibleFields(body: unknown): StrippedBody {
  return strip(body, '', 0);
}

/**
 * Text in a write body sits at most three levels down (`location.address`, `appealIds.0`);
 * anything deeper is left as it is for the schema to refuse (a body nested thousands of
 * levels deep must be a 422, not a stack overflow).
 */
const MAX_DEPTH = 4;

function strip(body: unknown, path: string, depth: number): StrippedBody {
  if (typeof body === 'string') {
    return hasInvisible(body) ? { body: stripInvisible(body), fields: [path] } : { body, fields: [] };
  }
  if (body === null || typeof body !== 'object' || depth >= MAX_DEPTH) return { body, fields: [] };
  const fields: string[] = [];
  const visit = (value: unknown, key: string | number): unknown => {
    const inner = strip(value, path === '' ? String(key) : `${path}.${key}`, depth + 1);
    fields.push(...inner.fields);
    return inner.body;
  };
  const cleaned = Array.isArray(body)
    ? body.map(visit)
    : Object.fromEntries(Object.entries(body).map(([key, value]) => [key, visit(value, key)]));
  return fields.length === 0 ? { body, fields } : { body: cleaned, fields };
}
