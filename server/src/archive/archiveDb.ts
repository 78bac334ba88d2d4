/** A row as a driver hands it back: column name → value (timestamps as Date, jsonb parsed). */
export type ArchiveRow = Record<string, unknown>;

export interface QueryResult<T extends ArchiveRow = ArchiveRow> {
  rows: T[];
  /** Rows inserted, updated or deleted (or returned, for a SELECT). */
  rowCount: number;
}

/** What a query can run on: the database itself, or one open transaction. */
export interface ArchiveQuery {
  /** One statement with `$1…` parameters (never values spliced into the text). */
  query<T extends ArchiveRow = ArchiveRow>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** A script of several statements without parameters (the migrations). */
  exec(sql: string): Promise<void>;
  /**
   * `COPY table (…) FROM '/dev/blob'` fed with `data` (COPY text format), where the driver
   * can: PGlite, and node-postgres inside a transaction (`FROM STDIN`, pgCopy.ts). `data` is consumed.
   */
  copyFrom?(sql: string, data: Uint8Array<ArrayBuffer>): Promise<void>;
}

/**
 * The archive's database: PostgreSQL through a pool (`DATABASE_URL`) or PGlite in a worker
 * thread (the embedded default). Both run the same SQL, so nothing above this interface can
 * tell them apart; test/integration/archive runs one contract suite against both.
 */
export interface ArchiveDb extends ArchiveQuery {
  readonly kind: 'postgres' | 'pglite';
  /**
   * Runs `fn` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws. Use only `tx` inside `fn` (the embedded database has one connection:
   * a query on the db itself would wait for the transaction to end).
   */
  transaction<T>(fn: (tx: ArchiveQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
