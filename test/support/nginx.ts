import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './events';

export const NGINX_BINARY = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/** A port nothing listens on right now (for a child that must be told its port in advance). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The nginx example of docs/deployment.md, as published, with only what is specific to a
 * deployment replaced: the upstream `server` lines become `upstreams` (their parameters kept),
 * `listen 443 ssl …` becomes a plain `listen` on 127.0.0.1, and the `ssl_*` lines go (the
 * docs' "wall on the LAN over plain HTTP" variant). Throws if the docs no longer have these
 * lines, so the test cannot silently drift from them.
 */
export async function documentedNginxConfig(upstreams: readonly string[], listenPort: number): Promise<string> {
  const doc = await readFile(path.resolve('docs/deployment.md'), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/deployment.md has no ```nginx block');
  const serverLine = /^(\s*)server\s+\d+\.\d+\.\d+\.\d+:\d+(.*;)\s*$/;
  const listenLine = /^(\s*)listen\s+443\s+ssl\b.*;\s*$/;
  let servers = 0;
  let listens = 0;
  const lines: string[] = [];
  for (const line of block.split('\n')) {
    const server = serverLine.exec(line);
    if (server) {
      const upstream = upstreams[servers];
      servers += 1;
      if (upstream) lines.push(`${server[1]}server ${upstream}${server[2]}`);
      continue;
    }
    const listen = listenLine.exec(line);
    if (listen) {
      listens += 1;
      lines.push(`${listen[1]}listen 127.0.0.1:${listenPort};`);
      continue;
    }
    if (/^\s*ssl_/.test(line)) continue;
    lines.push(line);
  }
  if (servers < upstreams.length || listens !== 1) {
    throw new Error(`the docs' nginx block changed shape: ${servers} upstream servers, ${listens} listen 443 ssl`);
  }
  return lines.join('\n');
}

export interface NginxChild {
  child: ChildProcess;
  dir: string;
  url: string;
  /** Lines of the access log: `<request> <status> <upstream address>`. */
  accessLog(): Promise<string[]>;
  /** Stops nginx (TERM, then KILL) and removes its directory. */
  stop(): Promise<void>;
}

/**
 * A real nginx as a non-daemon child: its own config, pid, logs and temp files in a temp
 * directory, listening on 127.0.0.1:`port` only. `httpBlock` goes inside `http { }`.
 */
export async function startNginx(httpBlock: string, port: number): Promise<NginxChild> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ortalyq-nginx-'));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${path.join(dir, kind)};`)
    .join('\n');
  const config = `worker_processes 1;
master_process off;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} info;
events { worker_connections 256; }
http {
  log_format upstream '$request $status $upstream_addr';
  access_log ${path.join(dir, 'access.log')} upstream;
${temp}
${httpBlock}
}
`;
  await writeFile(path.join(dir, 'nginx.conf'), config);
  const child = spawn(
    NGINX_BINARY,
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
        return fetch(`${url}/healthz`).then(
          (res) => res.status === 200,
          () => false,
        );
      },
      15_000,
      'nginx to proxy /healthz',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    child,
    dir,
    url,
    accessLog: async () =>
      (await readFile(path.join(dir, 'access.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean),
    stop,
  };
}
