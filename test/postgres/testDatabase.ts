import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { generateDataKey } from '../../src/adapters/personalDataCipher.js';

/**
 * A database of its own for one test file, in the run's cluster (test/postgres.globalSetup.ts). A run has no cluster
 * when PostgreSQL is not installed (the suites skip themselves: see postgresAvailability) or when the command line
 * names only files and folders without "postgres" in them.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const clusterUrl = inject('postgresUrl');
  if (clusterUrl === undefined) throw new Error('the run started no PostgreSQL cluster');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    /**
     * Waits for the file's own connections to close before dropping (forcing them closed would raise errors in
     * clients still ending); forces only what is left after a few seconds.
     */
    async drop() {
      const client = new pg.Client({ connectionString: clusterUrl });
      await client.connect();
      try {
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM pg_stat_activity WHERE datname = $1', [name]);
          if (Number(rows[0]?.count ?? 0) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The back end's secret every instance (and a back-end stub started beside them) shares. */
export const sharedBackendSecret = 'one-back-end-secret-shared-by-every-instance-and-the-stub';

/**
 * What every instance on one database must share to serve the same people: the database, the secret that signs
 * their session tokens, the back end's secret and the data key that seals personal data.
 */
export function sharedByInstances(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'one-secret-shared-by-every-instance-of-this-test',
    BACKEND_SECRET: sharedBackendSecret,
    DATA_KEY: generateDataKey().bytes.toString('base64'),
  };
}
