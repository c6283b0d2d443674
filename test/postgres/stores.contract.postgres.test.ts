import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createPersonalDataCipher, generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { migrate } from '../../src/adapters/postgresMigrations.js';
import { createPostgresStores } from '../../src/adapters/postgresStores.js';
import { runOutboxContract } from '../contract/outbox.contract.js';
import { runSessionStoreContract, type SessionStores } from '../contract/sessionStore.contract.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase } from './testDatabase.js';

/** The same contracts as memory and the embedded log, on PostgreSQL: each test starts from empty tables. */
if (!postgresAvailability().available) {
  // Outside CI only (postgresAvailability throws in CI): say why nothing ran here.
  console.warn('Skipping the PostgreSQL store contracts: PostgreSQL is not installed');
} else {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  const cipher = createPersonalDataCipher(generateDataKey());

  beforeAll(async () => {
    database = await createTestDatabase();
    if (database === undefined) throw new Error('the run started no PostgreSQL cluster');
    pool = new pg.Pool({ connectionString: database.url });
    await migrate(pool);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const emptied = async (): Promise<void> => {
    await pool.query('TRUNCATE sessions, outbox');
  };
  // Reopening is another set of stores on the same database, as after a restart of the same instance.
  const open = (): ReturnType<typeof createPostgresStores> => createPostgresStores(pool, cipher, { instanceId: 'contract' });

  runSessionStoreContract('postgres', async () => {
    await emptied();
    const reopen = async (): Promise<SessionStores> => ({ ...open(), reopen });
    return reopen();
  });

  runOutboxContract('postgres', async () => {
    await emptied();
    return { outbox: open().outbox, reopen: async () => open().outbox };
  });
}
