import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from './events';

export interface SpawnedServer {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
}

/** The real entry point (`npm start` without the client build) as a child process. */
export function spawnServer(env: Record<string, string>): SpawnedServer {
  // A DATA_DIR of its own unless given: the embedded archive (PGlite) belongs to one process,
  // and its cursor to one stream (prefix).
  const dataDir = env.DATA_DIR ? null : mkdtempSync(path.join(tmpdir(), 'ortalyq-server-'));
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', 'server/src/index.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      PORT: '0',
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (dataDir) child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { child, output: () => text };
}

/** The dashboard URL of the start-up banner (no trailing slash), printed once it serves. */
export function bannerUrl(output: string): string | undefined {
  return /Ortalyq dashboard: (http:\/\/\S+?)\/?(\s|$)/.exec(output)?.[1];
}

/** Spawns the server and waits for its banner (the projection has caught up by then). */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<SpawnedServer & { url: string }> {
  const spawned = spawnServer(env);
  const url = await waitFor(() => bannerUrl(spawned.output()), timeoutMs, 'the server start-up banner');
  return { ...spawned, url };
}
