import type pg from 'pg';

/** The part of node-postgres' connection a COPY FROM STDIN speaks to (not in its typings). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** COPY data goes in messages of at most this many bytes (the server takes any size; memory does not). */
const CHUNK_BYTES = 1 << 20;

/**
 * `COPY … FROM STDIN` on one node-postgres client without a stream package: a `Submittable`
 * (the hook pg-copy-streams uses). It sends the COPY, its data as CopyData messages and
 * CopyDone at once, without waiting for the server's CopyInResponse: the server reads them in
 * order once it enters COPY, and ignores CopyData/CopyDone outside COPY ("per protocol spec",
 * postgres.c) when the statement failed first — so one round trip, and the data is on its way
 * while the caller goes on computing. Settles at ReadyForQuery, or on the server's error
 * (after which the client goes on as after any failed statement).
 */
class CopyFromStdin implements pg.Submittable {
  private failure: Error | null = null;

  constructor(
    private readonly text: string,
    private readonly data: Uint8Array,
    private readonly settle: (error: Error | null) => void,
  ) {}

  submit(connection: unknown): void {
    const copy = connection as CopyConnection;
    copy.query(this.text);
    const { data } = this;
    for (let at = 0; at < data.byteLength; at += CHUNK_BYTES) {
      const length = Math.min(CHUNK_BYTES, data.byteLength - at);
      copy.sendCopyFromChunk(Buffer.from(data.buffer, data.byteOffset + at, length));
    }
    copy.endCopyFrom();
  }

  handleError(error: Error): void {
    // The client drops a query after its error; ReadyForQuery then goes to no one.
    this.failure = error;
    this.settle(error);
  }

  handleReadyForQuery(): void {
    if (!this.failure) this.settle(null);
  }

  // The rest of the protocol: the data is already sent; the others a COPY FROM never sees.
  handleCopyInResponse(): void {}
  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/**
 * Runs `sql` (a `COPY table (…) FROM '/dev/blob'`, the form PGlite takes, see `ArchiveQuery.copyFrom`)
 * as `COPY … FROM STDIN` on `client`, fed with `data` (COPY text format).
 */
export function copyFromStdin(client: pg.ClientBase, sql: string, data: Uint8Array): Promise<void> {
  const text = sql.replace(/FROM\s+'\/dev\/blob'/i, 'FROM STDIN');
  if (text === sql) return Promise.reject(new Error(`not a COPY … FROM '/dev/blob': ${sql.slice(0, 60)}`));
  return new Promise((resolve, reject) => {
    client.query(new CopyFromStdin(text, data, (error) => (error ? reject(error) : resolve())));
  });
}
