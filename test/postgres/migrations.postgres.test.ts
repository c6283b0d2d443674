import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangedMigrationError, DuplicateMigrationError, migrate, migrationsFolder } from '../../src/adapters/postgresMigrations.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase } from './testDatabase.js';

const availability = postgresAvailability();

describe.skipIf(!availability.available)('PostgreSQL migrations', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url });
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('applies every migration once, even when several instances start together', async () => {
    const results = await Promise.all([migrate(pool), migrate(pool), migrate(pool)]);
    const latest = Math.max(...results.map((result) => result.to));
    expect(results.filter((result) => result.from === 0)).toHaveLength(1);
    const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM schema_migrations');
    expect(Number(rows[0]!.count)).toBe(latest);
    expect(await migrate(pool)).toEqual({ from: latest, to: latest });
  });

  it('refuses to start when an applied migration was edited', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    try {
      for (const file of await readdir(migrationsFolder)) await copyFile(path.join(migrationsFolder, file), path.join(folder, file));
      const [first] = (await readdir(folder)).sort();
      await writeFile(path.join(folder, first!), `-- edited\n${await readFile(path.join(folder, first!), 'utf8')}`);
      await expect(migrate(pool, folder)).rejects.toBeInstanceOf(ChangedMigrationError);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('refuses two migrations with one number, as when two branches each added the next one', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    try {
      for (const file of await readdir(migrationsFolder)) await copyFile(path.join(migrationsFolder, file), path.join(folder, file));
      const [first] = (await readdir(folder)).sort();
      await writeFile(path.join(folder, `${first!.slice(0, 6)}_another_change.sql`), 'SELECT 1;\n');
      await expect(migrate(pool, folder)).rejects.toBeInstanceOf(DuplicateMigrationError);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
