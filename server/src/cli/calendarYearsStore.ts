import { calendarYearSchema, READ_BATCH, type CalendarYear } from '@shared';
import { randomUUID } from 'node:crypto';
import { EVENTS_STREAM, SNAPSHOT_KEY } from '../keys';
import { decodeEntry } from '../stream/decodeEntry';
import type { KeyValueStore, StreamLog } from '../stream/eventLog';

/**
 * The calendar years administrators added (`calendar.year_added`), read from Redis the way a
 * starting node finds them: the years the projection's saved snapshot carries, then every
 * such event after its cursor (a later event for a year replaces the earlier one, as in the
 * projection). Shipped years are in `BUILT_IN_CALENDAR_YEARS`; these come on top.
 */
export async function readAddedYears(log: StreamLog & KeyValueStore): Promise<CalendarYear[]> {
  const added = new Map<number, CalendarYear>();
  let cursor = '0-0';
  const raw = await log.getValue(SNAPSHOT_KEY);
  if (raw !== null) {
    try {
      const snapshot = JSON.parse(raw) as { cursor?: unknown; calendarYears?: unknown };
      const years = Array.isArray(snapshot.calendarYears) ? snapshot.calendarYears : [];
      const parsed = years.map((y) => calendarYearSchema.safeParse(y));
      // An unreadable snapshot is ignored as the server ignores it: the whole stream is read.
      if (typeof snapshot.cursor === 'string' && parsed.every((p) => p.success)) {
        cursor = snapshot.cursor;
        for (const p of parsed) added.set(p.data.year, p.data);
      }
    } catch {
      // Not JSON: read the whole stream, like the server.
    }
  }
  for (;;) {
    const entries = await log.range(EVENTS_STREAM, cursor, '+', READ_BATCH);
    const last = entries.at(-1);
    if (!last) break;
    cursor = last.id;
    for (const entry of entries) {
      // Most entries are appeals: only the ones naming the type are decoded.
      if (!entry.fields.event?.includes('"calendar.year_added"')) continue;
      const decoded = decodeEntry(entry, null);
      if (decoded.ok && decoded.event.type === 'calendar.year_added') {
        added.set(decoded.event.data.year.year, decoded.event.data.year);
      }
    }
  }
  return [...added.values()].sort((a, b) => a.year - b.year);
}

/**
 * Appends a `calendar.year_added` event for `year` (already validated with
 * `calendarYearSchema`), after checking it with the consumer's own decoder, as the write API
 * does: what is appended is applied by every node. Resolves to the stream id.
 */
export async function appendCalendarYear(log: StreamLog, year: CalendarYear, at: Date): Promise<string> {
  const event = JSON.stringify({
    v: 1,
    id: `cli-calendar-${year.year}-${randomUUID()}`,
    type: 'calendar.year_added',
    at: at.toISOString(),
    data: { year },
  });
  const checked = decodeEntry({ id: `${at.getTime()}-0`, fields: { event } }, null);
  if (!checked.ok) throw new Error(`the event would be refused by the consumer: ${checked.reason}`);
  return log.append(EVENTS_STREAM, { event });
}
