import pg from 'pg';
import { createPostgresRequestLimiter } from '../adapters/flexibleRequestLimiter.js';
import type { PersonalDataCipher } from '../adapters/personalDataCipher.js';
import { migrate } from '../adapters/postgresMigrations.js';
import { createPostgresSessionEvents } from '../adapters/postgresSessionEvents.js';
import { createPostgresStores } from '../adapters/postgresStores.js';
import { createPostgresTurnLocks } from '../adapters/postgresTurnLocks.js';
import type { Ids } from '../ports/ids.js';

/**
 * Connections each instance keeps to PostgreSQL: a turn holds two for a few milliseconds (its turn lock, and the
 * commit), the listener for other instances' messages one more.
 */
const poolSize = 20;

/**
 * Everything that several instances share through one PostgreSQL database (DATABASE_URL): conversations and the
 * outbox (sealed under DATA_KEY), turn order, client allowances, and late messages to sockets held elsewhere.
 * Migrated at start. Loaded only when configured (main.ts imports this lazily).
 */
export async function openPostgresStores(options: { databaseUrl: string; cipher: PersonalDataCipher; perMinute: number; ids: Ids; onError: (error: unknown) => void }) {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: poolSize });
  pool.on('error', options.onError);
  await migrate(pool);
  const instanceId = options.ids.next('instance');
  const { store, outbox } = createPostgresStores(pool, options.cipher, { instanceId });
  const events = await createPostgresSessionEvents({ databaseUrl: options.databaseUrl, pool, store, instanceId, onError: options.onError });
  return {
    store,
    outbox,
    requestLimiter: createPostgresRequestLimiter(pool, options.perMinute),
    turnLocks: createPostgresTurnLocks(pool),
    events,
    async close() {
      await events.close();
      await pool.end();
    },
  };
}
