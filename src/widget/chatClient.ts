import { maxMessageLength, messageLength } from '../engine/messageLength.js';
import { Outbox } from './outbox.js';
import { errorOf, parseChatReplied, parseServerEvent, parseSessionOpened, parseUpdates, type BotReply, type Progress, type QueueStatus, type SessionOpened } from './protocol.js';
import { reconnectDelay } from './reconnectDelay.js';
import { SeqTracker } from './seqTracker.js';
import type { WidgetMessageId } from './widgetMessageIds.js';
import type { WidgetStorage } from './widgetStorage.js';


/** Websocket attempts that never opened before the widget falls back to the JSON API for the page's lifetime. */
export const socketFailuresBeforeFallback = 3;

/**
 * A connection can die without closing (a router that lost its uplink, a phone between cells): the client pings
 * this often and, when nothing at all comes back within `pongWithinMs`, takes the connection for lost.
 */
export const heartbeatEveryMs = 15_000;
export const pongWithinMs = 5_000;

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'fallback' | 'offline';

export type ChatEntry =
  | { kind: 'user'; key: string; text: string; pending: boolean }
  | ({ kind: 'bot'; key: string } & BotReply)
  | { kind: 'notice'; key: string; messageId: WidgetMessageId };

/** Something the person must be told; `restore` is text to put back in the input so nothing typed is lost. */
export type Problem =
  | { kind: 'wording'; messageId: WidgetMessageId; values?: Record<string, string | number>; restore: string | null }
  | { kind: 'server'; text: string; restore: string | null };

/** What the view is told; the client never touches the DOM. */
export interface ChatListener {
  /** The whole conversation, after the session was opened or resumed. */
  reset(entries: ChatEntry[]): void;
  added(entry: ChatEntry): void;
  /** The server answered this message: it is no longer pending. */
  delivered(clientMessageId: string): void;
  /** The message could not be sent and its text went back to the input. */
  withdrawn(clientMessageId: string): void;
  typing(active: boolean): void;
  status(status: ConnectionStatus): void;
  /** Where the person is in an application (null: none under way). */
  progress(progress: Progress): void;
  /** Where the conversation stands with hotline agents (null: not queued or held). */
  queue(status: QueueStatus | null): void;
  problem(problem: Problem): void;
}

/** The part of the browser WebSocket the client uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
}

/** Whether the device has a network, as the browser tells (navigator.onLine and the online/offline events). */
export interface NetworkLike {
  online(): boolean;
  watch(listener: (online: boolean) => void): void;
}

export type ChatClientDeps = {
  /** Origin of the assistant server, e.g. https://assistant.example.gov.cn */
  baseUrl: string;
  region: string | null;
  storage: WidgetStorage;
  listener: ChatListener;
  fetch: typeof fetch;
  /** Missing where the browser has no websockets: the JSON API is used from the start. */
  WebSocket: (new (url: string) => SocketLike) | undefined;
  /** Runs `callback` after `ms`; returns a cancel function. */
  setTimer(callback: () => void, ms: number): () => void;
  newId(): string;
  random?: () => number;
  /** Missing: the network is taken as always there, and only a closed socket tells otherwise. */
  network?: NetworkLike;
};

const socketOpen = 1;

