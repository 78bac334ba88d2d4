import {
  BUILT_IN_CALENDAR_YEARS,
  calendarYearSchema,
  createWorkingCalendar,
  describeDay,
  describeIssues,
  type AuditAction,
  type CalendarYear,
} from '@shared';
import { parseArgs } from 'node:util';

export const CALENDAR_USAGE = `Usage: npm run calendar -- <command>
  list                        the years the working-day calendar knows: shipped with the release,
                              added by an administrator (calendar.year_added), and whether each
                              is verified or makes deadlines provisional
  show <year>                 that year's days off other than Saturdays and Sundays: holidays,
                              days off moved from a weekend holiday, transfers (worked weekend
                              days included), as the deadlines count them
  add <year.json> [--dry-run] adds (or corrects) a year from a JSON file in the format of
                              POST /api/admin/calendar (calendarYearSchema): appended to the
                              stream as calendar.year_added, applied by every node and browser
A year the calendar does not know is counted from the law's fixed holidays alone (no Kurban ait,
no transfers) and its deadlines are provisional (docs/legal-deadlines.md).`;

export interface CalendarCommandResult {
  output: string;
  code: number;
}

export interface CalendarCommandDeps {
  /** The years added through the stream, oldest first (calendarYearsStore.readAddedYears). */
  addedYears: () => Promise<CalendarYear[]>;
  /** Appends the `calendar.year_added` event; resolves to its stream id. */
  appendYear: (year: CalendarYear) => Promise<string>;
  readFile: (path: string) => Promise<string>;
  audit: (action: AuditAction, target: string, changed?: string[]) => Promise<unknown>;
}

const isVerified = (y: CalendarYear): boolean => y.verified.holidays && y.verified.transfers;

function verifiedText(y: CalendarYear): string {
  const parts = [`holidays ${y.verified.holidays ? 'verified' : 'NOT verified'}`];
  parts.push(`transfers ${y.verified.transfers ? 'verified' : 'NOT verified'}`);
  return parts.join(', ');
}

/** `list`: one line per known year, the added one winning over the shipped one (as in the projection). */
function listYears(added: readonly CalendarYear[]): string {
  const shipped = new Map(BUILT_IN_CALENDAR_YEARS.map((y) => [y.year, y] as const));
  const addedByYear = new Map(added.map((y) => [y.year, y] as const));
  const years = [...new Set([...shipped.keys(), ...addedByYear.keys()])].sort((a, b) => a - b);
  const lines = years.map((year) => {
    const entry = addedByYear.get(year) ?? (shipped.get(year) as CalendarYear);
    const origin = addedByYear.has(year) ? (shipped.has(year) ? 'added (corrects shipped)' : 'added') : 'shipped';
    const state = isVerified(entry) ? 'verified   ' : 'provisional';
    return `${year}  ${origin.padEnd(24)} ${state}  ${verifiedText(entry)}`;
  });
  return [...lines, '', 'Any other year: rules only (fixed holidays, no Kurban ait, no transfers), provisional.'].join(
    '\n',
  );
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `show <year>`: every date of the year that is not a plain working weekday or weekend. */
function showYear(year: number, added: readonly CalendarYear[]): string {
  const calendar = createWorkingCalendar([...BUILT_IN_CALENDAR_YEARS, ...added]);
  const entry = added.find((y) => y.year === year) ?? BUILT_IN_CALENDAR_YEARS.find((y) => y.year === year);
  const header = entry
    ? `${year}: ${added.some((y) => y.year === year) ? 'added' : 'shipped'}, ${verifiedText(entry)}\nsource: ${entry.source}`
    : `${year}: not in the calendar: rules only (fixed holidays and their weekend moves, no Kurban ait, no transfers), provisional`;
  const lines: string[] = [];
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    const day = describeDay(calendar, date);
    if (day.kind === 'working' || day.kind === 'weekend') continue;
    const weekday = WEEKDAYS[new Date(ms).getUTCDay()] as string;
    const what = day.holiday ? `${day.holiday.names.en} (${day.holiday.names.ru})` : '';
    const label = {
      holiday: 'holiday',
      moved_day_off: 'day off moved from',
      transfer_day_off: 'day off by transfer',
      transfer_working: 'worked by transfer',
    }[day.kind];
    lines.push(`${date} ${weekday}  ${label}${what ? ` ${what}` : ''}`.trimEnd());
  }
  return [header, '', ...lines].join('\n');
}

/** The calendar manager behind `npm run calendar` (testable without a process). */
export async function runCalendarCommand(
  argv: readonly string[],
  deps: CalendarCommandDeps,
): Promise<CalendarCommandResult> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' } },
    strict: true,
  });
  const [command, argument] = positionals;
  const fail = (output: string): CalendarCommandResult => ({ output, code: 2 });
  switch (command ?? '') {
    case 'list':
      return { output: listYears(await deps.addedYears()), code: 0 };
    case 'show': {
      const year = Number(argument);
      if (!Number.isInteger(year) || year < 1996 || year > 2100)
        return fail(`give a year 1996–2100\n\n${CALENDAR_USAGE}`);
      return { output: showYear(year, await deps.addedYears()), code: 0 };
    }
    case 'add': {
      if (!argument) return fail(`give the JSON file\n\n${CALENDAR_USAGE}`);
      let json: unknown;
      try {
        json = JSON.parse(await deps.readFile(argument));
      } catch (error) {
        return { output: `${argument}: ${(error as Error).message}`, code: 1 };
      }
      // The same schema as POST /api/admin/calendar and the event's own.
      const parsed = calendarYearSchema.safeParse(json, { reportInput: true });
      if (!parsed.success) return { output: `${argument}: ${describeIssues(parsed.error)}`, code: 1 };
      const year = parsed.data;
      if (values['dry-run'] === true) return { output: `${year.year} is valid (dry run: nothing written)`, code: 0 };
      const replaces = (await deps.addedYears()).some((y) => y.year === year.year)
        ? 'replaces the year added before'
        : BUILT_IN_CALENDAR_YEARS.some((y) => y.year === year.year)
          ? 'corrects the shipped year'
          : 'new year';
      const streamId = await deps.appendYear(year);
      await deps.audit('calendar.add_year', `calendar:${year.year}`, ['year']);
      return {
        output: `added ${year.year} (${replaces}; ${isVerified(year) ? 'verified' : 'provisional'}) as stream entry ${streamId}`,
        code: 0,
      };
    }
    default:
      return fail(CALENDAR_USAGE);
  }
}
