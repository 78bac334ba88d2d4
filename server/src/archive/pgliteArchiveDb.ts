import type { ArchiveDb, ArchiveQuery, ArchiveRow, QueryResult } from './archiveDb';
import type { PgliteWorkerData, WorkerReply, WorkerRequest } from './pgliteWorker';
import { startTsWorker } from './tsWorker';

export interface PgliteArchiveDbOptions {
  /** Directory of the database files; null keeps it in memory (tests). */
  dataDir: string | null;
  /**
   * A checkpoint after about this much WAL (MB), between transactions: PGlite has no
   * checkpointer, so the WAL would otherwise grow with every byte written (pgliteWorker.ts).
   * Default 64 MB: pg_wal stayed about 100 MB through 30 days of history, whose 512 MB of
   * WAL had all stayed before; fewer checkpoints mean a larger pg_wal, more of them more
   * full-page images in the WAL and page writes.
   */
  checkpointWalMb?: number;
}

const CHECKPOINT_WAL_MB = 64;

/** An error PGlite raised in the worker, with PostgreSQL's SQLSTATE like node-postgres gives. */
export class ArchiveQueryError extends Error {
  override name = 'ArchiveQueryError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

type Pending = { resolve: (reply: WorkerReply & { ok: true }) => void; reject: (error: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/**
 * The embedded archive: PGlite in a worker thread, answering queries over messages. One
 * connection, so transactions hold a lock that every other query waits for.
 */
export async function createPgliteArchiveDb(options: PgliteArchiveDbOptions): Promise<ArchiveDb> {
  const data: PgliteWorkerData = {
    dataDir: options.dataDir,
    checkpointWalMb: options.checkpointWalMb ?? CHECKPOINT_WAL_MB,
  };
  const worker = startTsWorker(new URL('./pgliteWorker.ts', import.meta.url), data);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let fatal: Error | null = null;

  const opened = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  worker.on('message', (reply: WorkerReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply);
    else waiting.reject(new ArchiveQueryError(reply.message, reply.code));
  });
  const failAll = (error: Error): void => {
    fatal = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`archive worker exited (code ${code})`)));
  await opened;

  function send(request: Request, transfer: ArrayBuffer[] = []): Promise<WorkerReply & { ok: true }> {
    if (fatal) return Promise.reject(fatal);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id }, transfer);
    });
  }

  const direct: ArchiveQuery = {
    async query<T extends ArchiveRow>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const reply = await send({ op: 'query', sql, params: [...params] });
      return { rows: reply.rows as T[], rowCount: reply.rowCount };
    },
    async exec(sql: string): Promise<void> {
      await send({ op: 'exec', sql });
    },
    async copyFrom(sql: string, data: Uint8Array<ArrayBuffer>): Promise<void> {
      // Transferred, not copied: the bytes move to the worker and are gone here.
      await send({ op: 'copy', sql, data }, [data.buffer]);
    },
  };

  // The single connection: a transaction holds it until COMMIT or ROLLBACK.
  let lock: Promise<void> = Promise.resolve();
  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const previous = lock;
    let release = (): void => undefined;
    lock = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  return {
    kind: 'pglite',
    query: (sql, params) => exclusive(() => direct.query(sql, params)),
    exec: (sql) => exclusive(() => direct.exec(sql)),
    copyFrom: (sql, data) => exclusive(() => (direct.copyFrom as NonNullable<ArchiveQuery['copyFrom']>)(sql, data)),
    transaction: (fn) =>
      exclusive(async () => {
        await direct.exec('BEGIN');
        try {
          const result = await fn(direct);
          await direct.exec('COMMIT');
          return result;
        } catch (error) {
          if (!fatal) await direct.exec('ROLLBACK');
          throw error;
        }
      }),
    async close(): Promise<void> {
      await exclusive(async () => {
        if (!fatal) await send({ op: 'close' });
      });
      await worker.terminate();
    },
  };
}
