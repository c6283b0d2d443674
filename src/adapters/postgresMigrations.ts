import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/**
 * Versioned migrations: `db/migrations/NNNNNN_<what>.sql`, applied in order at start, each once, recorded with its
 * hash. Every instance runs this at start; an advisory lock makes one of them do it while the others wait, and a
 * migration already applied whose file changed stops the start (a migration, once applied, is history).
 */

// Written from src/<folder>/ so that it resolves the same from this file and from the server bundle.
export const migrationsFolder = fileURLToPath(new URL('../../db/migrations/', import.meta.url));

/** Any fixed number: the lock every instance takes around migrating. */
const migrationLock = 0x67_6f_6e_67_6a_69;

export class ChangedMigrationError extends Error {
  constructor(readonly file: string) {
    super(`migration ${file} was applied with other contents; add a new migration instead of changing it`);
    this.name = 'ChangedMigrationError';
  }
}

export class DuplicateMigrationError extends Error {
  constructor(readonly files: readonly string[]) {
    super(`migrations share a number: ${files.join(', ')}; renumber one of them`);
    this.name = 'DuplicateMigrationError';
  }
}

type Migration = { version: number; file: string; sql: string; hash: string };

async function readMigrations(folder: string): Promise<Migration[]> {
  const files = (await readdir(folder)).filter((file) => /^\d{6}_[a-z0-9_]+\.sql$/.test(file)).sort();
  // Two files with one number (work merged from two branches) would be applied in an order nobody chose.
  const numbers = files.map((file) => file.slice(0, 6));
  const twice = numbers.find((number, index) => numbers.indexOf(number) !== index);
  if (twice !== undefined) throw new DuplicateMigrationError(files.filter((file) => file.startsWith(twice)));
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(`${folder}/${file}`, 'utf8');
      return { version: Number(file.slice(0, 6)), file, sql, hash: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export async function migrate(pool: pg.Pool, folder: string = migrationsFolder): Promise<{ from: number; to: number }> {
  const migrations = await readMigrations(folder);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, file text NOT NULL, hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Map(
      (await client.query<{ version: number; hash: string; file: string }>('SELECT version, hash, file FROM schema_migrations')).rows.map((row) => [row.version, row]),
    );
    const from = Math.max(0, ...applied.keys());
    for (const migration of migrations) {
      const done = applied.get(migration.version);
      if (done !== undefined) {
        if (done.hash !== migration.hash) throw new ChangedMigrationError(migration.file);
        continue;
      }
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, file, hash) VALUES ($1, $2, $3)', [migration.version, migration.file, migration.hash]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, ...migrations.map((migration) => migration.version)) };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
