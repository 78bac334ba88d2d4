import { describe, expect, it } from 'vitest';
import { BUILT_IN_CALENDAR, initialLawFields, type Appeal, type Incident } from '@shared';
import { appealsCsv, csvCell, incidentsCsv, toCsv, type CsvExportMeta } from '../../../../server/src/http/csv';
import { ANONYMOUS_VIEWER, presentAppeal } from '../../../../server/src/presenters/present';
import { appealFilterString, appealListQuerySchema, queryAppeals } from '../../../../shared/src/api/appealQuery';
import { DAY, HOUR, MINUTE, T0 } from '../../shared/factories';
import { generateAppeals, generateIncidents } from '../../shared/api/listFixtures';

/** A strict RFC 4180 reader (CRLF records, quoted fields), to read back what was written. */
function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        cell += text[i];
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== delimiter && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
        cell += text[i];
        i += 1;
      }
    }
    row.push(cell);
    if (text[i] === delimiter) {
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else {
      throw new Error(`expected a delimiter or CRLF at ${i}`);
    }
  }
  if (row.length > 0) throw new Error('last record without CRLF');
  return rows;
}

const KAZAKH = 'әғқңөұүһі ӘҒҚҢӨҰҮҺІ';

describe('csvCell and toCsv', () => {
  it.each<[string, string]>([
    ['plain', '"plain"'],
    ['', '""'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    ['with\ttab', '"with\ttab"'],
    [KAZAKH, `"${KAZAKH}"`],
    ['Нет отопления; ул. Кенесары', '"Нет отопления; ул. Кенесары"'],
    [' padded ', '" padded "'],
  ])('writes %j as %j (every cell quoted)', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each<[string, string]>([
    ['=1+2', `"'=1+2"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+7 7** *** ** 12', `"'+7 7** *** ** 12"`],
    ['+77012345612', `"'+77012345612"`],
    ['-2+3', `"'-2+3"`],
    ['-cmd|calc', `"'-cmd|calc"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['=1,2', `"'=1,2"`],
  ])('defuses the formula %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  // Opened with the other delimiter (a ru/kk-locale Excel splits at ";"), or pasted, the cell
  // splits at the separator and the part after it would start a formula.
  it.each<[string, string]>([
    ['x;=1+1', `"x;'=1+1"`],
    ['x,=HYPERLINK("http://x")', `"x,'=HYPERLINK(""http://x"")"`],
    ['Кенесары 5; @SUM(A1)', `"Кенесары 5; '@SUM(A1)"`],
    ['a|-cmd|calc', `"a|'-cmd|calc"`],
    ['холодно\n+cmd', `"холодно\n'+cmd"`],
    ['a;+7 7** *** ** 12', `"a;'+7 7** *** ** 12"`],
  ])('defuses the formula after a separator inside %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves plain negative numbers and formula characters that start nothing alone', () => {
    for (const value of ['-12.5', '-3', '1+1', 'a=b', 'e-mail @home', 't; -5', '12,-3.5']) {
      expect(csvCell(value)).toBe(`"${value}"`);
    }
    expect(csvCell('-1e5')).toBe(`"'-1e5"`);
  });

  it('joins cells with the delimiter and ends every record with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['c', ''],
      ]),
    ).toBe('"a","b"\r\n"c",""\r\n');
    expect(toCsv([])).toBe('');
    expect(toCsv([['a,b', 'c;d']], { delimiter: ';' })).toBe('"a,b";"c;d"\r\n');
    expect(toCsv([['x']], { bom: true })).toBe('\uFEFF"x"\r\n');
  });

  it('reads back cell for cell, whatever the text', () => {
    const rows = [
      ['id', 'text'],
      ['1', 'a,b "c"\r\nd'],
      ['2', KAZAKH],
      ['3', '\n'],
      ['4', ''],
      ['5', 'Қ"'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(parseCsv(toCsv(rows, { delimiter: ';' }), ';')).toEqual(rows);
  });
});

const META: CsvExportMeta = { filters: 'region=KZ-71&status=registered', cursor: '1795000000042-0', asOf: T0 };

function appeal(more: Partial<Appeal> = {}): Appeal {
  return {
    id: 'A-1',
    region: 'KZ-71',
    category: 'heating',
    priority: 'high',
    channel: 'call',
    location: { lat: 51.128, lng: 71.43, address: 'ул. Кенесары, 40', district: 'Сарыарка' },
    description: 'Нет "горячей" воды,\nзвоните +7 701 234 56 12',
    citizen: { name: 'Айгерім Сапарова', phone: '+77012345612' },
    status: 'assigned',
    registeredAt: T0 - 2 * HOUR,
    respondedAt: T0 - 2 * HOUR + 10 * MINUTE,
    resolvedAt: null,
    closedAt: null,
    responseDueAt: T0 - HOUR,
    dueAt: T0 - MINUTE,
    ...initialLawFields(BUILT_IN_CALENDAR, T0 - 2 * HOUR),
    service: 'Astana Energy',
    assignee: '=cmd|calc',
    incidentId: 'INC-1',
    updatedAt: T0 - HOUR,
    streamIds: [],
    ...more,
  };
}

describe('appealsCsv', () => {
  it('writes a comment line, a header and one row per appeal', () => {
    const csv = appealsCsv([appeal(), appeal({ id: 'A-2', status: 'resolved', resolvedAt: T0 - HOUR })], {
      ...META,
      bom: false,
    });
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([
      '# Ortalyq appeals; filters: region=KZ-71&status=registered; as of cursor 1795000000042-0, 2026-11-27T05:00:00Z',
    ]);
    expect(rows[1]).toEqual([
      'id',
      'registeredAt',
      'region',
      'category',
      'priority',
      'channel',
      'status',
      'overdue',
      'dueAt',
      'respondedAt',
      'resolvedAt',
      'service',
      'assignee',
      'incidentId',
      'address',
      'district',
      'lat',
      'lng',
      'citizenName',
      'citizenPhone',
      'description',
      'legalOverdue',
      'legalDueAt',
      'legalProvisional',
      'extensionMonths',
      'extensionReason',
      'outcome',
      'confirmation',
      'rating',
    ]);
    expect(rows[2]).toEqual([
      'A-1',
      '2026-11-27T03:00:00Z',
      'KZ-71',
      'heating',
      'high',
      'call',
      'assigned',
      'yes',
      '2026-11-27T04:59:00Z',
      '2026-11-27T03:10:00Z',
      '',
      'Astana Energy',
      "'=cmd|calc",
      'INC-1',
      'ул. Кенесары, 40',
      'Сарыарка',
      '51.128',
      '71.43',
      'Айгерім Сапарова',
      "'+77012345612",
      'Нет "горячей" воды,\nзвоните +7 701 234 56 12',
      'no',
      '2026-12-21T18:59:59.999Z',
      'yes',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(rows[3]?.[7]).toBe('no');
    expect(rows[3]?.[10]).toBe('2026-11-27T04:00:00Z');
    expect(rows.every((row, i) => i === 0 || row.length === 29)).toBe(true);
  });

  it('writes the law clock: legal deadline and its overdue, the extension, the outcome, the confirmation, the rating', () => {
    const legalDueAt = Date.parse('2026-12-21T23:59:59.999+05:00');
    const finished = appeal({
      status: 'resolved',
      resolvedAt: T0,
      outcome: 'partly',
      extension: { months: 2, reason: 'Экспертиза', at: T0 - HOUR },
      feedback: { result: 'unreachable', rating: 3, at: T0 + HOUR },
      legalDueAt,
    });
    const open = appeal({ id: 'A-2' });
    const [, , done, late] = parseCsv(
      appealsCsv([finished, open], { ...META, asOf: legalDueAt + 1, bom: false, confirmationWindowMs: 30 * DAY }),
    );
    expect(done?.slice(21)).toEqual([
      'no',
      '2026-12-21T18:59:59.999Z',
      'yes',
      '2',
      'Экспертиза',
      'partly',
      'unreachable',
      '3',
    ]);
    expect(late?.slice(21, 23)).toEqual(['yes', '2026-12-21T18:59:59.999Z']);
    expect(late?.slice(26)).toEqual(['', '', '']);
  });

  it('computes overdue at asOf and writes optional fields as empty cells', () => {
    const bare = appeal({ citizen: undefined, service: undefined, assignee: undefined, incidentId: undefined });
    bare.location = { lat: 43.25, lng: 76.95 };
    const at = (asOf: number) => parseCsv(appealsCsv([bare], { ...META, asOf, bom: false }))[2];
    expect(at(T0)?.[7]).toBe('yes');
    expect(at(T0 - HOUR)?.[7]).toBe('no');
    expect(at(T0)?.slice(11, 20)).toEqual(['', '', '', '', '', '43.25', '76.95', '', '']);
  });

  it('writes the masked contact it is given, never more', () => {
    const masked = presentAppeal(appeal(), ANONYMOUS_VIEWER);
    const csv = appealsCsv([masked], META);
    expect(csv).not.toContain('Сапарова');
    expect(csv).not.toMatch(/701\D*234\D*56/);
    expect(parseCsv(csv.slice(1))[2]?.slice(18, 20)).toEqual(['А. С.', "'+7 7** *** ** 12"]);
  });

  it('starts with a UTF-8 byte-order mark unless asked not to', () => {
    expect(appealsCsv([], META).startsWith('\uFEFF"# Ortalyq appeals;')).toBe(true);
    expect(appealsCsv([], { ...META, bom: false }).startsWith('"# Ortalyq appeals;')).toBe(true);
    expect(Buffer.from(appealsCsv([], META), 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('says "none" when nothing is filtered and writes headers in Russian and Kazakh', () => {
    const ru = parseCsv(appealsCsv([appeal()], { ...META, filters: '', lang: 'ru', bom: false }));
    expect(ru[0]?.[0]).toBe(
      '# Ortalyq: обращения; фильтры: нет; по состоянию на курсор 1795000000042-0, 2026-11-27T05:00:00Z',
    );
    expect(ru[1]?.slice(0, 3)).toEqual(['Номер', 'Зарегистрировано (UTC)', 'Регион']);
    expect(ru[2]?.[7]).toBe('да');
    const kk = parseCsv(appealsCsv([appeal()], { ...META, lang: 'kk', bom: false }));
    expect(kk[0]?.[0]).toMatch(/^# Ortalyq: өтініштер; сүзгілер: region=KZ-71&status=registered; жағдайы: курсор /);
    expect(kk[1]).toContain('Мерзімі өткен');
    expect(kk[1]).toHaveLength(29);
    expect(kk[2]?.[7]).toBe('иә');
    const en = parseCsv(appealsCsv([], { ...META, lang: 'en', bom: false }));
    expect(en[1]?.slice(0, 2)).toEqual(['ID', 'Registered (UTC)']);
    expect(parseCsv(appealsCsv([], { ...META, filters: '', bom: false }))[0]?.[0]).toContain('filters: none;');
  });

  it('has one row per listed appeal, whatever the text, in the order given', () => {
    const appeals = generateAppeals(700, 31).map((a, i) =>
      i % 7 === 0 ? { ...a, description: `=1+1, "${a.description}"\r\n${KAZAKH}`, assignee: '@x' } : a,
    );
    const query = appealListQuerySchema.parse({
      region: 'KZ-71,KZ-75,KZ-11,KZ-19,KZ-63',
      sort: 'priority',
      limit: '500',
    });
    const page = queryAppeals(appeals, query, { now: T0, regions: 'all' });
    const csv = appealsCsv(
      page.items.map((a) => presentAppeal(a, ANONYMOUS_VIEWER)),
      { ...META, filters: appealFilterString(query), delimiter: ';' },
    );
    const rows = parseCsv(csv.slice(1), ';');
    expect(rows).toHaveLength(page.items.length + 2);
    expect(rows[0]?.[0]).toContain('filters: region=KZ-11,KZ-19,KZ-63,KZ-71,KZ-75;');
    expect(rows.slice(2).map((row) => row[0])).toEqual(page.items.map((a) => a.id));
    expect(rows.slice(2).map((row) => row[20])).toEqual(
      page.items.map((a) => {
        const d = presentAppeal(a, ANONYMOUS_VIEWER).description;
        return /^[=+\-@\t\r]/.test(d) ? `'${d}` : d;
      }),
    );
    expect(page.items.some((a) => a.description.includes(KAZAKH))).toBe(true);
  });
});

describe('incidentsCsv', () => {
  function incident(more: Partial<Incident> = {}): Incident {
    return {
      id: 'INC-1',
      region: 'KZ-75',
      title: 'Авария на теплотрассе, мкр «Самал»',
      category: 'heating',
      severity: 'critical',
      location: { lat: 43.23, lng: 76.95, address: 'Самал-2', district: 'Медеуский' },
      affected: 1200,
      appealIds: ['A-1', 'A-2'],
      status: 'open',
      openedAt: T0 - HOUR,
      resolvedAt: null,
      updatedAt: T0 - 30 * MINUTE,
      note: '+ бригада выехала',
      streamIds: [],
      ...more,
    };
  }

  it('writes the comment line, the header and one row per incident', () => {
    const rows = parseCsv(
      incidentsCsv([incident(), incident({ id: 'INC-2', affected: undefined, appealIds: [], note: undefined })], {
        ...META,
        filters: 'status=open',
        bom: false,
      }),
    );
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([
      '# Ortalyq incidents; filters: status=open; as of cursor 1795000000042-0, 2026-11-27T05:00:00Z',
    ]);
    expect(rows[1]).toEqual([
      'id',
      'openedAt',
      'region',
      'category',
      'severity',
      'status',
      'title',
      'updatedAt',
      'resolvedAt',
      'affected',
      'appealIds',
      'address',
      'district',
      'lat',
      'lng',
      'note',
    ]);
    expect(rows[2]).toEqual([
      'INC-1',
      '2026-11-27T04:00:00Z',
      'KZ-75',
      'heating',
      'critical',
      'open',
      'Авария на теплотрассе, мкр «Самал»',
      '2026-11-27T04:30:00Z',
      '',
      '1200',
      'A-1 A-2',
      'Самал-2',
      'Медеуский',
      '43.23',
      '76.95',
      "'+ бригада выехала",
    ]);
    expect(rows[3]?.slice(9, 11)).toEqual(['', '']);
    expect(rows[3]?.[15]).toBe('');
  });

  it('localises the header and keeps one row per incident', () => {
    const incidents = generateIncidents(300, 6);
    const rows = parseCsv(incidentsCsv(incidents, { ...META, lang: 'kk' }).slice(1));
    expect(rows).toHaveLength(302);
    expect(rows[0]?.[0]).toMatch(/^# Ortalyq: оқиғалар; сүзгілер: /);
    expect(rows[1]?.slice(0, 5)).toEqual(['Нөмірі', 'Ашылған уақыты (UTC)', 'Өңір', 'Санат', 'Деңгейі']);
    expect(rows.slice(2).map((row) => row[0])).toEqual(incidents.map((i) => i.id));
  });
});
