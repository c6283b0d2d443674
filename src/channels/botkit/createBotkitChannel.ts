import type { IncomingMessage, Server } from 'node:http';
import { Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import type { Storage } from 'botbuilder';
import type { FormProgress } from '../../engine/state.js';
import type { ConversationService, TranscriptEntry } from '../../server/conversationService.js';
import type { Logger } from '../../server/logger.js';
import type { SessionStore } from '../../ports/sessionStore.js';
import { apiErrorBody, type ApiProblem } from '../http/apiProblem.js';
import { checkUserText } from '../http/checkUserText.js';
import type { SessionTokens } from '../http/sessionTokens.js';
import type { WebMessages } from '../http/webMessages.js';
import type { RequestLimiter } from '../../ports/requestLimiter.js';
import { clientAddress } from '../http/clientAddress.js';
import { AnsweredMessages } from './answeredMessages.js';
import { parseClientFrame } from './clientFrame.js';
import { messageFrame, type ServerFrame } from './serverFrame.js';
import { SessionWebAdapter } from './sessionWebAdapter.js';
import type { HandoffEvents } from '../../ports/handoffEvents.js';
import type { QueueStatus } from '../../ports/handoffs.js';

/**
 * The end-user websocket: a Botkit controller with botbuilder-adapter-web's WebAdapter on our own HTTP server.
 * Botkit carries messages in and replies out; the conversation itself is the ConversationService's. What the
 * adapter gets wrong for us is fixed at its edges: it trusts the client's `user` field (here every frame is checked
 * and `user` is overwritten with the session the signed token names), it never stops its heartbeat (stopped on
 * close), and it logs bad frames to the console (they never reach it; the client gets a Chinese error frame).
 */

/** The part of a ws@7 socket (the adapter's own ws version) this channel uses. */
type ChannelSocket = {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: unknown) => void): void;
  on(event: 'close', listener: () => void): void;
  listeners(event: 'message'): ((data: unknown) => void)[];
  removeAllListeners(event: 'message'): void;
};

type SocketServer = {
  on(event: 'connection', listener: (socket: ChannelSocket, request: IncomingMessage) => void): void;
  close(callback?: () => void): void;
};

type Identity = { sessionId: string; token: string; /** Where the upgrade came from, for the request allowance. */ client: string };

/**
 * What is remembered of a turn for a repeated clientMessageId: the reply seqs (their texts stay in the transcript)
 * and the form's progress after it, so the repeat is answered with the same frames.
 */
type Turn = { ok: true; seqs: number[]; progress: FormProgress } | { ok: false; problem: ApiProblem };

export type BotkitChannelDependencies = {
  server: Server;
  service: ConversationService;
  /** Read only: whether a session still exists, and its transcript to resend after a reconnect. */
  store: SessionStore;
  tokens: SessionTokens;
  messages: WebMessages;
  logger: Logger;
  /** Origins besides our own whose pages may open the socket (CORS_ORIGINS). */
  allowedOrigins: readonly string[];
  /** Each message frame takes one of the client's allowance, as each chat request does. */
  requestLimiter: RequestLimiter;
  trustedProxies: number;
  path?: string;
  /** Changes to the agents' queue: a waiting person's place is pushed as it moves (`queue` frames). */
  handoffEvents?: HandoffEvents;
  /** How often the place of people waiting is read again, for changes made by another instance (default 10 s). */
  queueResyncMs?: number;
};

export type BotkitChannel = {
  /** Stops the heartbeat, closes every socket and the controller. */
  close(): Promise<void>;
};

const openState = 1;
/** Close codes in the private range: the widget fetches a new token (4401) or starts a new session (4404). */
const closeCodes = { unauthorized: 4401, unknownSession: 4404, goingAway: 1001 } as const;

/** Flows are our data, interpreted by our engine: Botkit's dialog state is not used, so nothing is stored for it. */
const noDialogStorage: Storage = {
  read: async () => ({}),
  write: async () => undefined,
  delete: async () => undefined,
};

const problems = {
  unauthorized: { status: 401, code: 'unauthorized', messageId: 'web.error.unauthorized' },
  invalidFrame: { status: 400, code: 'invalid_frame', messageId: 'web.error.invalid_frame' },
  unknownSession: { status: 404, code: 'unknown_session', messageId: 'web.error.unknown_session' },
  internal: { status: 500, code: 'internal_error', messageId: 'web.error.internal' },
} as const satisfies Record<string, ApiProblem>;

