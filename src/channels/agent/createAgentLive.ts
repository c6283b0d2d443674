import type { IncomingMessage } from 'node:http';
import { Router, type Response } from 'express';
import type { EngineContext } from '../../engine/engineContext.js';
import { say } from '../../engine/render.js';
import type { Clock } from '../../ports/clock.js';
import type { HandoffChange, HandoffEvents } from '../../ports/handoffEvents.js';
import type { Handoffs } from '../../ports/handoffs.js';
import type { Logger } from '../../server/logger.js';
import { sendJson } from '../http/sendJson.js';
import { signedInStaff, type StaffGate } from '../staff/staffGate.js';
import type { QueueSnapshot, QueueViews } from './queueViews.js';

export type AgentLiveOptions = {
  gate: StaffGate;
  handoffs: Handoffs;
  events: HandoffEvents;
  views: QueueViews;
  clock: Clock;
  logger: Logger;
  /** For the wording of refusals. */
  context: () => EngineContext;
  /** Whether the staff session this request signed in with is still live and its account enabled. */
  stillSignedIn(request: IncomingMessage): Promise<boolean>;
  /** Origins besides our own allowed to open the stream (none by default: the console is served from here). */
  allowedOrigins?: readonly string[];
  /** How often the stream says it is alive, renews presence and checks the sign-in (default 15 s). */
  heartbeatMs?: number;
  /** How often the queue is read again for changes other instances made (default 5 s). */
  resyncMs?: number;
};

export type AgentLive = { router: Router; /** Ends every stream and waits for the presence writes in flight. */ close(): Promise<void> };

type Stream = { agentId: string; request: IncomingMessage; response: Response };

/**
 * GET /api/v1/agent/live: the agents' real time, as server-sent events (docs/agent-realtime.md). Signed in by the
 * staff cookie (agent or admin), from our own origin. Every stream gets the whole queue at once and again after
 * each change, a `change` notice naming what happened, and the messages of the conversations its agent holds. An
 * open stream is the agent's presence: people are queued only while at least one is open (or a console polled).
 */
export function createAgentLive(options: AgentLiveOptions): AgentLive {
  const { gate, handoffs, events, views, clock, logger } = options;
  const router = Router();
  const streams = new Set<Stream>();
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  let lastSent = '';
  let closed = false;
  const failed = (what: string) => (error: unknown) => logger.error(`agent live stream: ${what} failed`, { error });
  /** Presence writes not yet done, awaited on close so nothing writes to the store after it. */
  const writes = new Set<Promise<unknown>>();
  const track = (write: Promise<unknown>): void => {
    writes.add(write);
    write.catch(failed('presence')).finally(() => writes.delete(write));
  };
  let pendingBroadcast: ReturnType<typeof setTimeout> | undefined;

  const send = (stream: Stream, event: string, data: unknown): void => {
    if (stream.response.writableEnded) return;
    stream.response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  /** The queue's content without the waiting times that grow by the second: what a change is judged on. */
  const fingerprint = (snapshot: QueueSnapshot): string =>
    JSON.stringify([snapshot.waiting, snapshot.held].map((entries) => entries.map(({ waitingSeconds: _waiting, ...entry }) => entry)).concat([snapshot.callbacks as never]));

  const broadcast = async (onlyIfChanged: boolean): Promise<void> => {
    if (streams.size === 0) return;
    const snapshot = await options.views.snapshot();
    const print = fingerprint(snapshot);
    if (onlyIfChanged && print === lastSent) return;
    lastSent = print;
    const agentsPresent = new Set([...streams].map((stream) => stream.agentId)).size;
    for (const stream of streams) send(stream, 'queue', { ...snapshot, agentsPresent, at: clock.now().toISOString() });
  };
  /** Changes often come in twos (a claim and its first message): one snapshot for them. */
  const scheduleBroadcast = (): void => {
    if (pendingBroadcast !== undefined) return;
    pendingBroadcast = setTimeout(() => {
      pendingBroadcast = undefined;
      broadcast(false).catch(failed('queue broadcast'));
    }, 25);
  };

  const onChange = (change: HandoffChange): void => {
    if (change.kind === 'message') {
      // Only the agent holding the conversation sees its words.
      handoffs.current(change.conversationId).then((handoff) => {
        const holder = handoff?.state === 'claimed' ? handoff.agent?.id : undefined;
        if (holder === undefined) return;
        for (const stream of streams) if (stream.agentId === holder) send(stream, 'message', { conversationId: change.conversationId, message: change.entry });
      }, failed('message delivery'));
      return;
    }
    const notice = { kind: change.kind, conversationId: change.conversationId, ...('ticketNumber' in change ? { ticketNumber: change.ticketNumber } : {}), at: clock.now().toISOString() };
    for (const stream of streams) send(stream, 'change', notice);
    scheduleBroadcast();
  };
  const unsubscribe = events.subscribe(onChange);

  const heartbeat = setInterval(() => {
    const agents = new Set<string>();
    for (const stream of streams) {
      if (!stream.response.writableEnded) stream.response.write(': alive\n\n');
      agents.add(stream.agentId);
      options.stillSignedIn(stream.request).then((live) => {
        if (live) return;
        send(stream, 'signed-out', {});
        stream.response.end();
      }, failed('sign-in check'));
    }
    for (const agentId of agents) track(handoffs.markPresent(agentId, clock.now()));
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  const resync = setInterval(() => broadcast(true).catch(failed('queue resync')), options.resyncMs ?? 5_000);
  resync.unref();

  const sameOrigin = (request: IncomingMessage): boolean => {
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (allowedOrigins.has(origin)) return true;
      try {
        if (new URL(origin).host !== request.headers.host) return false;
      } catch {
        return false;
      }
    }
    // Browsers that send it say where the request comes from even when they leave Origin out (same-origin GET).
    const site = request.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  };

  router.get(
    '/',
    (request, response, next) => {
      if (sameOrigin(request)) return next();
      sendJson(response, 403, { error: { code: 'origin', message: say(options.context().content, 'handoff.error.origin') } });
    },
    gate.requireStaff(['agent', 'admin']),
    (request, response) => {
      const { account } = signedInStaff(response);
      const stream: Stream = { agentId: account.id, request, response };
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        // Proxies that buffer responses (nginx) would hold the events back.
        'X-Accel-Buffering': 'no',
      });
      response.write('retry: 3000\n\n');
      streams.add(stream);
      request.socket.setTimeout(0);
      response.on('close', () => {
        streams.delete(stream);
        // Gone when the agent's last stream here closes (another instance's streams renew their own presence).
        if (closed) return;
        if (![...streams].some((other) => other.agentId === stream.agentId)) track(handoffs.markAbsent(stream.agentId));
        scheduleBroadcast();
      });
      send(stream, 'hello', { agentId: account.id, at: clock.now().toISOString() });
      const opening = handoffs.markPresent(account.id, clock.now()).then(() => broadcast(false));
      track(opening);
    },
  );

  return {
    router,
    async close() {
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      clearInterval(resync);
      if (pendingBroadcast !== undefined) clearTimeout(pendingBroadcast);
      for (const stream of streams) stream.response.end();
      streams.clear();
      await Promise.allSettled([...writes]);
    },
  };
}
