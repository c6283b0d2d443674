import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { migrate } from '../../src/adapters/postgresMigrations.js';
import { createPostgresEvents } from '../../src/adapters/postgresEvents.js';
import { createPostgresInbox } from '../../src/adapters/postgresInbox.js';
import { runEventsContract } from '../contract/events.contract.js';
import { runInboxContract } from '../contract/inbox.contract.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase } from './testDatabase.js';

/** The Events and Inbox contracts that memory and the embedded files pass, on PostgreSQL; each test starts from empty tables. */
if (!postgresAvailability().available) {
  console.warn('Skipping the PostgreSQL events and inbox contracts: PostgreSQL is not installed');
} else {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url });
    await migrate(pool);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  // Reopening is another store on the same database, as after a restart or on another instance.
  runEventsContract('postgres', async () => {
    await pool.query('TRUNCATE events, event_counts');
    return { events: createPostgresEvents(pool), reopen: async () => createPostgresEvents(pool) };
  });
  runInboxContract('postgres', async () => {
    await pool.query('TRUNCATE inbox_questions, inbox_resolutions');
    return { inbox: createPostgresInbox(pool), reopen: async () => createPostgresInbox(pool) };
  });
}
