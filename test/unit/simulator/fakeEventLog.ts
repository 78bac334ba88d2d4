import type { EventLog } from '../../../server/src/stream/eventLog';

/** An event log that records appends and fails or waits when a test says so. */
export interface FakeEventLog extends EventLog {
  /** Every successful append, in order. */
  readonly appended: { stream: string; fields: Record<string, string> }[];
  /** Number of append calls (failed ones included). */
  calls: number;
  /** Decides each call: throw to fail it, return a promise to hold it. */
  onAppend: ((call: number) => void | Promise<void>) | null;
}

export function createFakeEventLog(): FakeEventLog {
  const notUsed = (): never => {
    throw new Error('not used by the simulator');
  };
  const log: FakeEventLog = {
    kind: 'memory',
    appended: [],
    calls: 0,
    onAppend: null,
    async append(stream, fields) {
      log.calls += 1;
      await log.onAppend?.(log.calls);
      log.appended.push({ stream, fields });
      return `${log.appended.length}-0`;
    },
    read: notUsed,
    range: notUsed,
    rangeReverse: notUsed,
    info: notUsed,
    trim: notUsed,
    getValue: notUsed,
    setValue: notUsed,
    ping: async () => true,
    close: async () => undefined,
  };
  return log;
}
