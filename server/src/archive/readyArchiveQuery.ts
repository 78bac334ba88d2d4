import type { ArchiveDb, ArchiveQuery } from './archiveDb';

/**
 * The archive's database for readers that exist before it opens (the history routes are
 * created with the app; PGlite opens in the background): each query runs on the database once
 * it is open and migrated, and fails at once — a 503 to the caller — while it is not.
 */
export function readyArchiveQuery(database: () => ArchiveDb | null): ArchiveQuery {
  function open(): ArchiveDb {
    const db = database();
    if (!db) throw new Error('the archive is not open yet');
    return db;
  }
  return {
    query: (sql, params) => open().query(sql, params),
    exec: (sql) => open().exec(sql),
  };
}
