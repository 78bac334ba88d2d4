import { isStreamId } from '@shared';
import { parseArgs } from 'node:util';
import { decodeEntry, type LocateRegion } from '../stream/decodeEntry';
import type { EventLog, LogEntry } from '../stream/eventLog';
import { DEAD_LETTER_STREAM, EVENTS_STREAM, REQUEUED_KEY } from '../keys';
import { readEntry } from '../stream/readEntry';
import type { CommandResult } from './runUsersCommand';

export const DEAD_LETTERS_USAGE = `Usage: npm run deadletters -- <command>
  list [--limit N]        newest dead letters (default 20): id, when, original id, reason
  show <id>               every field of one dead letter
  requeue <id> [--force]  validates the original entry again and, if it passes now,
                          appends it to the event stream (once; --force to repeat)`;

/** Fields the dead-letter copy adds to the original entry (server/src/stream/deadLetter.ts). */
const ADDED_FIELDS = new Set(['reason', 'sourceId', 'deadAt', 'truncated']);

export { REQUEUED_KEY };

async function findDeadLetter(log: EventLog, id: string): Promise<LogEntry | null> {
  return readEntry(log, id, DEAD_LETTER_STREAM);
}

/** The entry as its producer wrote it: the dead letter minus the fields added to it. */
export function originalFields(entry: LogEntry): Record<string, string> {
  return Object.fromEntries(Object.entries(entry.fields).filter(([name]) => !ADDED_FIELDS.has(name)));
}

function oneLine(value: string, max = 120): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * The dead-letter tool behind `npm run deadletters` (and testable without a process): list,
 * show, and requeue after a fix elsewhere (a region pack that now covers the point, a
 * producer's field renamed by hand…). A requeued entry goes through the same validation as
 * any producer's, so nothing invalid reaches the stream this way.
 */
export async function runDeadLettersCommand(
  argv: readonly string[],
  log: EventLog,
  locate: LocateRegion,
): Promise<CommandResult> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { limit: { type: 'string' }, force: { type: 'boolean' } },
    strict: true,
  });
  const [command, id] = positionals;
  const fail = (output: string, code = 2): CommandResult => ({ output, code });
  switch (command ?? '') {
    case 'list': {
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        return fail('--limit: a whole number from 1 to 10000');
      const [info, entries] = await Promise.all([
        log.info(DEAD_LETTER_STREAM),
        log.rangeReverse(DEAD_LETTER_STREAM, '+', limit),
      ]);
      if (entries.length === 0) return { output: '(no dead letters)', code: 0 };
      const requeued = await log.hashGetAll(REQUEUED_KEY);
      const rows = entries.map((e) => {
        const mark = requeued[e.id] ? ` [requeued as ${requeued[e.id]}]` : '';
        return `${e.id}  ${e.fields.deadAt ?? '?'}  from ${e.fields.sourceId ?? '?'}  ${oneLine(e.fields.reason ?? '?')}${mark}`;
      });
      return { output: `${info.length} dead letters, newest first:\n${rows.join('\n')}`, code: 0 };
    }
    case 'show':
    case 'requeue': {
      if (id === undefined || !isStreamId(id))
        return fail(`${command}: give a dead-letter id such as 1795000000000-0\n\n${DEAD_LETTERS_USAGE}`);
      const entry = await findDeadLetter(log, id);
      if (!entry) return fail(`no dead letter ${id}`, 1);
      if (command === 'show') {
        const requeuedAs = await log.hashGet(REQUEUED_KEY, id);
        const lines = Object.entries(entry.fields).map(([name, value]) => `${name}: ${value}`);
        if (requeuedAs) lines.push(`(requeued as ${requeuedAs})`);
        return { output: [`dead letter ${id}`, ...lines].join('\n'), code: 0 };
      }
      if (entry.fields.truncated) {
        return fail(
          `cannot requeue ${id}: field(s) ${entry.fields.truncated} were cut to 4 KB when it was dead-lettered`,
          1,
        );
      }
      const previous = await log.hashGet(REQUEUED_KEY, id);
      if (previous && !values.force)
        return fail(`${id} was already requeued as ${previous} (--force to append it again)`, 1);
      const fields = originalFields(entry);
      const decoded = decodeEntry({ id, fields }, locate);
      if (!decoded.ok) return fail(`still invalid, not requeued: ${decoded.reason}`, 1);
      const newId = await log.append(EVENTS_STREAM, fields);
      await log.hashSet(REQUEUED_KEY, id, newId);
      return { output: `requeued ${id} as ${newId} (event ${decoded.event.id})`, code: 0 };
    }
    default:
      return fail(DEAD_LETTERS_USAGE);
  }
}
