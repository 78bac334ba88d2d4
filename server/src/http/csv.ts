import {
  confirmationOf,
  DEFAULT_CONFIRMATION_WINDOW_MS,
  isLegallyOverdue,
  isOverdue,
  type Appeal,
  type Incident,
} from '@shared';
import { almatyDateTime, csvName, type CsvLanguage, type CsvVocabulary } from './csvNames';

/**
 * CSV exports of the appeals and incidents lists (RFC 4180). The caller passes what the
 * viewer may see: appeals already presented (personal data masked) by `presentAppeal`.
 *
 * Choices:
 * - The first line is one cell saying what was exported (`# Ortalyq appeals; filters: …; as of
 *   cursor …, <UTC time>`). It holds commas, so it is quoted like any other cell: readers skip
 *   it as the first row (pandas `skiprows=1`), not by a comment character.
 * - Every record ends with CRLF, the last one included (RFC 4180 allows either).
 * - A UTF-8 byte-order mark is written by default: Excel on Windows reads a CSV without one
 *   in the ANSI code page and garbles Cyrillic and Kazakh (ә ғ қ ң ө ұ ү һ і). LibreOffice,
 *   Google Sheets and pandas (`encoding='utf-8-sig'`) read it either way; a script that does
 *   not expect it sees U+FEFF before the `#` of the comment line only. `bom: false` drops it.
 * - Russian- and Kazakh-locale Excel expects `;` between cells when a file is double-clicked;
 *   `delimiter: ';'` serves it (the default stays the RFC's comma).
 * - Formula injection: a cell starting with = + - @ TAB or CR is prefixed with `'`, so a
 *   spreadsheet shows it as text instead of running it (OWASP "CSV Injection"). A plain
 *   negative number (`-12.5`) cannot run and is left alone. The same is done after every
 *   `,` `;` `|` TAB or line break inside a cell (`x;=1+1` → `x;'=1+1`): a file opened with
 *   another delimiter than it was written with (Excel's locale picks `;` or `,`), or pasted,
 *   splits the cell there and the part after the separator would start a formula.
 * - Every cell is quoted, so no reader has to guess where one ends.
 */

export type { CsvLanguage } from './csvNames';
export type CsvDelimiter = ',' | ';';

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark; default false for `toCsv`, true for the exports. */
  bom?: boolean;
  /** Cell separator, default `,`. */
  delimiter?: CsvDelimiter;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEGATIVE_NUMBER = /^-\d+(?:\.\d+)?$/;
const BOM = '\uFEFF';

/**
 * A formula start right after a separator inside a cell; a plain negative number ("12;-5")
 * cannot run and is left alone.
 */
const FORMULA_AFTER_SEPARATOR = /([,;|\t\r\n][ ]*)([=+\-@])(?!\d+(?:\.\d+)?[ ]*(?:[,;|\t\r\n]|$))/g;

/** Text a spreadsheet shows as text, wherever it splits the cell (see the module comment). */
function defuse(value: string): string {
  const inside = value.replace(FORMULA_AFTER_SEPARATOR, "$1'$2");
  return FORMULA_START.test(inside) && !NEGATIVE_NUMBER.test(inside) ? `'${inside}` : inside;
}

/** One cell, defused and quoted. */
export function csvCell(value: string): string {
  return `"${defuse(value).replace(/"/g, '""')}"`;
}

