import pg from 'pg';
import type { SessionEvents } from '../ports/sessionEvents.js';
import type { SessionStore } from '../ports/sessionStore.js';
import { createProcessSessionEvents } from './processSessionEvents.js';

const channel = 'gongji_session_events';
/** How long to wait before listening again after the listening connection broke. */
const reconnectMs = 1_000;

type Notice = { instance: string; sessionId: string; seqs: number[] };

/**
 * Late messages reach a conversation's socket whichever instance holds it: each publish is told to the others with
 * NOTIFY (only the session and the sequence numbers: entries may be long, and they hold personal data that a
 * notification should not carry); an instance holding that conversation's socket reads the entries from the store.
 */
export async function createPostgresSessionEvents(options: {
  databaseUrl: string;
  pool: pg.Pool;
  store: SessionStore;
  instanceId: string;
  onError: (error: unknown) => void;
}): Promise<SessionEvents & { close(): Promise<void> }> {
  const { pool, store, instanceId, onError } = options;
  const local = createProcessSessionEvents();
  let listener: pg.Client | undefined;
  let closed = false;

  const deliver = async (notice: Notice): Promise<void> => {
    if (notice.instance === instanceId || !local.hasListeners(notice.sessionId)) return;
    const session = await store.get(notice.sessionId);
    const wanted = new Set(notice.seqs);
    local.publish(notice.sessionId, session?.transcript.filter((entry) => wanted.has(entry.seq)) ?? []);
  };

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel !== channel || message.payload === undefined) return;
      deliver(JSON.parse(message.payload) as Notice).catch(onError);
    });
    client.on('error', (error) => {
      onError(error);
      client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void listen().catch(onError), reconnectMs).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    listener = client;
  };
  await listen();

  return {
    publish(sessionId, entries) {
      local.publish(sessionId, entries);
      const notice: Notice = { instance: instanceId, sessionId, seqs: entries.map((entry) => entry.seq) };
      pool.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(notice)]).catch(onError);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      await listener?.end();
    },
  };
}
