/**
 * The harness's separate processes: every worker (producer, server, clients, baselines) is
 * its own Node process talking over IPC, so each one's CPU seconds can be read apart (from
 * /proc, which works for redis-server too) and no part measures another's work.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createClient } from 'redis';

export interface WorkerMessage {
  kind: string;
  [key: string]: unknown;
}

export interface Worker {
  readonly pid: number;
  /** Sends a message and resolves with the worker's next message of kind `replyKind`. */
  request<T extends WorkerMessage>(message: WorkerMessage, replyKind?: string): Promise<T>;
  /** The next message of this kind (e.g. 'ready', 'done'). */
  next<T extends WorkerMessage>(kind: string): Promise<T>;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  /** Asks it to stop, then kills it if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const CLOCK_TICKS = 100;

/** User + system CPU seconds of any process on this machine, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** The whole machine's busy CPU seconds so far (all cores; /proc/stat, idle and iowait left out). */
export function machineBusySeconds(): number {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number) as number[];
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
}

/**
 * Waits until the machine has used under `cores` of CPU over `windowMs`, twice in a row, or
 * `maxMs` passed; resolves to the seconds waited. A server just started on a big archive is
 * still writing the demo's backlog and recomputing its days' rollups: measured then, every
 * request waits behind that work, not its own.
 */
export async function untilQuiet(cores: number, windowMs = 3_000, maxMs = 240_000): Promise<number> {
  const startedAt = performance.now();
  let quietWindows = 0;
  while (quietWindows < 2 && performance.now() - startedAt < maxMs) {
    const before = machineBusySeconds();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    quietWindows = (machineBusySeconds() - before) / (windowMs / 1000) < cores ? quietWindows + 1 : 0;
  }
  return Math.round((performance.now() - startedAt) / 100) / 10;
}

/** The pid of the Redis server at `url` (INFO server), to read its CPU seconds. */
export async function redisPid(url: string): Promise<number> {
  const client = await createClient({ url }).connect();
  try {
    const info = await client.info('server');
    return Number(/process_id:(\d+)/.exec(info)?.[1] ?? Number.NaN);
  } finally {
    await client.close();
  }
}

/**
 * Starts `bench/workers/<name>.ts` under tsx with IPC; `env` is added to the environment.
 * Its stdout and stderr go to ours, so a crash is seen.
 */
export function startWorker(name: string, env: Record<string, string>, execArgv: string[] = []): Worker {
  const child: ChildProcess = fork(`bench/workers/${name}.ts`, [], {
    execArgv: [...execArgv, '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: { kind: string; resolve: (m: WorkerMessage) => void; reject: (e: Error) => void }[] = [];
  const early: WorkerMessage[] = [];
  let exitCode: number | null = null;
  child.on('message', (message: WorkerMessage) => {
    const index = waiting.findIndex((w) => w.kind === message.kind);
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(message);
    else early.push(message);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code ?? -1;
      for (const w of waiting.splice(0)) w.reject(new Error(`worker ${name} exited (${exitCode}) before '${w.kind}'`));
      resolve();
    }),
  );
  function next<T extends WorkerMessage>(kind: string): Promise<T> {
    const index = early.findIndex((m) => m.kind === kind);
    if (index >= 0) return Promise.resolve(early.splice(index, 1)[0] as T);
    if (exitCode !== null) return Promise.reject(new Error(`worker ${name} has exited (${exitCode})`));
    return new Promise<T>((resolve, reject) =>
      waiting.push({ kind, resolve: resolve as (m: WorkerMessage) => void, reject }),
    );
  }
  return {
    pid: child.pid as number,
    next,
    request(message, replyKind = message.kind) {
      const reply = next(replyKind);
      child.send(message);
      return reply as never;
    },
    cpuSeconds: () => cpuSecondsOf(child.pid as number),
    async stop(graceMs = 10_000) {
      if (exitCode !== null) return;
      child.send({ kind: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a worker: the parent's messages by kind. */
export function onParentMessage(handlers: Record<string, (message: WorkerMessage) => void | Promise<void>>): void {
  process.on('message', (message: WorkerMessage) => {
    const handler = handlers[message.kind];
    if (handler)
      void Promise.resolve(handler(message)).catch((error: unknown) => {
        console.error(`worker ${process.argv[1]}: ${(error as Error).stack ?? String(error)}`);
        process.exit(1);
      });
  });
}

export function sendToParent(message: WorkerMessage): void {
  process.send?.(message);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Epoch time in microseconds, the stamp producers write and receivers subtract from. */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
