/**
 * The worker thread that owns the embedded PGlite database. PGlite is single-threaded
 * WebAssembly: on the main thread a long query (a migration, a 5,000-row upsert) would stall
 * every socket. PGlite's own `./worker` export is for browser Web Workers (message events,
 * tab leader election), not Node's worker_threads, hence this small one.
 * Loaded through tsx's API by `createPgliteArchiveDb`, so it imports nothing but PGlite.
 */
import { PGlite } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';

/** A request from the main thread. */
export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  /** `COPY … FROM '/dev/blob'` with `data` as the blob (fed from PGlite's memory file system). */
  | { id: number; op: 'copy'; sql: string; data: Uint8Array<ArrayBuffer> }
  | { id: number; op: 'close' };

/** The answer to one request (`id` 0: the database opened, or failed to). */
export type WorkerReply =
  | { id: number; ok: true; rows: Record<string, unknown>[]; rowCount: number }
  | { id: number; ok: false; message: string; code?: string };

/** What `createPgliteArchiveDb` passes (PgliteArchiveDbOptions). */
export interface PgliteWorkerData {
  dataDir: string | null;
  checkpointWalMb: number;
}

const port = parentPort;
if (!port) throw new Error('pgliteWorker must run in a worker thread');
const { dataDir, checkpointWalMb } = workerData as PgliteWorkerData;

function failure(id: number, error: unknown): WorkerReply {
  const code = (error as { code?: unknown }).code;
  return {
    id,
    ok: false,
    message: error instanceof Error ? error.message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** The COPY data's file: in PGlite's in-memory file system (MEMFS), outside the data directory. */
const COPY_FILE = '/tmp/archive-copy.txt';
const BLOB = "FROM '/dev/blob'";

/**
 * `COPY … FROM '/dev/blob'` run from a file in PGlite's memory instead of its `blob` option:
 * the file takes the transferred bytes as they are (`canOwn`, no copy) and PostgreSQL reads it
 * with a memcpy, where `/dev/blob` copied them twice (`new Blob`, `arrayBuffer()`) and PGlite's
 * device handed them to COPY one byte at a time in JavaScript (profile of the history backfill:
 * 13 % of PGlite's time; its worker's CPU for the same rows fell by about a sixth).
 */
async function copyFromMemory(db: PGlite, sql: string, data: Uint8Array<ArrayBuffer>): Promise<number> {
  if (!sql.includes(BLOB)) throw new Error(`copy: expected ${BLOB} in ${sql.slice(0, 80)}`);
  const fs = db.Module.FS;
  fs.writeFile(COPY_FILE, data, { canOwn: true });
  try {
    const result = await db.query(sql.replace(BLOB, `FROM '${COPY_FILE}'`));
    return result.affectedRows ?? 0;
  } finally {
    fs.unlink(COPY_FILE);
  }
}

/** How often, at most, the WAL's position is read between requests (ms): a query of its own. */
const WAL_CHECK_EVERY_MS = 100;

/**
 * A `CHECKPOINT` once about `everyMb` of WAL has been written since the last one, between
 * transactions. PGlite runs PostgreSQL single-user: no checkpointer process, and a backend
 * outside a postmaster never requests one when max_wal_size is passed (XLogWrite), so nothing
 * ever recycled the WAL: the demo's year of history left 5.5 GB of pg_wal beside 4.7 GB of
 * tables (15 GB in one session's DATA_DIR). After a checkpoint PostgreSQL renames the segments
 * before it for reuse (min_wal_size) or deletes them, as a server's checkpointer would.
 */
function createCheckpointer(db: PGlite, everyMb: number): () => Promise<void> {
  const everyBytes = everyMb * 1024 * 1024;
  let checkedAt = 0;
  let checkpointedAt: number | null = null;
  const walPosition = async (): Promise<number> => {
    const { rows } = await db.query<{ at: number }>(
      "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::float8 AS at",
    );
    return rows[0]?.at ?? 0;
  };
  return async () => {
    if (db.isInTransaction() || Date.now() - checkedAt < WAL_CHECK_EVERY_MS) return;
    checkedAt = Date.now();
    const at = await walPosition();
    checkpointedAt ??= at;
    if (at - checkpointedAt < everyBytes) return;
    await db.exec('CHECKPOINT');
    checkpointedAt = await walPosition();
  };
}

async function main(listen: NonNullable<typeof parentPort>): Promise<void> {
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ?? undefined);
  } catch (error) {
    listen.postMessage(failure(0, error));
    return;
  }
  listen.postMessage({ id: 0, ok: true, rows: [], rowCount: 0 } satisfies WorkerReply);
  const checkpointIfDue = createCheckpointer(db, checkpointWalMb);
  // PGlite runs one statement at a time anyway; chaining keeps the replies in request order.
  let queue: Promise<void> = Promise.resolve();
  listen.on('message', (request: WorkerRequest) => {
    queue = queue.then(async () => {
      let reply: WorkerReply;
      try {
        if (request.op === 'query') {
          const result = await db.query(request.sql, request.params);
          reply = {
            id: request.id,
            ok: true,
            rows: result.rows as Record<string, unknown>[],
            rowCount: result.affectedRows ?? result.rows.length,
          };
        } else if (request.op === 'copy') {
          reply = { id: request.id, ok: true, rows: [], rowCount: await copyFromMemory(db, request.sql, request.data) };
        } else if (request.op === 'exec') {
          await db.exec(request.sql);
          reply = { id: request.id, ok: true, rows: [], rowCount: 0 };
        } else {
          await db.close();
          reply = { id: request.id, ok: true, rows: [], rowCount: 0 };
        }
      } catch (error) {
        reply = failure(request.id, error);
      }
      listen.postMessage(reply);
      if (request.op !== 'close') {
        try {
          await checkpointIfDue();
        } catch {
          // A failed checkpoint only leaves the WAL longer; the next one tries again.
        }
      }
    });
  });
}

void main(port);