export function createBotkitChannel(dependencies: BotkitChannelDependencies): BotkitChannel {
  const { service, store, tokens, messages, logger } = dependencies;
  const identities = new WeakMap<IncomingMessage, Identity>();
  const sockets = new Map<string, Set<ChannelSocket>>();
  const unsubscribes = new Map<string, () => void>();
  const answered = new AnsweredMessages<Turn>({ perSession: 20 });
  const allowedOrigins = new Set(dependencies.allowedOrigins);

  const errorFrame = (problem: ApiProblem, replyTo?: string): ServerFrame => ({
    type: 'error',
    ...apiErrorBody(problem, messages).error,
    ...(replyTo === undefined ? {} : { replyTo }),
  });

  /** Botkit moves fields it does not know into channelData, except those named like Activity fields (`code`, `text`); putting them there ourselves keeps frames as sent. */
  const reply = async (bot: BotWorker, message: BotkitMessage, frame: ServerFrame): Promise<void> => {
    // A socket closed during the turn gets the replies from the transcript after it reconnects (hello).
    if (!adapter.isConnected(String(message.user))) return;
    const { type, ...fields } = frame;
    await bot.reply(message, { type, channelData: fields });
  };

  const sendDirect = (socket: ChannelSocket, frame: ServerFrame): void => {
    if (socket.readyState === openState) socket.send(JSON.stringify(frame));
  };

  const isAllowedOrigin = (origin: string | undefined, request: IncomingMessage): boolean => {
    if (origin === undefined || allowedOrigins.has(origin)) return true;
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  };

  /** The upgrade is the first check: a valid token for a live session, from our page or an allowed one. */
  const verifyClient = (
    info: { origin: string | undefined; req: IncomingMessage },
    done: (verified: boolean, code?: number, message?: string, headers?: Record<string, string>) => void,
  ): void => {
    const refuse = (): void =>
      done(false, 401, JSON.stringify(apiErrorBody(problems.unauthorized, messages)), { 'Content-Type': 'application/json; charset=utf-8' });
    const token = new URL(info.req.url ?? '/', 'http://localhost').searchParams.get('token') ?? '';
    const check = tokens.verify(token);
    if (!check.ok || !isAllowedOrigin(info.origin, info.req)) return refuse();
    store.get(check.sessionId).then(
      (session) => {
        if (session === undefined) return refuse();
        identities.set(info.req, { sessionId: check.sessionId, token, client: clientAddress(info.req, dependencies.trustedProxies) });
        done(true);
      },
      (error: unknown) => {
        logger.error('websocket upgrade failed', { error });
        done(false, 500);
      },
    );
  };

  const adapter = new SessionWebAdapter({ server: dependencies.server, path: dependencies.path ?? '/ws', verifyClient, maxPayload: 16 * 1024 });
  const controller = new Botkit({ adapter, disable_webserver: true, disable_console: true, storage: noDialogStorage });
  const socketServer = adapter.wss as SocketServer;

  /** The queue status each open conversation was last told (absent: never queued here). */
  const toldQueue = new Map<string, QueueStatus>();
  const tellQueue = async (sessionId: string): Promise<void> => {
    const status: QueueStatus = (await service.queueStatus(sessionId)) ?? { state: 'closed' };
    const told = toldQueue.get(sessionId);
    if (told === undefined ? status.state === 'closed' : JSON.stringify(told) === JSON.stringify(status)) return;
    toldQueue.set(sessionId, status);
    for (const socket of sockets.get(sessionId) ?? []) sendDirect(socket, { type: 'queue', queue: status });
  };
  const queueFailed = (error: unknown) => logger.error('queue status could not be sent', { error });
  /** After any change to the queue, everyone waiting or held here may stand somewhere new. */
  const retellQueue = (changed?: string): void => {
    for (const sessionId of sockets.keys()) {
      const told = toldQueue.get(sessionId);
      if (sessionId === changed || (told !== undefined && told.state !== 'closed')) tellQueue(sessionId).catch(queueFailed);
    }
  };
  const stopWatchingQueue = dependencies.handoffEvents?.subscribe((change) => {
    if (change.kind !== 'message' && change.kind !== 'callback' && change.kind !== 'callback-closed') retellQueue(change.conversationId);
  });
  const queueResync = setInterval(() => retellQueue(), dependencies.queueResyncMs ?? 10_000);
  queueResync.unref();

  const push = (sessionId: string, entry: TranscriptEntry): void => {
    for (const socket of sockets.get(sessionId) ?? []) sendDirect(socket, messageFrame(entry));
  };

  const register = (sessionId: string, socket: ChannelSocket): void => {
    const open = sockets.get(sessionId) ?? new Set<ChannelSocket>();
    open.add(socket);
    sockets.set(sessionId, open);
    if (!unsubscribes.has(sessionId)) unsubscribes.set(sessionId, service.subscribe(sessionId, (entry) => push(sessionId, entry)));
  };

  const unregister = (sessionId: string, socket: ChannelSocket): void => {
    const open = sockets.get(sessionId);
    open?.delete(socket);
    if (open !== undefined && open.size > 0) return;
    sockets.delete(sessionId);
    toldQueue.delete(sessionId);
    unsubscribes.get(sessionId)?.();
    unsubscribes.delete(sessionId);
  };

  /** Every frame is checked before the adapter sees it; the adapter then gets it with `user` set by us. */
  const receive = (socket: ChannelSocket, identity: Identity, data: unknown, forward: ((data: unknown) => void)[]): void => {
    if (!tokens.verify(identity.token).ok) {
      sendDirect(socket, errorFrame(problems.unauthorized));
      socket.close(closeCodes.unauthorized, 'token');
      return;
    }
    const frame = parseClientFrame(data);
    if (frame === undefined) {
      sendDirect(socket, errorFrame(problems.invalidFrame));
      return;
    }
    // Answered here, before the adapter and the rate limit: a heartbeat is not a turn.
    if (frame.type === 'ping') {
      sendDirect(socket, { type: 'pong' });
      return;
    }
    const payload = JSON.stringify({ ...frame, user: identity.sessionId, address: identity.client });
    const pass = (): void => {
      for (const listener of forward) listener.call(socket, payload);
    };
    if (frame.type !== 'message') return pass();
    const text = checkUserText(frame.text);
    if (!text.ok) {
      sendDirect(socket, errorFrame(text.problem, frame.clientMessageId));
      return;
    }
    dependencies.requestLimiter.take(identity.client).then(
      (outcome) => {
        if (outcome.ok) return pass();
        const problem: ApiProblem = { status: 429, code: 'rate_limited', messageId: 'web.error.rate_limited', values: { seconds: String(outcome.retryAfterSeconds) } };
        sendDirect(socket, errorFrame(problem, frame.clientMessageId));
      },
      (error: unknown) => {
        logger.error('request allowance could not be checked', { error });
        sendDirect(socket, errorFrame(problems.internal, frame.clientMessageId));
      },
    );
  };

  socketServer.on('connection', (socket, request) => {
    const identity = identities.get(request);
    if (identity === undefined) {
      socket.close(closeCodes.unauthorized, 'token');
      return;
    }
    // The adapter attached its own message listener just before this one ran; it is called only through receive().
    const forward = socket.listeners('message');
    socket.removeAllListeners('message');
    socket.on('message', (data) => receive(socket, identity, data, forward));
    socket.on('close', () => unregister(identity.sessionId, socket));
    register(identity.sessionId, socket);
  });

  const storedEntries = async (sessionId: string, seqs: number[]): Promise<TranscriptEntry[]> =>
    ((await store.get(sessionId))?.transcript ?? []).filter((entry) => seqs.includes(entry.seq));

  /** A handler's failure is answered and logged here, never left to the adapter's console.error. */
  const guarded =
    (name: string, handler: (bot: BotWorker, message: BotkitMessage) => Promise<void>) =>
    async (bot: BotWorker, message: BotkitMessage): Promise<void> => {
      try {
        await handler(bot, message);
      } catch (error) {
        logger.error('websocket turn failed', { event: name, session: String(message.user).slice(0, 8), error });
        await reply(bot, message, errorFrame(problems.internal, typeof message.clientMessageId === 'string' ? message.clientMessageId : undefined));
      }
    };

  controller.on(
    'message',
    guarded('message', async (bot, message) => {
      const sessionId = String(message.user);
      const clientMessageId = String(message.clientMessageId);
      let fresh: TranscriptEntry[] | undefined;
      const { repeated, result } = answered.answer(sessionId, clientMessageId, async (): Promise<Turn> => {
        const address = typeof message.address === 'string' ? message.address : undefined;
        const outcome = await service.chat({ sessionId, text: String(message.text), ...(address ? { address } : {}) });
        if (!outcome.ok) return { ok: false, problem: outcome.code === 'unknown_session' ? problems.unknownSession : problems.internal };
        fresh = outcome.entries;
        return { ok: true, seqs: outcome.entries.map((entry) => entry.seq), progress: outcome.response.form?.progress ?? null };
      });
      if (!repeated) await reply(bot, message, { type: 'typing' });
      const outcome = await result;
      if (!outcome.ok) {
        await reply(bot, message, errorFrame(outcome.problem, clientMessageId));
        return;
      }
      const entries = fresh ?? (await storedEntries(sessionId, outcome.seqs));
      if (entries.length === 0) await reply(bot, message, { type: 'received', replyTo: clientMessageId });
      for (const entry of entries) await reply(bot, message, messageFrame(entry, clientMessageId, outcome.progress));
    }),
  );

  controller.on(
    'hello',
    guarded('hello', async (bot, message) => {
      const sessionId = String(message.user);
      const session = await store.get(sessionId);
      if (session === undefined) {
        await reply(bot, message, errorFrame(problems.unknownSession));
        for (const socket of sockets.get(sessionId) ?? []) socket.close(closeCodes.unknownSession, 'session');
        return;
      }
      const lastSeq = Number(message.lastSeq);
      // The assistant's and an agent's messages missed while away; the person's own words they have.
      for (const entry of session.transcript) {
        if (entry.from !== 'user' && entry.seq > lastSeq) await reply(bot, message, messageFrame(entry));
      }
      const queue = await service.queueStatus(sessionId);
      if (queue !== null) {
        toldQueue.set(sessionId, queue);
        await reply(bot, message, { type: 'queue', queue });
      }
    }),
  );

  return {
    async close() {
      adapter.stopHeartbeat();
      stopWatchingQueue?.();
      clearInterval(queueResync);
      for (const open of sockets.values()) for (const socket of open) socket.close(closeCodes.goingAway, 'shutdown');
      for (const unsubscribe of unsubscribes.values()) unsubscribe();
      unsubscribes.clear();
      await new Promise<void>((resolve) => socketServer.close(resolve));
      await controller.shutdown();
    },
  };
}
