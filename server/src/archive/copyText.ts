/** A value as COPY's text format takes it (null and undefined are `\N`). */
export type CopyValue = string | number | boolean | null | undefined;

const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPED = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function field(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, (c) => ESCAPES[c] as string) : value;
}

const encoder = new TextEncoder();

/**
 * Rows as COPY's text format (tab-separated, `\N` for null, backslash escapes), UTF-8 in a
 * buffer of its own (PGlite's driver transfers it to its worker; node-postgres sends it as
 * CopyData). Values in the COPY statement's column order.
 */
export function copyRows(rows: readonly (readonly CopyValue[])[]): Uint8Array<ArrayBuffer> {
  // Lines joined once (measured 1.5–2.5× faster than appending to one string).
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(field).join('\t'));
  lines.push('');
  return encoder.encode(lines.join('\n'));
}
