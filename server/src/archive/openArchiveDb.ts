import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import type { ArchiveDb } from './archiveDb';
import { createPgArchiveDb } from './pgArchiveDb';
import { createPgliteArchiveDb } from './pgliteArchiveDb';

export interface OpenArchiveDbOptions {
  /** PostgreSQL URL; unset → the embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  /** DATA_DIR: the embedded archive lives in its `archive/` folder. */
  dataDir: string;
  logger: Logger;
}

/** The URL without its password, for the log line. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/**
 * The archive's database as design.md "Running" says: `DATABASE_URL` → that PostgreSQL;
 * unset → PGlite under `DATA_DIR/archive`. One log line says which.
 */
export async function openArchiveDb(options: OpenArchiveDbOptions): Promise<ArchiveDb> {
  if (options.databaseUrl) {
    options.logger.info({ archive: 'postgres', url: redact(options.databaseUrl) }, 'archive: PostgreSQL');
    return createPgArchiveDb({ url: options.databaseUrl });
  }
  const dir = path.resolve(options.dataDir, 'archive');
  await mkdir(dir, { recursive: true });
  options.logger.info(
    { archive: 'pglite', dir },
    `archive: embedded PGlite in ${dir} (single process; set DATABASE_URL for PostgreSQL)`,
  );
  return createPgliteArchiveDb({ dataDir: dir });
}
