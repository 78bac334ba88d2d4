import ExcelJS from 'exceljs';
import { REPORT_METRICS, type ReportFigures, type ReportSummary } from '@shared';

/**
 * The summary as tables (docs/api.md "Reports"): the XLSX has a sheet per table, numbers as
 * numbers and days as dates; the CSV is one of those tables (`table=`, http/csv.ts writes it).
 */
export const REPORT_TABLES = ['summary', 'regions', 'categories', 'services', 'days'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

type Cell = string | number | Date | null;
interface Table {
  name: string;
  columns: string[];
  rows: Cell[][];
}

/** A figure by its dotted name (`flow.response.p50`), null when absent. */
function valueAt(figures: ReportFigures, path: string): number | null {
  let value: unknown = figures;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | null)?.[part];
  return typeof value === 'number' ? value : null;
}

/** Every scalar figure name, percentiles spelt out. */
const FIGURE_NAMES: string[] = REPORT_METRICS.flatMap(({ name }) =>
  name === 'flow.response' || name === 'flow.resolution'
    ? ['count', 'p50', 'p90', 'p99'].map((p) => `${name}.${p}`)
    : [name],
);

const BY_COLUMNS = FIGURE_NAMES.filter((n) => !n.endsWith('.p99'));

/** A day as a date cell: midnight UTC of the Almaty date, so the spreadsheet shows that date. */
const dateCell = (day: string): Date => new Date(`${day}T00:00:00Z`);

export function reportTables(summary: ReportSummary): Table[] {
  const basis = new Map(REPORT_METRICS.map((m) => [m.name, m]));
  const metricOf = (name: string) => basis.get(name) ?? basis.get(name.split('.').slice(0, 2).join('.'));
  return [
    {
      name: 'summary',
      columns: ['figure', 'basis', 'clock', 'value', 'previous', 'yearAgo'],
      rows: FIGURE_NAMES.map((name) => [
        name,
        metricOf(name)?.basis ?? null,
        metricOf(name)?.clock ?? null,
        valueAt(summary.figures, name),
        valueAt(summary.previous.figures, name),
        valueAt(summary.yearAgo.figures, name),
      ]),
    },
    {
      name: 'regions',
      columns: ['region', ...BY_COLUMNS],
      rows: summary.byRegion.map((r) => [r.region, ...BY_COLUMNS.map((n) => valueAt(r.figures, n))]),
    },
    {
      name: 'categories',
      columns: ['category', ...BY_COLUMNS],
      rows: summary.byCategory.map((r) => [r.category, ...BY_COLUMNS.map((n) => valueAt(r.figures, n))]),
    },
    {
      name: 'services',
      columns: [
        'service',
        'name',
        'responded',
        'response.p50',
        'response.p90',
        'resolved',
        'resolutionSlaCompliance',
        'resolutionLegalCompliance',
        'reopened',
        'overdueNow',
      ],
      rows: summary.byService.map((s) => [
        s.service,
        s.name,
        s.responded,
        s.response.p50,
        s.response.p90,
        s.resolved,
        s.resolutionSlaCompliance,
        s.resolutionLegalCompliance,
        s.reopened,
        s.overdueNow,
      ]),
    },
    {
      name: 'days',
      columns: ['day', 'registered', 'resolved'],
      rows: summary.byDay.map((d) => [dateCell(d.day), d.registered, d.resolved]),
    },
  ];
}

export async function reportXlsx(summary: ReportSummary): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(summary.asOf);
  const about = workbook.addWorksheet('report');
  about.addRows([
    ['from', dateCell(summary.from)],
    ['to', dateCell(summary.to)],
    ['asOf', new Date(summary.asOf)],
    ['regions', summary.regions.join(', ')],
    ['link', summary.link],
  ]);
  about.getColumn(2).numFmt = 'yyyy-mm-dd';
  about.getCell('B3').numFmt = 'yyyy-mm-dd hh:mm:ss';
  for (const table of reportTables(summary)) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.addRow(table.columns).font = { bold: true };
    sheet.addRows(table.rows);
    if (table.name === 'days') sheet.getColumn(1).numFmt = 'yyyy-mm-dd';
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One table as rows of text for the CSV writer (http/csv.ts `toCsv`): header first, days as YYYY-MM-DD. */
export function reportCsvRows(summary: ReportSummary, table: ReportTable): string[][] {
  const found = reportTables(summary).find((t) => t.name === table) as Table;
  const text = (cell: Cell): string =>
    cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
  return [found.columns, ...found.rows.map((row) => row.map(text))];
}
