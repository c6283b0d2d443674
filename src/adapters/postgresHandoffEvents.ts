import type pg from 'pg';
import type { HandoffChange, HandoffEvents } from '../ports/handoffEvents.js';
import type { SessionStore } from '../ports/sessionStore.js';
import { createProcessHandoffEvents } from './processHandoffEvents.js';
import type { PostgresNotifications } from './postgresNotifications.js';

export const handoffEventsChannel = 'gongji_handoff_events';

/** What another instance is told: the change without the words (a message is named by its seq, read from the store). */
type Notice = { instance: string; kind: HandoffChange['kind']; conversationId: string; ticketNumber?: string; seq?: number };

/**
 * Queue changes reach the agents' live streams and the waiting people's sockets on every instance: each publish is
 * told to the others with NOTIFY, carrying no personal data; a message in a held chat is read from the store by
 * its sequence number on the instance that hears of it. (What is missed while the listener reconnects is caught up by
 * the streams' periodic re-read of the queue.)
 */
export function createPostgresHandoffEvents(options: {
  notifications: PostgresNotifications;
  pool: pg.Pool;
  store: SessionStore;
  instanceId: string;
  onError: (error: unknown) => void;
}): HandoffEvents {
  const { pool, store, instanceId, onError } = options;
  const local = createProcessHandoffEvents(onError);

  const deliver = async (notice: Notice): Promise<void> => {
    if (notice.instance === instanceId) return;
    const { kind, conversationId } = notice;
    if (kind === 'message') {
      const entry = (await store.get(conversationId))?.transcript.find((candidate) => candidate.seq === notice.seq);
      if (entry !== undefined) local.publish({ kind, conversationId, entry });
      return;
    }
    if (kind === 'callback' || kind === 'callback-closed') local.publish({ kind, conversationId, ticketNumber: notice.ticketNumber ?? '' });
    else local.publish({ kind, conversationId });
  };
  options.notifications.on(handoffEventsChannel, (payload) => deliver(JSON.parse(payload) as Notice).catch(onError));

  return {
    publish(change) {
      local.publish(change);
      const notice: Notice = {
        instance: instanceId,
        kind: change.kind,
        conversationId: change.conversationId,
        ...('ticketNumber' in change ? { ticketNumber: change.ticketNumber } : {}),
        ...('entry' in change ? { seq: change.entry.seq } : {}),
      };
      pool.query('SELECT pg_notify($1, $2)', [handoffEventsChannel, JSON.stringify(notice)]).catch(onError);
    },
    subscribe: local.subscribe,
  };
}
