import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ArchiveDb } from './archiveDb';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Any fixed number, the same in every process: the key of the migrations' advisory lock. */
const MIGRATION_LOCK_KEY = 16_001;
const FILE_PATTERN = /^(\d{3})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered plain-SQL files beside this module, in order. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = FILE_PATTERN.exec(name);
    if (!match?.[1]) throw new Error(`migration file ${name} is not named NNN_words.sql`);
    migrations.push({ version: Number(match[1]), name, sql: await readFile(`${dir}/${name}`, 'utf8') });
  }
  // Numbers only grow (gaps allowed: features numbered in parallel land in any order), never repeat.
  migrations.forEach((m, index) => {
    const previous = migrations[index - 1];
    if (previous && m.version <= previous.version) {
      throw new Error(`migration ${m.name}: number ${m.version} repeats or goes back (after ${previous.name})`);
    }
  });
  return migrations;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each once, in order.
 * Everything runs in one transaction holding an advisory lock, so two processes starting
 * together apply them once: the second waits, then finds them recorded. Resolves to the
 * versions it applied.
 */
export async function migrate(db: ArchiveDb, migrations?: readonly Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of all) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
