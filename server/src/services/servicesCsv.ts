import { MAX_ORGANISATIONS, organisationInputSchema, type Organisation, type OrganisationInput } from '@shared';

/**
 * The service directory as CSV (docs/api.md "Service directory CSV"): one organisation per
 * row, a header line naming the columns. Excel in Russian and Kazakh locales writes `;` and
 * a BOM, other tools `,`: both are read, the separator is the one the header line uses.
 */

/** Columns in the order the export writes them; the import takes any order, by header name. */
export const SERVICE_CSV_COLUMNS = [
  'bin',
  'name_ru',
  'name_kk',
  'name_en',
  'kind',
  'regions',
  'categories',
  'phone',
  'active',
] as const;
type Column = (typeof SERVICE_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['bin', 'name_ru', 'name_kk', 'kind', 'regions'];

/** One data row's fate: its organisation, or what is wrong with which field. */
export type CsvRow =
  | { row: number; ok: true; organisation: OrganisationInput }
  | { row: number; ok: false; errors: { field: string; message: string }[] };

export type CsvParse =
  | { ok: true; rows: CsvRow[] }
  /** The file as a whole cannot be read (no header, a missing column, unclosed quote, too many rows). */
  | { ok: false; message: string };

/** Splits CSV text into records of fields (RFC 4180 quoting: "" inside quotes, line breaks inside quotes). */
export function splitCsv(text: string, separator: string): { records: string[][]; error?: string } {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let isQuoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (isQuoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        isQuoted = false;
      } else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      isQuoted = true;
      field = '';
    } else if (ch === separator) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else field += ch;
    i += 1;
  }
  if (isQuoted) return { records, error: 'a quoted field is not closed' };
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { records };
}

/** The separator of the header line: whichever of `;` and `,` it uses more (outside quotes). */
export function detectSeparator(headerLine: string): ';' | ',' {
  const bare = headerLine.replace(/"[^"]*"/g, '');
  const semicolons = bare.split(';').length;
  const commas = bare.split(',').length;
  return semicolons >= commas ? ';' : ',';
}

const TRUE_WORDS = new Set(['', '1', 'true', 'yes', 'да', 'иә', 'active']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'нет', 'жоқ', 'inactive']);
/** Lists inside a cell: `|`, or spaces (the cell separator cannot be used inside a cell). */
const listOf = (cell: string): string[] => cell.split(/[|\s]+/).filter((item) => item !== '');

/** Parses a directory CSV; every data row gets a result, numbered as a spreadsheet numbers it (header = 1). */
export function parseServicesCsv(input: string): CsvParse {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') return { ok: false, message: 'the file is empty: the first line must name the columns' };
  const { records, error } = splitCsv(text, detectSeparator(firstLine));
  if (error) return { ok: false, message: error };
  const [header, ...body] = records;
  const names = (header ?? []).map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => name !== '' && !(SERVICE_CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `unknown column ${unknown.join(', ')}; the columns are ${SERVICE_CSV_COLUMNS.join(', ')}`,
    };
  }
  const missing = REQUIRED.filter((column) => !names.includes(column));
  if (missing.length > 0) return { ok: false, message: `missing column ${missing.join(', ')}` };
  if (body.length > MAX_ORGANISATIONS) return { ok: false, message: `more than ${MAX_ORGANISATIONS} rows` };

  const rows: CsvRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return; // blank lines (a trailing one, spacing) are not rows
    const cell = (column: Column): string => (cells[names.indexOf(column)] ?? '').trim();
    const errors: { field: string; message: string }[] = [];
    if (cells.length > names.length)
      errors.push({ field: 'row', message: `${cells.length} cells, the header has ${names.length}` });
    const active = cell('active').toLowerCase();
    if (!TRUE_WORDS.has(active) && !FALSE_WORDS.has(active)) {
      errors.push({ field: 'active', message: 'write 1 or 0 (yes/no)' });
    }
    const candidate = {
      bin: cell('bin').replace(/\s/g, ''),
      name: { ru: cell('name_ru'), kk: cell('name_kk'), ...(cell('name_en') ? { en: cell('name_en') } : {}) },
      kind: cell('kind'),
      regions: listOf(cell('regions')),
      categories: listOf(cell('categories')),
      ...(cell('phone') ? { phone: cell('phone') } : {}),
      active: !FALSE_WORDS.has(active),
    };
    const parsed = organisationInputSchema.safeParse(candidate, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const isEmpty = 'input' in issue && (issue.input === undefined || issue.input === '');
        errors.push({ field: columnOf(issue.path), message: isEmpty ? 'missing' : issue.message });
      }
    }
    const earlier = seen.get(candidate.bin);
    if (earlier !== undefined) errors.push({ field: 'bin', message: `the same БИН as row ${earlier}` });
    else if (candidate.bin !== '') seen.set(candidate.bin, row);
    rows.push(
      errors.length === 0 && parsed.success ? { row, ok: true, organisation: parsed.data } : { row, ok: false, errors },
    );
  });
  return { ok: true, rows };
}

/** A schema path as the CSV column it came from (`name.kk` → `name_kk`, `regions.1` → `regions`). */
function columnOf(path: readonly PropertyKey[]): string {
  const [first, second] = path.map(String);
  if (first === 'name' && second) return `name_${second}`;
  return first ?? 'row';
}

function quote(value: string, separator: string): string {
  return /["\r\n]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The directory as CSV in the import's format (BOM and `;`, so Excel opens it in columns). */
export function formatServicesCsv(organisations: readonly Organisation[], separator: ';' | ',' = ';'): string {
  const lines = [SERVICE_CSV_COLUMNS.join(separator)];
  for (const o of organisations) {
    const values = [
      o.bin,
      o.name.ru,
      o.name.kk,
      o.name.en ?? '',
      o.kind,
      o.regions.join('|'),
      o.categories.join('|'),
      o.phone ?? '',
      o.active ? '1' : '0',
    ];
    lines.push(values.map((value) => quote(value, separator)).join(separator));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
