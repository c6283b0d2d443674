import pg from 'pg';

/** How long to wait before listening again after the listening connection broke. */
const reconnectMs = 1_000;

export type PostgresNotifications = {
  /** Calls `listener` with the payload of each NOTIFY on `channel` (any instance's, this one's too). Returns stop. */
  on(channel: string, listener: (payload: string) => void): () => void;
  close(): Promise<void>;
};

/**
 * One connection per instance that LISTENs for what other instances tell (late messages for sockets, content
 * publishes). It listens again after the connection broke; what was told meanwhile is lost, which is why every
 * user of it also has a slower way to catch up (a socket's resend, the content sync).
 */
export async function listenForNotifications(options: { databaseUrl: string; channels: readonly string[]; onError: (error: unknown) => void }): Promise<PostgresNotifications> {
  const listeners = new Map<string, Set<(payload: string) => void>>(options.channels.map((channel) => [channel, new Set()]));
  let client: pg.Client | undefined;
  let closed = false;

  const listen = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.databaseUrl });
    next.on('notification', (message) => {
      if (message.payload === undefined) return;
      for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
    });
    next.on('error', (error) => {
      options.onError(error);
      next.end().catch(() => undefined);
      if (!closed) setTimeout(() => void listen().catch(options.onError), reconnectMs).unref();
    });
    await next.connect();
    for (const channel of listeners.keys()) await next.query(`LISTEN ${channel}`);
    client = next;
  };
  await listen();

  return {
    on(channel, listener) {
      const set = listeners.get(channel);
      if (set === undefined) throw new Error(`not listening on ${channel}; name it when listening starts`);
      set.add(listener);
      return () => set.delete(listener);
    },
    async close() {
      closed = true;
      await client?.end();
    },
  };
}
