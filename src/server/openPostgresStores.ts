import pg from 'pg';
import { createPostgresRequestLimiter } from '../adapters/flexibleRequestLimiter.js';
import type { PersonalDataCipher } from '../adapters/personalDataCipher.js';
import { createPostgresAuditLog } from '../adapters/postgresAuditLog.js';
import { contentChangeChannel, createPostgresContentStore } from '../adapters/postgresContentStore.js';
import { createPostgresHandoffs } from '../adapters/postgresHandoffs.js';
import { createPostgresHandoffEvents, handoffEventsChannel } from '../adapters/postgresHandoffEvents.js';
import { migrate } from '../adapters/postgresMigrations.js';
import { listenForNotifications } from '../adapters/postgresNotifications.js';
import { createPostgresSessionEvents, sessionEventsChannel } from '../adapters/postgresSessionEvents.js';
import { createPostgresStaffSessions } from '../adapters/postgresStaffSessions.js';
import { createPostgresStaffStore } from '../adapters/postgresStaffStore.js';
import { createPostgresStores } from '../adapters/postgresStores.js';
import { createPostgresTurnLocks } from '../adapters/postgresTurnLocks.js';
import type { Clock } from '../ports/clock.js';
import { createPostgresEvents } from '../adapters/postgresEvents.js';
import { createPostgresInbox } from '../adapters/postgresInbox.js';
import type { Ids } from '../ports/ids.js';

/**
 * Connections each instance keeps to PostgreSQL: a turn holds two for a few milliseconds (its turn lock, and the
 * commit), the listener for other instances' messages one more.
 */
const poolSize = 20;

/**
 * Everything that several instances share through one PostgreSQL database (DATABASE_URL): conversations and the
 * outbox (sealed under DATA_KEY), turn order, client allowances, late messages to sockets held elsewhere, content
 * versions (a publish is told to every instance), staff accounts with their sessions, the audit log, and the
 * handoff queue with its callback tickets. Migrated at start. Loaded only when configured (main.ts imports this
 * lazily).
 */
export async function openPostgresStores(options: {
  databaseUrl: string;
  cipher: PersonalDataCipher;
  perMinute: number;
  ids: Ids;
  clock: Clock;
  staffSessionIdleMinutes: number;
  onError: (error: unknown) => void;
}) {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: poolSize });
  pool.on('error', options.onError);
  await migrate(pool);
  const instanceId = options.ids.next('instance');
  const { store, outbox } = createPostgresStores(pool, options.cipher, { instanceId });
  const notifications = await listenForNotifications({ databaseUrl: options.databaseUrl, channels: [sessionEventsChannel, contentChangeChannel, handoffEventsChannel], onError: options.onError });
  return {
    store,
    outbox,
    requestLimiter: createPostgresRequestLimiter(pool, options.perMinute),
    turnLocks: createPostgresTurnLocks(pool),
    events: createPostgresSessionEvents({ notifications, pool, store, instanceId, onError: options.onError }),
    content: createPostgresContentStore(pool),
    /** Any instance changed content (a publish, a draft): the listener syncs the live version. Returns stop. */
    onContentChange: (listener: () => void) => notifications.on(contentChangeChannel, listener),
    staff: {
      accounts: createPostgresStaffStore(pool),
      sessions: createPostgresStaffSessions(pool, { clock: options.clock, idleMinutes: options.staffSessionIdleMinutes }),
      audit: createPostgresAuditLog(pool),
    },
    handoffs: createPostgresHandoffs(pool, options.cipher),
    /** Queue changes told to every instance's agents and waiting people. */
    handoffEvents: createPostgresHandoffEvents({ notifications, pool, store, instanceId, onError: options.onError }),
    insights: { events: createPostgresEvents(pool), inbox: createPostgresInbox(pool) },
    async close() {
      await notifications.close();
      await pool.end();
    },
  };
}

export type OpenedPostgresStores = Awaited<ReturnType<typeof openPostgresStores>>;