/** Non-JSON bodies (a proxy's HTML error page) read as "no body" so the caller shows the generic message. */
async function jsonOf(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/**
 * One person's conversation with the assistant: opens or resumes the session, talks over the websocket,
 * reconnects with backoff, resends what was not answered, and falls back to the JSON API where websockets fail.
 */
export class ChatClient {
  private session: { sessionId: string | null; token: string | null } = { sessionId: null, token: null };
  private outbox = new Outbox();
  private seq = new SeqTracker();
  private socket: SocketLike | null = null;
  private mode: 'socket' | 'http' = 'socket';
  private started = false;
  private stopped = false;
  private sessionOpen = false;
  private failedSockets = 0;
  private everOpened = false;
  private attempt = 0;
  private cancelTimer: (() => void) | null = null;
  private draining = false;
  private replyCount = 0;
  private networkDown = false;
  private cancelHeartbeat: (() => void) | null = null;
  /** Whether any frame arrived since the last ping. */
  private heard = false;
  /** On the JSON API: a long poll for pushed messages (an agent's words, a late record number) is out. */
  private polling = false;

  constructor(private readonly deps: ChatClientDeps) {}

  /** Opens (or resumes) the conversation; safe to call more than once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.deps.network) {
      this.networkDown = !this.deps.network.online();
      this.deps.network.watch((online) => this.networkChanged(online));
    }
    const saved = this.deps.storage.loadConversation();
    if (saved) {
      this.session = { sessionId: saved.sessionId, token: saved.token };
      this.outbox = new Outbox(saved.outbox);
      this.seq = new SeqTracker(saved.lastSeq);
    }
    void this.openSession();
  }

  send(text: string): void {
    // Loads what a previous page left first, so this message joins the stored outbox instead of replacing it.
    this.start();
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (messageLength(trimmed) > maxMessageLength) {
      this.deps.listener.problem({ kind: 'wording', messageId: 'widget.error.tooLong', values: { max: maxMessageLength }, restore: text });
      return;
    }
    const message = { clientMessageId: this.deps.newId(), text: trimmed };
    this.outbox.add(message);
    this.persist();
    this.deps.listener.added({ kind: 'user', key: message.clientMessageId, text: trimmed, pending: true });
    if (!this.sessionOpen) return;
    if (this.mode === 'socket') {
      if (this.socket?.readyState === socketOpen) this.sendOverSocket(message.clientMessageId, trimmed);
    } else if (!this.networkDown) {
      // Offline, the message waits in the outbox (shown as pending) and goes out when the network is back.
      void this.drainOverHttp();
    }
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.dropSocket();
  }

  /**
   * The browser knows at once when the device loses its network, while an open websocket can take minutes to
   * notice: the person is told straight away, and the client reconnects as soon as the network returns.
   */
  private networkChanged(online: boolean): void {
    if (this.stopped || online === !this.networkDown) return;
    this.networkDown = !online;
    if (!online) {
      this.deps.listener.status('offline');
      this.dropSocket();
      // Keeps trying in case the browser never says the network is back; the online event cuts the wait short.
      this.retryLater(() => void this.openSession());
      return;
    }
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.attempt = 0;
    if (this.mode === 'http') {
      this.deps.listener.status('fallback');
      void this.drainOverHttp();
      void this.poll();
      return;
    }
    this.deps.listener.status(this.sessionOpen ? 'reconnecting' : 'connecting');
    void this.openSession();
  }

  private lostStatus(): ConnectionStatus {
    return this.networkDown || !this.sessionOpen ? 'offline' : 'reconnecting';
  }

  /**
   * Opens the session at start, and again before every reconnect: that renews the websocket token, and tells
   * when the server has let the session expire meanwhile.
   */
  private async openSession(): Promise<void> {
    if (!this.sessionOpen && this.attempt === 0) this.deps.listener.status('connecting');
    const body: Record<string, string> = {};
    if (this.session.sessionId) body.sessionId = this.session.sessionId;
    if (this.session.token) body.token = this.session.token;
    if (this.deps.region) body.region = this.deps.region;
    let response: Response;
    try {
      response = await this.deps.fetch(`${this.deps.baseUrl}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      this.deps.listener.status(this.lostStatus());
      this.retryLater(() => void this.openSession());
      return;
    }
    const json = await jsonOf(response);
    const opened = response.ok ? parseSessionOpened(json) : null;
    if (!opened) {
      this.deps.listener.status('offline');
      const error = errorOf(json);
      // Server trouble and rate limits pass; a refusal (e.g. a region code the page got wrong) does not.
      if (response.status >= 500 || response.status === 429 || !error) this.retryLater(() => void this.openSession());
      this.deps.listener.problem(
        error ? { kind: 'server', text: error.message, restore: null } : { kind: 'wording', messageId: 'widget.error.generic', restore: null },
      );
      return;
    }
    if (!this.sessionOpen || opened.sessionId !== this.session.sessionId) {
      // Backoff restarts once the page has its conversation; while reconnecting it keeps growing until a socket opens.
      if (!this.sessionOpen) this.attempt = 0;
      this.resume(opened);
    } else {
      this.session = { sessionId: opened.sessionId, token: opened.token };
      this.persist();
    }
    this.connect();
  }

  /** Shows the stored conversation plus whatever the person sent that the server has not answered yet. */
  private resume(opened: SessionOpened): void {
    const renewed = this.session.sessionId !== null && this.session.sessionId !== opened.sessionId;
    const knownLastSeq = this.seq.lastSeq;
    if (renewed) this.outbox.clear();
    this.session = { sessionId: opened.sessionId, token: opened.token };
    this.sessionOpen = true;
    this.seq = new SeqTracker(Math.max(0, ...opened.transcript.map((entry) => entry.seq)));
    const entries: ChatEntry[] = opened.transcript.map((entry) =>
      entry.from === 'user'
        ? { kind: 'user', key: `seq-${entry.seq}`, text: entry.text, pending: false }
        : { kind: 'bot', key: `seq-${entry.seq}`, text: entry.text, quickReplies: entry.quickReplies, expects: entry.expects, sources: entry.sources, agentName: entry.agentName },
    );
    // A message the server stored just before the connection dropped is already in the transcript: show it once.
    const unseenUserTexts = opened.transcript
      .filter((entry) => entry.from === 'user' && entry.seq > knownLastSeq)
      .map((entry) => entry.text);
    for (const message of this.outbox.messages()) {
      const shown = unseenUserTexts.indexOf(message.text);
      if (shown === -1) entries.push({ kind: 'user', key: message.clientMessageId, text: message.text, pending: true });
      else unseenUserTexts.splice(shown, 1);
    }
    if (renewed) entries.push({ kind: 'notice', key: `notice-${opened.sessionId}`, messageId: 'widget.notice.sessionRenewed' });
    this.deps.listener.reset(entries);
    if (opened.progress !== undefined) this.deps.listener.progress(opened.progress);
    if (opened.queue !== undefined) this.deps.listener.queue(opened.queue);
    this.persist();
  }

  private connect(): void {
    if (this.stopped || this.socket !== null) return;
    if (this.mode === 'http') {
      void this.poll();
      return;
    }
    const Socket = this.deps.WebSocket;
    if (!Socket) {
      this.enterFallback();
      return;
    }
    const url = `${this.deps.baseUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(this.session.token ?? '')}`;
    const socket = new Socket(url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.everOpened = true;
      this.failedSockets = 0;
      this.attempt = 0;
      this.deps.listener.status('online');
      socket.send(JSON.stringify({ type: 'hello', lastSeq: this.seq.lastSeq }));
      for (const message of this.outbox.messages()) this.sendOverSocket(message.clientMessageId, message.text);
      this.beat(socket);
    };
    socket.onmessage = (event) => {
      this.heard = true;
      this.receive(event.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.dropSocket();
      if (this.stopped) return;
      if (!opened) this.failedSockets += 1;
      // Never open on this page: websockets are blocked on the way. Open before: the network or server dropped,
      // the JSON API would fail the same way, so keep reconnecting while messages wait in the outbox.
      if (!this.everOpened && this.failedSockets >= socketFailuresBeforeFallback) {
        this.enterFallback();
        return;
      }
      this.deps.listener.status(this.lostStatus());
      this.retryLater(() => void this.openSession());
    };
  }

  /** Forgets the socket (its close event is then ignored) and closes it. */
  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.cancelHeartbeat?.();
    this.cancelHeartbeat = null;
    this.deps.listener.typing(false);
    socket?.close();
  }

  private beat(socket: SocketLike): void {
    this.cancelHeartbeat = this.deps.setTimer(() => {
      this.heard = false;
      socket.send(JSON.stringify({ type: 'ping' }));
      this.cancelHeartbeat = this.deps.setTimer(() => {
        if (this.heard) {
          this.beat(socket);
          return;
        }
        // Silence: the connection died without closing. Reconnecting tells the truth either way.
        this.dropSocket();
        this.deps.listener.status(this.lostStatus());
        this.retryLater(() => void this.openSession());
      }, pongWithinMs);
    }, heartbeatEveryMs);
  }

  private receive(data: unknown): void {
    const event = parseServerEvent(data);
    if (!event || event.type === 'pong') return;
    // Not an answer: the typing indicator stays as it is.
    if (event.type === 'queue') {
      this.deps.listener.queue(event.queue);
      return;
    }
    if (event.type === 'typing') {
      this.deps.listener.typing(true);
      return;
    }
    this.deps.listener.typing(false);
    if (event.type === 'error') {
      this.refused(event);
      return;
    }
    // Held by an agent, a message is answered later by a person: it is delivered, no longer pending.
    if (event.type === 'received') {
      if (this.outbox.acknowledge(event.replyTo)) this.deps.listener.delivered(event.replyTo);
      this.persist();
      return;
    }
    if (event.replyTo !== null && this.outbox.acknowledge(event.replyTo)) this.deps.listener.delivered(event.replyTo);
    if (this.seq.accept(event.seq)) {
      const { text, quickReplies, expects, sources, agentName } = event;
      this.deps.listener.added({ kind: 'bot', key: `seq-${event.seq}`, text, quickReplies, expects, sources, agentName });
      if (event.progress !== undefined) this.deps.listener.progress(event.progress);
      if (event.queue !== undefined) this.deps.listener.queue(event.queue);
    }
    this.persist();
  }

  /**
   * A refusal naming a message the person sent: its text goes back to the input with the server's reason.
   * Refusals of the socket itself (expired token, forgotten session) close it, and reconnecting deals with them.
   */
  private refused(event: { code: string; message: string; replyTo: string | null }): void {
    const refusedMessage = this.outbox.messages().find((message) => message.clientMessageId === event.replyTo);
    if (!refusedMessage) {
      console.warn('[gongji-widget] the server refused a frame', event.code);
      return;
    }
    this.outbox.acknowledge(refusedMessage.clientMessageId);
    this.persist();
    this.deps.listener.withdrawn(refusedMessage.clientMessageId);
    this.deps.listener.problem({ kind: 'server', text: event.message, restore: refusedMessage.text });
  }

  private sendOverSocket(clientMessageId: string, text: string): void {
    this.socket?.send(JSON.stringify({ type: 'message', text, clientMessageId }));
  }

  private enterFallback(): void {
    this.mode = 'http';
    this.deps.listener.status(this.networkDown ? 'offline' : 'fallback');
    if (!this.networkDown) {
      void this.drainOverHttp();
      void this.poll();
    }
  }

  /**
   * Without a websocket, what the server says later (an agent's words, the place in the queue, a late record number)
   * comes by long poll: one request out at a time, answered when something arrives or after 25 s, then the next.
   */
  private async poll(): Promise<void> {
    if (this.polling || this.stopped || this.mode !== 'http' || this.networkDown || this.session.token === null) return;
    this.polling = true;
    let response: Response;
    try {
      response = await this.deps.fetch(`${this.deps.baseUrl}/api/v1/updates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: this.session.token, after: this.seq.lastSeq }),
      });
    } catch {
      this.polling = false;
      this.retryLater(() => void this.poll());
      return;
    }
    const updates = response.ok ? parseUpdates(await jsonOf(response)) : null;
    this.polling = false;
    if (updates === null) {
      // An expired token or a forgotten conversation: opening the session again renews both, then polling resumes.
      this.retryLater(() => void (response.status === 401 || response.status === 404 ? this.openSession() : this.poll()));
      return;
    }
    this.attempt = 0;
    for (const message of updates.messages) {
      if (!this.seq.accept(message.seq)) continue;
      const { text, quickReplies, expects, sources, agentName } = message;
      this.deps.listener.added({ kind: 'bot', key: `seq-${message.seq}`, text, quickReplies, expects, sources, agentName });
    }
    this.deps.listener.queue(updates.queue);
    this.persist();
    void this.poll();
  }

  /** Sends waiting messages one by one, in order, over POST /api/v1/chat. */
  private async drainOverHttp(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let message = this.outbox.messages()[0]; message; message = this.outbox.messages()[0]) {
        const sent = await this.postChat(message.clientMessageId, message.text);
        if (!sent) return;
      }
    } finally {
      this.draining = false;
    }
  }

  /** False when the network failed: every waiting text then goes back to the input, nothing is lost. */
  private async postChat(clientMessageId: string, text: string): Promise<boolean> {
    this.deps.listener.typing(true);
    let response: Response;
    try {
      response = await this.deps.fetch(`${this.deps.baseUrl}/api/v1/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: this.session.sessionId ?? undefined, text, region: this.deps.region ?? undefined }),
      });
    } catch {
      this.deps.listener.typing(false);
      const waiting = this.outbox.messages();
      this.outbox.clear();
      this.persist();
      for (const message of waiting) this.deps.listener.withdrawn(message.clientMessageId);
      this.deps.listener.problem({
        kind: 'wording',
        messageId: 'widget.error.network',
        restore: waiting.map((message) => message.text).join(' '),
      });
      return false;
    }
    const json = await jsonOf(response);
    this.deps.listener.typing(false);
    this.outbox.acknowledge(clientMessageId);
    const replied = response.ok ? parseChatReplied(json) : null;
    if (!replied) {
      const error = errorOf(json);
      // The session expired on the server: the next message starts a new one instead of failing again.
      if (error?.code === 'unknown_session') this.session = { sessionId: null, token: null };
      this.persist();
      this.deps.listener.withdrawn(clientMessageId);
      this.deps.listener.problem(
        error ? { kind: 'server', text: error.message, restore: text } : { kind: 'wording', messageId: 'widget.error.generic', restore: text },
      );
      return true;
    }
    this.session = { ...this.session, sessionId: replied.sessionId };
    this.persist();
    this.deps.listener.delivered(clientMessageId);
    for (const { seq, ...reply } of replied.replies) {
      // A reply the long poll already brought is shown once.
      if (seq !== null && !this.seq.accept(seq)) continue;
      this.replyCount += 1;
      this.deps.listener.added({ kind: 'bot', key: seq === null ? `reply-${this.replyCount}` : `seq-${seq}`, ...reply });
    }
    if (replied.progress !== undefined) this.deps.listener.progress(replied.progress);
    if (replied.queue !== undefined) this.deps.listener.queue(replied.queue);
    return true;
  }

  private retryLater(action: () => void): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    const delay = reconnectDelay(this.attempt, this.deps.random);
    this.attempt += 1;
    this.cancelTimer = this.deps.setTimer(() => {
      this.cancelTimer = null;
      action();
    }, delay);
  }

  private persist(): void {
    this.deps.storage.saveConversation({ ...this.session, lastSeq: this.seq.lastSeq, outbox: [...this.outbox.messages()] });
  }
}
