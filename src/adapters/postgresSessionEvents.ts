import type pg from 'pg';
import type { SessionEvents } from '../ports/sessionEvents.js';
import type { SessionStore } from '../ports/sessionStore.js';
import type { PostgresNotifications } from './postgresNotifications.js';
import { createProcessSessionEvents } from './processSessionEvents.js';

export const sessionEventsChannel = 'gongji_session_events';

type Notice = { instance: string; sessionId: string; seqs: number[] };

/**
 * Late messages reach a conversation's socket whichever instance holds it: each publish is told to the others with
 * NOTIFY (only the session and the sequence numbers: entries may be long, and they hold personal data that a
 * notification should not carry); an instance holding that conversation's socket reads the entries from the store.
 */
export function createPostgresSessionEvents(options: {
  notifications: PostgresNotifications;
  pool: pg.Pool;
  store: SessionStore;
  instanceId: string;
  onError: (error: unknown) => void;
}): SessionEvents {
  const { pool, store, instanceId, onError } = options;
  const local = createProcessSessionEvents();

  const deliver = async (notice: Notice): Promise<void> => {
    if (notice.instance === instanceId || !local.hasListeners(notice.sessionId)) return;
    const session = await store.get(notice.sessionId);
    const wanted = new Set(notice.seqs);
    local.publish(notice.sessionId, session?.transcript.filter((entry) => wanted.has(entry.seq)) ?? []);
  };
  options.notifications.on(sessionEventsChannel, (payload) => deliver(JSON.parse(payload) as Notice).catch(onError));

  return {
    publish(sessionId, entries) {
      local.publish(sessionId, entries);
      const notice: Notice = { instance: instanceId, sessionId, seqs: entries.map((entry) => entry.seq) };
      pool.query('SELECT pg_notify($1, $2)', [sessionEventsChannel, JSON.stringify(notice)]).catch(onError);
    },
    subscribe: local.subscribe,
  };
}
