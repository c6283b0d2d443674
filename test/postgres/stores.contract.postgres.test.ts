import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createPersonalDataCipher, generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { migrate } from '../../src/adapters/postgresMigrations.js';
import { backendSchema, openPostgresBackendStore } from '../../src/backend-stub/postgresBackendStore.js';
import { createPostgresAuditLog } from '../../src/adapters/postgresAuditLog.js';
import { createPostgresContentStore } from '../../src/adapters/postgresContentStore.js';
import { createPostgresHandoffs } from '../../src/adapters/postgresHandoffs.js';
import { createPostgresStaffSessions } from '../../src/adapters/postgresStaffSessions.js';
import { createPostgresStaffStore } from '../../src/adapters/postgresStaffStore.js';
import { createPostgresStores } from '../../src/adapters/postgresStores.js';
import { runAuditLogContract } from '../contract/auditLog.contract.js';
import { runBackendStoreContract } from '../contract/backendStore.contract.js';
import { runContentStoreContract } from '../contract/contentStore.contract.js';
import { runHandoffsContract } from '../contract/handoffs.contract.js';
import { runOutboxContract } from '../contract/outbox.contract.js';
import { runSessionStoreContract, type SessionStores } from '../contract/sessionStore.contract.js';
import { runStaffSessionsContract } from '../contract/staffSessions.contract.js';
import { runStaffStoreContract } from '../contract/staffStore.contract.js';
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
    pool = new pg.Pool({ connectionString: database.url });
    await migrate(pool);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const emptied = async (): Promise<void> => {
    await pool.query('TRUNCATE sessions, outbox, staff_accounts, staff_sessions, audit_log, content_versions, content_blobs, handoffs, callback_tickets, agent_presence');
    await pool.query('UPDATE content_state SET revision = 0, published = NULL, repository_hash = NULL');
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

  // A second store on the same pool stands for another instance (or `npm run staff`) on the same database.
  runStaffStoreContract('postgres', async () => {
    await emptied();
    return { store: createPostgresStaffStore(pool), another: async () => createPostgresStaffStore(pool) };
  });

  runStaffSessionsContract('postgres', async (options) => {
    await emptied();
    return { sessions: createPostgresStaffSessions(pool, options), another: async () => createPostgresStaffSessions(pool, options) };
  });

  runAuditLogContract('postgres', async () => {
    await emptied();
    return { log: createPostgresAuditLog(pool), another: async () => createPostgresAuditLog(pool) };
  });

  runContentStoreContract('postgres', async () => {
    await emptied();
    const open = async () => createPostgresContentStore(pool);
    return { create: open, reopen: open };
  });

  runHandoffsContract('postgres', async () => {
    await emptied();
    return { handoffs: createPostgresHandoffs(pool, cipher), reopen: async () => createPostgresHandoffs(pool, cipher) };
  });

  // The stub's own schema in the same database, as by default (BACKEND_DATABASE_URL unset).
  const backendStores: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(backendStores.map((store) => store.close()));
  });
  runBackendStoreContract('postgres', async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${backendSchema} CASCADE`);
    const open = async () => {
      const store = await openPostgresBackendStore({ databaseUrl: database!.url, cipher });
      backendStores.push(store);
      return store;
    };
    return { store: await open(), reopen: open };
  });
}
