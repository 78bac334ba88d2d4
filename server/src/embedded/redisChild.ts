import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '../logger';

export interface RedisChild {
  /** redis://127.0.0.1:<port> */
  url: string;
  pid: number;
  /** SIGTERM (Redis flushes the AOF), SIGKILL if it is still there after 5 s. */
  stop(): Promise<void>;
}

export interface RedisChildOptions {
  /** Created if missing; holds the AOF, so a restart on the same directory keeps the data. */
  dataDir: string;
  logger: Logger;
  /** A fixed port (e.g. to restart Redis where clients expect it); default: a free one. */
  port?: number;
}

const FALLBACK_PATHS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];
const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5000;
const PROBE_INTERVAL_MS = 50;
const PROBE_TIMEOUT_MS = 500;
const OUTPUT_LINES_KEPT = 20;
/** Another process can grab the port between our probe and redis' bind; try a new one. */
const PORT_ATTEMPTS = 3;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Path of a `redis-server` binary (PATH first, then the usual places), null if none. */
export function findRedisServer(): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '');
  const candidates = [...dirs.map((dir) => path.join(dir, 'redis-server')), ...FALLBACK_PATHS];
  return candidates.find(isExecutable) ?? null;
}

/** A loopback port that was free a moment ago (the OS picks it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

/** True when a PING on a fresh connection answers +PONG (not -LOADING while the AOF replays). */
async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

class PortTakenError extends Error {}

async function startOnce(binary: string, dataDir: string, port: number, logger: Logger): Promise<RedisChild> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--appendonly', 'yes'];
  args.push('--save', '', '--daemonize', 'no', '--protected-mode', 'yes');
  // Its own process group: Ctrl-C in the terminal reaches only the server, which then
  // saves its last snapshot before stopping the child itself.
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      if (output.length > OUTPUT_LINES_KEPT) output.shift();
      logger.debug({ redis: line }, 'redis-server');
    });
  }

  // SIGTERM even here: Redis flushes the AOF on it. (Nothing can be awaited in 'exit'.)
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  let isStopping = false;
  // A holder rather than a `let`, which flow analysis would pin to null inside the loop.
  const spawnFailure: { error: Error | null } = { error: null };
  child.once('error', (error) => {
    spawnFailure.error = error;
    process.off('exit', killOnExit);
  });
  child.once('exit', (code, signal) => {
    process.off('exit', killOnExit);
    if (!isStopping) logger.error({ code, signal, pid: child.pid }, 'redis-server exited unexpectedly');
  });

  const describeFailure = (what: string) =>
    `redis-server (${binary}) ${what}; last output:\n${output.map((line) => `  ${line}`).join('\n') || '  (none)'}`;

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (spawnFailure.error) throw new Error(describeFailure(`could not be started: ${spawnFailure.error.message}`));
    if (child.exitCode !== null || child.signalCode !== null) {
      // Let the last lines of output arrive before reading them.
      await new Promise((resolve) => setImmediate(resolve));
      if (output.some((line) => /address already in use/i.test(line)))
        throw new PortTakenError(describeFailure('lost its port'));
      throw new Error(describeFailure(`exited at start-up (code ${child.exitCode}, signal ${child.signalCode})`));
    }
    if (await answersPing(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(describeFailure(`did not answer PING on port ${port} within ${READY_TIMEOUT_MS / 1000} s`));
    }
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }

  const pid = child.pid as number;
  let stopping: Promise<void> | null = null;
  logger.info({ pid, port, dataDir }, 'started a private redis-server');
  return {
    url: `redis://127.0.0.1:${port}`,
    pid,
    stop() {
      stopping ??= (async () => {
        isStopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = waitForExit(child);
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const isLate = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(true), STOP_GRACE_MS);
          }),
        ]);
        clearTimeout(timer);
        if (isLate) {
          logger.warn({ pid }, 'redis-server ignored SIGTERM, killing it');
          child.kill('SIGKILL');
          await exited;
        }
      })();
      return stopping;
    },
  };
}

/**
 * Starts a private `redis-server` on a free loopback port with its AOF in `dataDir`, and
 * resolves once it answers PING (rejects after 10 s, with its last output). The child is
 * sent SIGTERM if this process exits without calling `stop()`.
 */
export async function startRedisChild(options: RedisChildOptions): Promise<RedisChild> {
  const binary = findRedisServer();
  if (!binary) throw new Error('redis-server not found on PATH, /usr/bin or /usr/local/bin');
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(binary, dataDir, options.port ?? (await freePort()), options.logger);
    } catch (error) {
      if (!(error instanceof PortTakenError) || options.port !== undefined || attempt >= PORT_ATTEMPTS) throw error;
      options.logger.debug({ attempt }, 'redis-server port was taken, trying another');
    }
  }
}
