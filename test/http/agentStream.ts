import type { StaffClient } from './staffClient.js';

export type AgentEvent = { event: string; data: any };

/** An agent console's live stream (GET /api/v1/agent/live) as a test reads it: every event, parsed, in order. */
export type AgentStream = {
  status: number;
  events: AgentEvent[];
  /** Resolves with every event so far once the predicate holds (rejects after 5 s, naming what arrived). */
  waitFor(predicate: (events: AgentEvent[]) => boolean): Promise<AgentEvent[]>;
  /** The latest queue snapshot. */
  queue(): any;
  ended: Promise<void>;
  close(): void;
};

export async function openAgentStream(server: { url: string }, client: StaffClient, headers: Record<string, string> = {}): Promise<AgentStream> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/v1/agent/live`, { headers: { ...(client.cookie === undefined ? {} : { Cookie: client.cookie }), ...headers }, signal: controller.signal });
  const events: AgentEvent[] = [];
  const waiters = new Set<() => void>();
  let ended: Promise<void> = Promise.resolve();
  if (response.ok && response.body !== null) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    ended = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let boundary: number;
          while ((boundary = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            const lines = block.split('\n');
            const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
            const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
            if (event === undefined || data === undefined) continue;
            events.push({ event, data: JSON.parse(data) });
            for (const waiter of waiters) waiter();
          }
        }
      } catch {
        // Aborted by close().
      }
      for (const waiter of waiters) waiter();
    })();
  } else {
    await response.body?.cancel();
  }
  return {
    status: response.status,
    events,
    waitFor(predicate) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(events)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(events);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; events so far: ${JSON.stringify(events.map((event) => [event.event, event.data.kind ?? '']))}`));
        }, 5_000);
        waiters.add(check);
        check();
      });
    },
    queue: () => events.findLast((event) => event.event === 'queue')?.data,
    ended,
    close: () => controller.abort(),
  };
}
