import http from 'node:http';

export interface KeepAliveGet {
  /** GETs `path`, reads the body to its end (discarded) and resolves to the status code. */
  get(path: string): Promise<number>;
  close(): void;
}

/**
 * A GET client for the read benches over `node:http` with a keep-alive Agent: one socket per
 * concurrent client, reused, the body drained without being kept. Cheaper than `fetch` for
 * the bench process, which shares the machine's cores with the server it measures.
 */
export function createKeepAliveGet(baseUrl: string, headers: Record<string, string>, sockets: number): KeepAliveGet {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  return {
    get: (path) =>
      new Promise((resolve, reject) => {
        const req = http.get({ agent, hostname, port, path, headers }, (res) => {
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
          res.resume();
        });
        req.on('error', reject);
      }),
    close: () => agent.destroy(),
  };
}
