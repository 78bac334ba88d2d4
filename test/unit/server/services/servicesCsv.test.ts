import { describe, expect, it } from 'vitest';
import { demoBin } from '../../../../server/src/services/demoServices';
import {
  detectSeparator,
  formatServicesCsv,
  parseServicesCsv,
  splitCsv,
  type CsvRow,
} from '../../../../server/src/services/servicesCsv';

const BIN_A = demoBin(0);
const BIN_B = demoBin(1);
const HEADER = 'bin;name_ru;name_kk;name_en;kind;regions;categories;phone;active';

function rowsOf(text: string): CsvRow[] {
  const parsed = parseServicesCsv(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rows;
}

describe('parseServicesCsv', () => {
  it('reads Excel’s Russian-locale CSV: BOM, `;`, CRLF, quotes with the separator and "" inside', () => {
    const text = `\uFEFF${HEADER}\r\n${BIN_A};"ТОО «Су; Арна»";"«Су Арна» ""ЖШС""";;utility;KZ-71|KZ-11;water_sewer flooding;+7 7172 00 00 00;1\r\n`;
    const [row] = rowsOf(text);
    expect(row).toEqual({
      row: 2,
      ok: true,
      organisation: {
        bin: BIN_A,
        name: { ru: 'ТОО «Су; Арна»', kk: '«Су Арна» "ЖШС"' },
        kind: 'utility',
        regions: ['KZ-71', 'KZ-11'],
        categories: ['water_sewer', 'flooding'],
        phone: '+7 7172 00 00 00',
        active: true,
      },
    });
  });

  it('reads `,` files, columns in any order, optional columns left out', () => {
    const text = `name_kk,name_ru,bin,kind,regions\n"Әкімдік, аппарат","Аппарат, акимат",${BIN_B},city_department,KZ-75\n`;
    const [row] = rowsOf(text);
    expect(row?.ok && row.organisation).toMatchObject({
      bin: BIN_B,
      name: { ru: 'Аппарат, акимат', kk: 'Әкімдік, аппарат' },
      categories: [],
      active: true,
    });
  });

  it('numbers rows as the spreadsheet does and names each bad field', () => {
    const text = [
      HEADER,
      `${BIN_A};Тепло;Жылу;;utility;KZ-71;heating;;1`,
      '',
      `123456789012;;Жылу;;bank;KZ-99;parking;;maybe`,
      `${BIN_A};Тепло 2;Жылу 2;;utility;KZ-71;;;0`,
    ].join('\n');
    const rows = rowsOf(text);
    expect(rows.map((r) => r.row)).toEqual([2, 4, 5]);
    const bad = rows[1];
    expect(bad?.ok).toBe(false);
    const fields = bad && !bad.ok ? bad.errors.map((e) => e.field) : [];
    expect(fields).toEqual(expect.arrayContaining(['bin', 'name_ru', 'kind', 'regions', 'categories', 'active']));
    const duplicate = rows[2];
    expect(duplicate && !duplicate.ok && duplicate.errors).toEqual([
      { field: 'bin', message: 'the same БИН as row 2' },
    ]);
  });

  it('refuses a file it cannot read as a whole, saying why', () => {
    expect(parseServicesCsv('')).toEqual({ ok: false, message: expect.stringMatching(/empty/) });
    expect(parseServicesCsv('bin;name_ru\n')).toEqual({ ok: false, message: 'missing column name_kk, kind, regions' });
    expect(parseServicesCsv(`${HEADER};colour\n`)).toMatchObject({ ok: false, message: /unknown column colour/ });
    expect(parseServicesCsv(`${HEADER}\n${BIN_A};"open`)).toEqual({
      ok: false,
      message: 'a quoted field is not closed',
    });
  });

  it('flags a row with more cells than the header', () => {
    const [row] = rowsOf(`bin;name_ru;name_kk;kind;regions\n${BIN_A};А;Ә;utility;KZ-71;extra\n`);
    expect(row?.ok === false && row.errors[0]?.field).toBe('row');
  });
});

describe('splitCsv and detectSeparator', () => {
  it('keeps line breaks inside quotes', () => {
    expect(splitCsv('a;"b\nc";d\n', ';').records).toEqual([['a', 'b\nc', 'd']]);
  });

  it('picks the separator the header uses', () => {
    expect(detectSeparator('bin;name_ru;name_kk')).toBe(';');
    expect(detectSeparator('bin,name_ru,"a;b"')).toBe(',');
  });
});

describe('formatServicesCsv', () => {
  it('writes what the import reads back (round trip)', () => {
    const org = {
      bin: BIN_A,
      name: { ru: 'ТОО «Тепло; Сеть»', kk: '"Жылу" ЖШС', en: 'Heat, LLP' },
      kind: 'utility' as const,
      regions: ['KZ-71' as const, 'KZ-11' as const],
      categories: ['heating' as const],
      phone: '+7 7172 00 00 00',
      active: false,
      createdAt: 'x',
      updatedAt: 'x',
    };
    const text = formatServicesCsv([org]);
    expect(text.startsWith('\uFEFFbin;name_ru')).toBe(true);
    const [row] = rowsOf(text);
    const { createdAt: _c, updatedAt: _u, ...input } = org;
    expect(row).toEqual({ row: 2, ok: true, organisation: input });
  });
});
