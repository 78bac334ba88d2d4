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
  // One growing string (V8 joins the pieces once, at encode).
  let text = '';
  for (const row of rows) {
    text += field(row[0]);
    for (let i = 1; i < row.length; i += 1) text += `\t${field(row[i])}`;
    text += '\n';
  }
  return encoder.encode(text);
}