/** Rows as RFC 4180 CSV: every cell quoted, quotes doubled, CRLF after every record. */
export function toCsv(rows: readonly (readonly string[])[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  let out = options.bom ? BOM : '';
  for (const row of rows) out += `${row.map((cell) => csvCell(cell)).join(delimiter)}\r\n`;
  return out;
}

/** What an export covers, for its first line. */
export interface CsvExportMeta extends CsvOptions {
  /** The canonical filter string (`appealFilterString` / `incidentFilterString`); '' for none. */
  filters: string;
  /** Stream cursor the projection covered. */
  cursor: string;
  /** Clock reading of the export, epoch ms; `overdue` is computed at this instant. */
  asOf: number;
  /** `CONFIRMATION_WINDOW_DAYS` in ms, for the confirmation column (default 14 days). */
  confirmationWindowMs?: number;
  /**
   * Language of the first line and the header row. Omitted: field names (`registeredAt`)
   * that scripts can rely on, and English elsewhere. Codes (region, category, status…) are
   * never translated.
   */
  lang?: CsvLanguage;
  /**
   * `readable`: names instead of codes (in `lang`, Russian without one) and Almaty wall-clock
   * times (`2026-11-27 10:15`), headers saying so — what the screens show. `codes` (default
   * here; `?format=codes` in the API): codes and ISO-8601 UTC, for scripts.
   */
  form?: 'codes' | 'readable';
}

interface Words {
  appeals: string;
  incidents: string;
  filters: string;
  none: string;
  asOf: string;
  yes: string;
  no: string;
  localTime: string;
}

const WORDS: Record<CsvLanguage, Words> = {
  en: {
    appeals: 'Ortalyq appeals',
    incidents: 'Ortalyq incidents',
    filters: 'filters',
    none: 'none',
    asOf: 'as of cursor',
    yes: 'yes',
    no: 'no',
    localTime: 'Almaty time',
  },
  ru: {
    appeals: 'Ortalyq: обращения',
    incidents: 'Ortalyq: инциденты',
    filters: 'фильтры',
    none: 'нет',
    asOf: 'по состоянию на курсор',
    yes: 'да',
    no: 'нет',
    localTime: 'время Алматы',
  },
  kk: {
    appeals: 'Ortalyq: өтініштер',
    incidents: 'Ortalyq: оқиғалар',
    filters: 'сүзгілер',
    none: 'жоқ',
    asOf: 'жағдайы: курсор',
    yes: 'иә',
    no: 'жоқ',
    localTime: 'Алматы уақыты',
  },
};

/** Column key → [en, ru, kk] header; the key itself is the machine header. */
type Columns = Record<string, readonly [string, string, string]>;

const APPEAL_COLUMNS = {
  id: ['ID', 'Номер', 'Нөмірі'],
  registeredAt: ['Registered (UTC)', 'Зарегистрировано (UTC)', 'Тіркелген уақыты (UTC)'],
  region: ['Region', 'Регион', 'Өңір'],
  category: ['Category', 'Категория', 'Санат'],
  priority: ['Priority', 'Приоритет', 'Басымдық'],
  channel: ['Channel', 'Канал', 'Арна'],
  status: ['Status', 'Статус', 'Мәртебе'],
  overdue: ['Overdue', 'Просрочено', 'Мерзімі өткен'],
  dueAt: ['Due (UTC)', 'Срок (UTC)', 'Мерзім (UTC)'],
  respondedAt: ['Routed to service (UTC)', 'Направлено исполнителю (UTC)', 'Орындаушыға жіберілді (UTC)'],
  resolvedAt: ['Resolved (UTC)', 'Исполнено (UTC)', 'Орындалды (UTC)'],
  service: ['Service', 'Исполнитель', 'Орындаушы'],
  assignee: ['Assignee', 'Ответственный', 'Жауапты қызметкер'],
  incidentId: ['Incident', 'Инцидент', 'Оқиға'],
  address: ['Address', 'Адрес', 'Мекенжай'],
  district: ['District', 'Район', 'Аудан'],
  lat: ['Latitude', 'Широта', 'Ендік'],
  lng: ['Longitude', 'Долгота', 'Бойлық'],
  citizenName: ['Citizen name', 'Имя заявителя', 'Өтініш берушінің аты'],
  citizenPhone: ['Citizen phone', 'Телефон заявителя', 'Өтініш берушінің телефоны'],
  description: ['Description', 'Описание', 'Сипаттама'],
  legalOverdue: ['Legally overdue', 'Нарушен срок по закону', 'Заңды мерзімі өткен'],
  legalDueAt: ['Legal deadline (UTC)', 'Срок по закону (UTC)', 'Заңды мерзімі (UTC)'],
  legalProvisional: ['Legal deadline provisional', 'Срок по закону предварительный', 'Заңды мерзімі алдын ала'],
  extensionMonths: ['Extended to (months)', 'Продлено до (мес.)', 'Ұзартылды (ай)'],
  extensionReason: ['Extension reason', 'Основание продления', 'Ұзарту негізі'],
  outcome: ['Outcome', 'Результат', 'Нәтиже'],
  confirmation: ['Citizen confirmation', 'Подтверждение заявителя', 'Өтініш берушінің растауы'],
  rating: ['Rating', 'Оценка', 'Баға'],
} as const satisfies Columns;

const INCIDENT_COLUMNS = {
  id: ['ID', 'Номер', 'Нөмірі'],
  openedAt: ['Opened (UTC)', 'Открыт (UTC)', 'Ашылған уақыты (UTC)'],
  region: ['Region', 'Регион', 'Өңір'],
  category: ['Category', 'Категория', 'Санат'],
  severity: ['Severity', 'Серьёзность', 'Деңгейі'],
  status: ['Status', 'Статус', 'Мәртебе'],
  title: ['Title', 'Название', 'Атауы'],
  updatedAt: ['Updated (UTC)', 'Обновлён (UTC)', 'Жаңартылған уақыты (UTC)'],
  resolvedAt: ['Resolved (UTC)', 'Устранён (UTC)', 'Шешілген уақыты (UTC)'],
  affected: ['Affected people', 'Затронуто людей', 'Зардап шеккендер'],
  appealIds: ['Linked appeals', 'Связанные обращения', 'Байланысты өтініштер'],
  address: ['Address', 'Адрес', 'Мекенжай'],
  district: ['District', 'Район', 'Аудан'],
  lat: ['Latitude', 'Широта', 'Ендік'],
  lng: ['Longitude', 'Долгота', 'Бойлық'],
  note: ['Note', 'Примечание', 'Ескертпе'],
} as const satisfies Columns;

const LANGUAGE_INDEX: Record<CsvLanguage, 0 | 1 | 2> = { en: 0, ru: 1, kk: 2 };

/** The language of the words: the readable form defaults to Russian, the codes form to English. */
const langOf = (meta: CsvExportMeta): CsvLanguage => meta.lang ?? (meta.form === 'readable' ? 'ru' : 'en');

function headerOf(columns: Columns, meta: CsvExportMeta): string[] {
  if (meta.form !== 'readable') {
    return Object.entries(columns).map(([key, names]) => (meta.lang ? names[LANGUAGE_INDEX[meta.lang]] : key));
  }
  const lang = langOf(meta);
  return Object.values(columns).map((names) => names[LANGUAGE_INDEX[lang]].replace('UTC', WORDS[lang].localTime));
}

/** Epoch ms as ISO-8601 UTC (`2026-11-27T05:15:00Z`); '' for null. */
function utcInstant(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** How one export writes instants and codes. */
interface Cells {
  instant: (ms: number | null) => string;
  name: (vocabulary: CsvVocabulary, code: string) => string;
}

function cellsOf(meta: CsvExportMeta): Cells {
  if (meta.form !== 'readable') return { instant: utcInstant, name: (_vocabulary, code) => code };
  const lang = langOf(meta);
  return { instant: almatyDateTime, name: (vocabulary, code) => csvName(vocabulary, code, lang) };
}

/** The comment-like first line: what was exported, with which filters, as of when. */
function titleLine(kind: 'appeals' | 'incidents', meta: CsvExportMeta): string {
  const words = WORDS[langOf(meta)];
  const at = meta.form === 'readable' ? `${almatyDateTime(meta.asOf)} (${words.localTime})` : utcInstant(meta.asOf);
  return `# ${words[kind]}; ${words.filters}: ${meta.filters || words.none}; ${words.asOf} ${meta.cursor}, ${at}`;
}

function render(kind: 'appeals' | 'incidents', header: string[], rows: string[][], meta: CsvExportMeta): string {
  return toCsv([[titleLine(kind, meta)], header, ...rows], { bom: meta.bom ?? true, delimiter: meta.delimiter });
}

/**
 * Appeals as CSV: a one-cell first line (`# Ortalyq appeals; filters: …; as of cursor …, …`),
 * the header row, then one row per appeal in the order given. The citizen's name and phone
 * are written as given: pass presented (masked) appeals for viewers who may not see them.
 */
export function appealsCsv(appeals: Iterable<Appeal>, meta: CsvExportMeta): string {
  return render('appeals', headerOf(APPEAL_COLUMNS, meta), appealRows(appeals, meta), meta);
}

/** Only the records of `appealsCsv` (no BOM, first line or header): the later pages of a streamed export. */
export function appealCsvRows(appeals: Iterable<Appeal>, meta: CsvExportMeta): string {
  return toCsv(appealRows(appeals, meta), { delimiter: meta.delimiter });
}

function appealRows(appeals: Iterable<Appeal>, meta: CsvExportMeta): string[][] {
  const words = WORDS[langOf(meta)];
  const { instant, name } = cellsOf(meta);
  const rows: string[][] = [];
  for (const a of appeals) {
    rows.push([
      a.id,
      instant(a.registeredAt),
      name('region', a.region),
      name('category', a.category),
      name('priority', a.priority),
      name('channel', a.channel),
      name('status', a.status),
      isOverdue(a, meta.asOf) ? words.yes : words.no,
      instant(a.dueAt),
      instant(a.respondedAt),
      instant(a.resolvedAt),
      a.service ?? '',
      a.assignee ?? '',
      a.incidentId ?? '',
      a.location.address ?? '',
      a.location.district ?? '',
      String(a.location.lat),
      String(a.location.lng),
      a.citizen?.name ?? '',
      a.citizen?.phone ?? '',
      a.description,
      isLegallyOverdue(a, meta.asOf) ? words.yes : words.no,
      instant(a.legalDueAt),
      a.isLegalProvisional ? words.yes : words.no,
      a.extension === null ? '' : String(a.extension.months),
      a.extension?.reason ?? '',
      name('outcome', a.outcome ?? ''),
      name(
        'confirmation',
        confirmationOf(a, meta.asOf, meta.confirmationWindowMs ?? DEFAULT_CONFIRMATION_WINDOW_MS) ?? '',
      ),
      a.feedback?.rating === undefined ? '' : String(a.feedback.rating),
    ]);
  }
  return rows;
}

/** Incidents as CSV, laid out like `appealsCsv`; linked appeal ids are separated by spaces. */
export function incidentsCsv(incidents: Iterable<Incident>, meta: CsvExportMeta): string {
  const { instant, name } = cellsOf(meta);
  const rows: string[][] = [];
  for (const i of incidents) {
    rows.push([
      i.id,
      instant(i.openedAt),
      name('region', i.region),
      name('category', i.category),
      name('severity', i.severity),
      name('incidentStatus', i.status),
      i.title,
      instant(i.updatedAt),
      instant(i.resolvedAt),
      i.affected === undefined ? '' : String(i.affected),
      i.appealIds.join(' '),
      i.location.address ?? '',
      i.location.district ?? '',
      String(i.location.lat),
      String(i.location.lng),
      i.note ?? '',
    ]);
  }
  return render('incidents', headerOf(INCIDENT_COLUMNS, meta), rows, meta);
}
