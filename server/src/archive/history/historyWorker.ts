/**
 * The demo history's generator, in a `worker_threads` worker of its own: the simulator's
 * traffic model run over the past, folded with the shared reducer and encoded for the
 * database here, so the server's event loop only receives ready chunks (bytes transferred,
 * not copied) and forwards them to the database. Started by `createHistoryBackfill`.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { MINUTE } from '../../simulator/kzClock';
import { createHistoryGenerator, type HistoryChunk } from './generateHistory';
import { encodeChunk, transferables, type EncodedChunk } from './historyTables';

export interface HistoryWorkerData {
  seed: number;
  fromAt: number;
  toAt: number;
  perDay: number;
  /** Mass outages per day (the generator's default when absent). */
  burstsPerDay?: number;
  /** Resume: regenerate up to here (same seed, same history) without sending it again. */
  writtenThrough: number;
  /** Events per chunk, about. */
  chunkEvents: number;
  /** Chunks sent ahead of the writer's acknowledgements (generation overlaps writing). */
  ahead: number;
}

/** Worker → server. */
export type HistoryWorkerMessage =
  | {
      type: 'chunk';
      /** Simulated time through which every finished appeal is in this or an earlier chunk. */
      through: number;
      isLast: boolean;
      appeals: number;
      incidents: number;
      events: number;
      encoded: EncodedChunk;
      /** This chunk's work in the worker: simulating + folding, and encoding, ms. */
      generateMs: number;
      encodeMs: number;
      /** CPU time this thread has used so far (Linux; NaN elsewhere), ms: its share of a 2-core machine. */
      cpuMs: number;
    }
  | { type: 'failed'; message: string };

/** Server → worker: one chunk written, send another. */
export type HistoryWorkerCommand = { type: 'written' };

/** Simulated time per generator step: finer steps only cost calls. */
const STEP_MS = 2 * MINUTE;

function run(port: NonNullable<typeof parentPort>, options: HistoryWorkerData): void {
  const generator = createHistoryGenerator(options);
  const end = options.toAt - 1;
  while (generator.now < Math.min(options.writtenThrough, end)) {
    generator.advance(Math.min(options.writtenThrough, generator.now + STEP_MS));
  }
  let credits = options.ahead;
  let isWaiting = false;
  let isFirst = true;

  function produce(): void {
    // At least one chunk, even an empty last one: the writer waits for `isLast`.
    while (credits > 0 && (generator.now < end || isFirst)) {
      isFirst = false;
      const startedAt = performance.now();
      const chunk: HistoryChunk = { appeals: [], incidents: [], events: 0 };
      while (chunk.events < options.chunkEvents && generator.now < end) {
        const slice = generator.advance(Math.min(end, generator.now + STEP_MS));
        for (const a of slice.appeals) chunk.appeals.push(a);
        for (const i of slice.incidents) chunk.incidents.push(i);
        chunk.events += slice.events;
      }
      const generatedAt = performance.now();
      const encoded = encodeChunk(chunk);
      const message: HistoryWorkerMessage = {
        type: 'chunk',
        through: generator.now,
        isLast: generator.now >= end,
        appeals: chunk.appeals.length,
        incidents: chunk.incidents.length,
        events: chunk.events,
        encoded,
        generateMs: generatedAt - startedAt,
        encodeMs: performance.now() - generatedAt,
        cpuMs: threadCpuMs(),
      };
      port.postMessage(message, transferables(encoded));
      credits -= 1;
    }
    isWaiting = credits === 0;
  }

  port.on('message', (command: HistoryWorkerCommand) => {
    if (command.type !== 'written') return;
    credits += 1;
    if (isWaiting) produce();
  });
  produce();
}

/** CPU time of this thread, ms (Linux: /proc/thread-self/stat, utime + stime in ticks of 10 ms). */
function threadCpuMs(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Niceness of this thread: background work yields the CPU to the live server's thread. */
const BACKGROUND_NICE = 10;

/**
 * Lowers this thread's CPU priority only (Linux: setpriority on the thread's id, read from
 * /proc/thread-self). On a busy machine the server's thread is then scheduled first, so the
 * history costs the dashboard as little as possible. Elsewhere it stays as it is.
 */
function runInBackground(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, BACKGROUND_NICE);
  } catch {
    // Not Linux, or not allowed: the same work at the same priority.
  }
}

const port = parentPort;
if (!port) throw new Error('historyWorker must run in a worker thread');
runInBackground();
try {
  run(port, workerData as HistoryWorkerData);
} catch (error) {
  port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
