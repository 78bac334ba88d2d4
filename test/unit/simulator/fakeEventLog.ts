import { createMemoryLog } from '../../../server/src/embedded/memoryLog';
import type { EventLog } from '../../../server/src/stream/eventLog';

/**
 * The real in-memory log with a hook on `append`, so a test can make an append fail or
 * wait (a Redis outage) and see every successful one.
 */
export interface FakeEventLog extends EventLog {
  /** Every successful append, in order. */
  readonly appended: { stream: string; fields: Record<string, string> }[];
  /** Number of append calls (failed ones included). */
  calls: number;
  /** Decides each call: throw to fail it, return a promise to hold it. */
  onAppend: ((call: number) => void | Promise<void>) | null;
}

export function createFakeEventLog(): FakeEventLog {
  const memory = createMemoryLog();
  const log: FakeEventLog = Object.assign(Object.create(memory) as EventLog, {
    appended: [] as { stream: string; fields: Record<string, string> }[],
    calls: 0,
    onAppend: null as FakeEventLog['onAppend'],
    async append(stream: string, fields: Record<string, string>) {
      log.calls += 1;
      await log.onAppend?.(log.calls);
      const id = await memory.append(stream, fields);
      log.appended.push({ stream, fields });
      return id;
    },
  });
  return log;
}
