import { describe, expect, it } from 'vitest';
import { ChatClient, heartbeatEveryMs, pongWithinMs, socketFailuresBeforeFallback, type ChatEntry, type ChatListener, type ConnectionStatus, type Problem, type SocketLike } from '../../src/widget/chatClient.js';
import type { Progress, QueueStatus } from '../../src/widget/protocol.js';
import { WidgetStorage, type KeyValueStorage } from '../../src/widget/widgetStorage.js';

/** A browser WebSocket stand-in the test opens, feeds and drops by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(): void {
    this.drop();
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(frame: Record<string, unknown>): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  drop(): void {
    this.readyState = 3;
    // Node 20 has no CloseEvent; the client reads nothing from it.
    this.onclose?.(new Event('close') as CloseEvent);
  }
}

type Transcript = { seq: number; from: 'user' | 'bot'; text: string; quickReplies?: string[]; expects?: string }[];

/** The browser's online/offline events, switched by the test. */
class FakeNetwork {
  private listeners: ((online: boolean) => void)[] = [];
  constructor(private isOnline = true) {}
  online = () => this.isOnline;
  watch = (listener: (online: boolean) => void) => void this.listeners.push(listener);
  set(online: boolean): void {
    this.isOnline = online;
    for (const listener of this.listeners) listener(online);
  }
}

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return { getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value), removeItem: (key) => void data.delete(key) };
}

/** One page load: a client wired to fakes, recording what the view would show. */
function pageLoad(options: {
  storage: KeyValueStorage;
  transcript?: Transcript;
  sessionId?: string;
  websockets?: boolean;
  chat?: (body: Record<string, unknown>) => Response | Promise<Response>;
  /** Message ids are random in the browser; a second page load in one test gets its own prefix. */
  idPrefix?: string;
  /** The `form` of the session open answer (left out when undefined, as an older server does). */
  form?: unknown;
  network?: FakeNetwork;
  /** The long poll's answer (POST /api/v1/updates); by default it never answers, like a poll with nothing new yet. */
  updates?: (body: Record<string, unknown>) => Response | Promise<Response>;
}) {
  const sockets: FakeSocket[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const requests: { path: string; body: Record<string, unknown> }[] = [];
  const shown: ChatEntry[] = [];
  const statuses: ConnectionStatus[] = [];
  const problems: Problem[] = [];
  const delivered: string[] = [];
  const withdrawn: string[] = [];
  const progress: Progress[] = [];
  const queue: (QueueStatus | null)[] = [];
  let ids = 0;
  const listener: ChatListener = {
    reset: (entries) => shown.splice(0, shown.length, ...entries),
    added: (entry) => shown.push(entry),
    delivered: (id) => {
      delivered.push(id);
      const entry = shown.find((candidate) => candidate.key === id);
      if (entry?.kind === 'user') entry.pending = false;
    },
    withdrawn: (id) => {
      withdrawn.push(id);
      shown.splice(shown.findIndex((entry) => entry.key === id), 1);
    },
    typing: () => undefined,
    status: (status) => statuses.push(status),
    progress: (value) => progress.push(value),
    queue: (value) => queue.push(value),
    problem: (problem) => problems.push(problem),
  };
  const fetch = (async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    requests.push({ path, body });
    if (path === '/api/v1/session') {
      const sessionId = options.sessionId ?? 's1';
      if (options.network?.online() === false) throw new TypeError('Failed to fetch');
      return Response.json({ sessionId, token: `token-${sessionId}`, transcript: options.transcript ?? [], ...(options.form === undefined ? {} : { form: options.form }) });
    }
    if (path === '/api/v1/updates') return options.updates ? options.updates(body) : new Promise<Response>(() => undefined);
    if (!options.chat) throw new Error(`unexpected ${path}`);
    return options.chat(body);
  }) as typeof globalThis.fetch;
  const client = new ChatClient({
    baseUrl: 'http://127.0.0.1:3000',
    region: '210200',
    storage: new WidgetStorage(options.storage, 'test'),
    listener,
    fetch,
    WebSocket:
      options.websockets === false
        ? undefined
        : class extends FakeSocket {
            constructor(url: string) {
              super(url);
              sockets.push(this);
            }
          },
    setTimer: (callback, ms) => {
      const timer = { callback, ms };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
    newId: () => `${options.idPrefix ?? 'm'}${++ids}`,
    random: () => 0.5,
    ...(options.network ? { network: options.network } : {}),
  });
  const lastSocket = (): FakeSocket => {
    const socket = sockets[sockets.length - 1];
    if (!socket) throw new Error('no socket was opened');
    return socket;
  };
  const runNextTimer = (): number => {
    const timer = timers.shift();
    if (!timer) throw new Error('no timer is waiting');
    timer.callback();
    return timer.ms;
  };
  const texts = () => shown.map((entry) => (entry.kind === 'notice' ? `[${entry.messageId}]` : `${entry.kind}:${entry.text}`));
  return { client, sockets, lastSocket, runNextTimer, timers, requests, shown, texts, statuses, problems, delivered, withdrawn, progress, queue };
}

/** Lets the awaited fetch of the session open settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const greeting: Transcript = [{ seq: 1, from: 'bot', text: '您好，我是共济助手。', quickReplies: ['我要办理绑定'] }];

describe('widget chat client over the websocket', () => {
  it('resumes the session, shows the transcript, and says hello with the last seq it has', async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting });
    page.client.start();
    await settle();
    expect(page.requests[0]).toEqual({ path: '/api/v1/session', body: { region: '210200' } });
    expect(page.texts()).toEqual(['bot:您好，我是共济助手。']);
    expect(page.lastSocket().url).toBe('ws://127.0.0.1:3000/ws?token=token-s1');
    page.lastSocket().open();
    expect(page.lastSocket().sent).toEqual([{ type: 'hello', lastSeq: 1 }]);
    expect(page.statuses).toEqual(['connecting', 'online']);
  });

  it('shows a sent message at once, and the answer once it arrives', async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting });
    page.client.start();
    await settle();
    page.lastSocket().open();
    page.client.send('  我要办理绑定 ');
    expect(page.shown.at(-1)).toEqual({ kind: 'user', key: 'm1', text: '我要办理绑定', pending: true });
    expect(page.lastSocket().sent.at(-1)).toEqual({ type: 'message', text: '我要办理绑定', clientMessageId: 'm1' });
    page.lastSocket().receive({ type: 'message', text: '请问您的姓名？', seq: 3, replyTo: 'm1' });
    expect(page.delivered).toEqual(['m1']);
    expect(page.texts()).toEqual(['bot:您好，我是共济助手。', 'user:我要办理绑定', 'bot:请问您的姓名？']);
  });

  it('takes a message an agent will answer as delivered: it no longer shows as waiting to be sent', async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting });
    page.client.start();
    await settle();
    page.lastSocket().open();
    page.client.send('有人吗');
    expect(page.delivered).toEqual([]);
    page.lastSocket().receive({ type: 'received', replyTo: 'm1' });
    expect(page.delivered).toEqual(['m1']);
  });

  it('loses and repeats nothing across a dropped connection', async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting });
    page.client.start();
    await settle();
    page.lastSocket().open();
    page.client.send('我要办理绑定');
    page.lastSocket().receive({ type: 'message', text: '请问您的姓名？', seq: 3, replyTo: 'm1' });
    page.lastSocket().drop();
    expect(page.statuses.at(-1)).toBe('reconnecting');
    page.client.send('张三');
    expect(page.shown.at(-1)).toMatchObject({ text: '张三', pending: true });

    expect(page.runNextTimer()).toBe(500);
    await settle();
    const second = page.lastSocket();
    second.open();
    expect(second.sent).toEqual([
      { type: 'hello', lastSeq: 3 },
      { type: 'message', text: '张三', clientMessageId: 'm2' },
    ]);
    // The server had stored 张三 before the drop: it resends the earlier reply and answers the repeated id once.
    second.receive({ type: 'message', text: '请问您的姓名？', seq: 3 });
    second.receive({ type: 'message', text: '请输入您的身份证号码。', seq: 5, replyTo: 'm2' });
    second.receive({ type: 'message', text: '请输入您的身份证号码。', seq: 5, replyTo: 'm2' });
    expect(page.texts()).toEqual(['bot:您好，我是共济助手。', 'user:我要办理绑定', 'bot:请问您的姓名？', 'user:张三', 'bot:请输入您的身份证号码。']);
    expect(page.shown.some((entry) => entry.kind === 'user' && entry.pending)).toBe(false);
  });

  it('backs off from half a second to eight while a connection that worked stays down, without giving up', async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting });
    page.client.start();
    await settle();
    page.lastSocket().open();
    const delays: number[] = [];
    for (let drop = 0; drop < 7; drop += 1) {
      page.lastSocket().drop();
      delays.push(page.runNextTimer());
      await settle();
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(page.statuses).not.toContain('fallback');
    // Every reconnect first renews the session token.
    expect(page.requests.filter((request) => request.path === '/api/v1/session')).toHaveLength(8);
    page.lastSocket().open();
    page.lastSocket().drop();
    expect(page.runNextTimer()).toBe(500);
  });

  it('after a reload resends what was not answered, showing it once even if the server already has it', async () => {
    const storage = memoryStorage();
    const before = pageLoad({ storage, transcript: greeting });
    before.client.start();
    await settle();
    before.lastSocket().open();
    before.client.send('我要办理绑定');
    before.client.send('张三');
    before.client.stop();

    const after = pageLoad({
      storage,
      transcript: [...greeting, { seq: 2, from: 'user', text: '我要办理绑定' }, { seq: 3, from: 'bot', text: '请问您的姓名？' }],
    });
    after.client.start();
    await settle();
    expect(after.requests[0]?.body).toEqual({ sessionId: 's1', token: 'token-s1', region: '210200' });
    expect(after.texts()).toEqual(['bot:您好，我是共济助手。', 'user:我要办理绑定', 'bot:请问您的姓名？', 'user:张三']);
    after.lastSocket().open();
    expect(after.lastSocket().sent).toEqual([
      { type: 'hello', lastSeq: 3 },
      { type: 'message', text: '我要办理绑定', clientMessageId: 'm1' },
      { type: 'message', text: '张三', clientMessageId: 'm2' },
    ]);
    after.lastSocket().receive({ type: 'message', text: '请问您的姓名？', seq: 3, replyTo: 'm1' });
    after.lastSocket().receive({ type: 'message', text: '请输入您的身份证号码。', seq: 5, replyTo: 'm2' });
    expect(after.texts()).toEqual(['bot:您好，我是共济助手。', 'user:我要办理绑定', 'bot:请问您的姓名？', 'user:张三', 'bot:请输入您的身份证号码。']);
  });

  it('keeps a message typed before the conversation was opened together with what a previous page left', async () => {
    const storage = memoryStorage();
    const before = pageLoad({ storage, transcript: greeting });
    before.client.start();
    await settle();
    before.client.send('第一句');
    before.client.stop();
    const after = pageLoad({ storage, transcript: greeting, idPrefix: 'n' });
    after.client.send('第二句');
    await settle();
    after.lastSocket().open();
    expect(after.lastSocket().sent.slice(1)).toEqual([
      { type: 'message', text: '第一句', clientMessageId: 'm1' },
      { type: 'message', text: '第二句', clientMessageId: 'n1' },
    ]);
  });

  it('starts over politely when the stored session has expired on the server', async () => {
    const storage = memoryStorage();
    const before = pageLoad({ storage, transcript: greeting });
    before.client.start();
    await settle();
    before.client.send('张三');
    before.client.stop();
    const after = pageLoad({ storage, transcript: greeting, sessionId: 's2' });
    after.client.start();
    await settle();
    expect(after.texts()).toEqual(['bot:您好，我是共济助手。', '[widget.notice.sessionRenewed]']);
    after.lastSocket().open();
    expect(after.lastSocket().sent).toEqual([{ type: 'hello', lastSeq: 1 }]);
  });

  it("shows the server's refusal of a message and gives its text back", async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting });
    page.client.start();
    await settle();
    page.lastSocket().open();
    page.client.send('你好\u0007');
    page.lastSocket().receive({ type: 'error', code: 'invalid_text', message: '消息里有无法识别的字符，请重新输入。', replyTo: 'm1' });
    expect(page.withdrawn).toEqual(['m1']);
    expect(page.problems).toEqual([{ kind: 'server', text: '消息里有无法识别的字符，请重新输入。', restore: '你好\u0007' }]);
    expect(page.texts()).toEqual(['bot:您好，我是共济助手。']);
  });

  it('refuses an over-long message before sending and gives the text back', async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting });
    page.client.start();
    await settle();
    page.lastSocket().open();
    const long = '我'.repeat(501);
    page.client.send(long);
    expect(page.problems).toEqual([{ kind: 'wording', messageId: 'widget.error.tooLong', values: { max: 500 }, restore: long }]);
    expect(page.lastSocket().sent).toEqual([{ type: 'hello', lastSeq: 1 }]);
  });
});

describe('widget chat client falling back to the JSON API', () => {
  const answering = (body: Record<string, unknown>) =>
    Response.json({ sessionId: 's1', replies: [{ text: `收到：${String(body.text)}`, quickReplies: ['是'] }], understanding: {}, form: null });

  it(`falls back after ${socketFailuresBeforeFallback} websocket attempts that never open, and still answers`, async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting, chat: answering });
    page.client.start();
    await settle();
    page.client.send('什么是家庭共济');
    for (let attempt = 1; attempt < socketFailuresBeforeFallback; attempt += 1) {
      page.lastSocket().drop();
      page.runNextTimer();
      await settle();
    }
    page.lastSocket().drop();
    await settle();
    expect(page.statuses.at(-1)).toBe('fallback');
    expect(page.requests.filter((request) => request.path === '/api/v1/chat')).toEqual([{ path: '/api/v1/chat', body: { sessionId: 's1', text: '什么是家庭共济', region: '210200' } }]);
    expect(page.texts()).toEqual(['bot:您好，我是共济助手。', 'user:什么是家庭共济', 'bot:收到：什么是家庭共济']);
    expect(page.shown.at(-1)).toMatchObject({ quickReplies: [{ title: '是', payload: '是' }] });
    expect(page.delivered).toEqual(['m1']);
  });

  it('uses the JSON API from the start where the browser has no websockets, in the order things were said', async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting, websockets: false, chat: answering });
    page.client.start();
    await settle();
    expect(page.statuses).toEqual(['connecting', 'fallback']);
    page.client.send('第一句');
    page.client.send('第二句');
    await settle();
    await settle();
    expect(page.requests.filter((request) => request.path === '/api/v1/chat').map((request) => request.body.text)).toEqual(['第一句', '第二句']);
    expect(page.texts().slice(1)).toEqual(['user:第一句', 'user:第二句', 'bot:收到：第一句', 'bot:收到：第二句']);
  });

  it('gives the text back with a clear message when the network fails', async () => {
    const page = pageLoad({
      storage: memoryStorage(),
      transcript: greeting,
      websockets: false,
      chat: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    page.client.start();
    await settle();
    page.client.send('我要办理绑定');
    await settle();
    expect(page.withdrawn).toEqual(['m1']);
    expect(page.texts()).toEqual(['bot:您好，我是共济助手。']);
    expect(page.problems).toEqual([{ kind: 'wording', messageId: 'widget.error.network', restore: '我要办理绑定' }]);
  });

  it("shows the server's Chinese error and gives the text back", async () => {
    const page = pageLoad({
      storage: memoryStorage(),
      transcript: greeting,
      websockets: false,
      chat: () => Response.json({ error: { code: 'rate_limited', message: '您发送得太快了，请稍后再试。' } }, { status: 429 }),
    });
    page.client.start();
    await settle();
    page.client.send('你好');
    await settle();
    expect(page.problems).toEqual([{ kind: 'server', text: '您发送得太快了，请稍后再试。', restore: '你好' }]);
    expect(page.withdrawn).toEqual(['m1']);
  });
});

describe('widget chat client: a hotline agent takes the conversation', () => {
  it('shows the agent\'s name on their messages and where the person stands in the queue, over the websocket', async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting });
    page.client.start();
    await settle();
    page.lastSocket().open();
    page.client.send('转人工');
    page.lastSocket().receive({ type: 'message', text: '已为您排队', seq: 3, replyTo: 'm1', queue: { state: 'waiting', place: 2, estimateMinutes: 8 } });
    page.lastSocket().receive({ type: 'queue', queue: { state: 'waiting', place: 1, estimateMinutes: 4 } });
    page.lastSocket().receive({ type: 'message', text: '人工客服 A1B2 已接入', seq: 4, queue: { state: 'claimed', agentName: '人工客服 A1B2' } });
    page.lastSocket().receive({ type: 'message', text: '您好，我来帮您', seq: 5, from: 'agent', agentName: '人工客服 A1B2' });
    expect(page.queue).toEqual([
      { state: 'waiting', place: 2, estimateMinutes: 8 },
      { state: 'waiting', place: 1, estimateMinutes: 4 },
      { state: 'claimed', agentName: '人工客服 A1B2' },
    ]);
    expect(page.shown.at(-1)).toMatchObject({ kind: 'bot', text: '您好，我来帮您', agentName: '人工客服 A1B2' });
    expect(page.shown.at(-2)).toMatchObject({ agentName: null });
  });

  it('in the JSON fallback, long-polls for what comes later and shows each message once', async () => {
    const polls: Record<string, unknown>[] = [];
    let answerPoll: ((response: Response) => void) | undefined;
    const page = pageLoad({
      storage: memoryStorage(),
      transcript: greeting,
      websockets: false,
      chat: () => Response.json({ sessionId: 's1', replies: [{ text: '已为您排队', seq: 3 }], form: null, queue: { state: 'waiting', place: 1, estimateMinutes: null } }),
      updates: (body) => {
        polls.push(body);
        return new Promise<Response>((resolve) => (answerPoll = resolve));
      },
    });
    page.client.start();
    await settle();
    expect(polls).toEqual([{ token: 'token-s1', after: 1 }]);
    page.client.send('转人工');
    await settle();
    expect(page.queue).toEqual([{ state: 'waiting', place: 1, estimateMinutes: null }]);
    // The poll that was out answers with the reply the chat answer already showed, and an agent's message.
    answerPoll!(
      Response.json({
        messages: [
          { seq: 3, from: 'bot', text: '已为您排队' },
          { seq: 4, from: 'agent', agentName: '人工客服 A1B2', text: '您好' },
        ],
        queue: { state: 'claimed', agentName: '人工客服 A1B2' },
      }),
    );
    await settle();
    await settle();
    expect(page.texts()).toEqual(['bot:您好，我是共济助手。', 'user:转人工', 'bot:已为您排队', 'bot:您好']);
    expect(page.shown.at(-1)).toMatchObject({ agentName: '人工客服 A1B2' });
    expect(page.queue.at(-1)).toEqual({ state: 'claimed', agentName: '人工客服 A1B2' });
    // The next poll asks for what comes after the last message shown.
    expect(polls.at(-1)).toEqual({ token: 'token-s1', after: 4 });
  });
});

describe('widget chat client: what each reply asks for, and the progress of an application', () => {
  it('passes on what a question expects, its sources and the progress a frame carries', async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting });
    page.client.start();
    await settle();
    page.lastSocket().open();
    page.client.send('我叫张三');
    const source = { title: '大连市医保局', url: 'https://ybj.dl.gov.cn/a', tier: 'A', verifiedAt: '2026-11-20' };
    const progress = { step: 2, of: 5, phase: '您的信息', members: 0 };
    page.lastSocket().receive({ type: 'message', text: '请输入您的18位身份证号码。', seq: 3, replyTo: 'm1', expects: 'id_number', sources: [source], progress });
    expect(page.shown.at(-1)).toEqual({ kind: 'bot', key: 'seq-3', text: '请输入您的18位身份证号码。', quickReplies: [], expects: 'id_number', sources: [source], agentName: null });
    expect(page.progress).toEqual([progress]);
    // A message that does not say (sent later, or by an older server) leaves the progress as it was.
    page.lastSocket().receive({ type: 'message', text: '好的', seq: 4 });
    expect(page.shown.at(-1)).toMatchObject({ expects: null, sources: [] });
    expect(page.progress).toEqual([progress]);
    page.lastSocket().receive({ type: 'message', text: '已取消。', seq: 5, progress: null });
    expect(page.progress).toEqual([progress, null]);
  });

  it('shows the progress of a resumed application, and what its last question expects', async () => {
    const progress = { step: 3, of: 5, phase: '家人信息', members: 1 };
    const transcript: Transcript = [...greeting, { seq: 2, from: 'user', text: '13812345678' }, { seq: 3, from: 'bot', text: '请输入11位手机号码', expects: 'phone' }];
    const page = pageLoad({ storage: memoryStorage(), transcript, form: { status: 'collecting', progress } });
    page.client.start();
    await settle();
    expect(page.progress).toEqual([progress]);
    expect(page.shown.at(-1)).toMatchObject({ kind: 'bot', expects: 'phone' });
    const none = pageLoad({ storage: memoryStorage(), transcript: greeting, form: null });
    none.client.start();
    await settle();
    expect(none.progress).toEqual([null]);
  });

  it('takes the progress from the JSON API answer in the fallback', async () => {
    const progress = { step: 1, of: 5, phase: '参保地', members: 0 };
    const page = pageLoad({
      storage: memoryStorage(),
      transcript: greeting,
      websockets: false,
      chat: () => Response.json({ sessionId: 's1', replies: [{ text: '您在哪个城市参保？', expects: 'text' }], understanding: {}, form: { progress } }),
    });
    page.client.start();
    await settle();
    page.client.send('我要办理绑定');
    await settle();
    expect(page.shown.at(-1)).toMatchObject({ text: '您在哪个城市参保？', expects: 'text' });
    expect(page.progress).toEqual([progress]);
  });
});

describe('widget chat client: the network going away and coming back', () => {
  it('says offline the moment the browser does, keeps what is typed, and sends it once, in order, when back', async () => {
    const network = new FakeNetwork();
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting, network });
    page.client.start();
    await settle();
    page.lastSocket().open();
    const first = page.lastSocket();
    network.set(false);
    expect(page.statuses.at(-1)).toBe('offline');
    expect(first.readyState).toBe(3);
    page.client.send('我要办理绑定');
    page.client.send('张三');
    expect(page.shown.slice(-2)).toMatchObject([{ text: '我要办理绑定', pending: true }, { text: '张三', pending: true }]);
    // The retry while still offline fails quietly and the state stays offline.
    page.runNextTimer();
    await settle();
    expect(page.statuses.at(-1)).toBe('offline');
    expect(page.sockets).toHaveLength(1);

    network.set(true);
    expect(page.statuses.at(-1)).toBe('reconnecting');
    await settle();
    const second = page.lastSocket();
    expect(second).not.toBe(first);
    second.open();
    expect(page.statuses.at(-1)).toBe('online');
    expect(second.sent).toEqual([
      { type: 'hello', lastSeq: 1 },
      { type: 'message', text: '我要办理绑定', clientMessageId: 'm1' },
      { type: 'message', text: '张三', clientMessageId: 'm2' },
    ]);
    expect(first.sent).toEqual([{ type: 'hello', lastSeq: 1 }]);
  });

  it('in the JSON fallback, holds messages typed offline instead of failing them, and posts them in order when back', async () => {
    const network = new FakeNetwork();
    const page = pageLoad({
      storage: memoryStorage(),
      transcript: greeting,
      websockets: false,
      network,
      chat: (body) => Response.json({ sessionId: 's1', replies: [{ text: `收到：${String(body.text)}` }], understanding: {}, form: null }),
    });
    page.client.start();
    await settle();
    network.set(false);
    expect(page.statuses.at(-1)).toBe('offline');
    page.client.send('第一句');
    page.client.send('第二句');
    await settle();
    expect(page.requests.filter((request) => request.path === '/api/v1/chat')).toEqual([]);
    expect(page.withdrawn).toEqual([]);
    network.set(true);
    await settle();
    await settle();
    expect(page.statuses.at(-1)).toBe('fallback');
    expect(page.requests.filter((request) => request.path === '/api/v1/chat').map((request) => request.body.text)).toEqual(['第一句', '第二句']);
    expect(page.texts().slice(1)).toEqual(['user:第一句', 'user:第二句', 'bot:收到：第一句', 'bot:收到：第二句']);
  });
});

describe('widget chat client: a connection that dies without closing', () => {
  it('pings now and then, and keeps the connection while anything comes back', async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting });
    page.client.start();
    await settle();
    page.lastSocket().open();
    expect(page.runNextTimer()).toBe(heartbeatEveryMs);
    expect(page.lastSocket().sent.at(-1)).toEqual({ type: 'ping' });
    page.lastSocket().receive({ type: 'pong' });
    expect(page.runNextTimer()).toBe(pongWithinMs);
    expect(page.lastSocket().readyState).toBe(1);
    expect(page.statuses.at(-1)).toBe('online');
    expect(page.timers.map((timer) => timer.ms)).toEqual([heartbeatEveryMs]);
  });

  it('takes silence after a ping for a lost connection: says so, and reconnects without losing what was typed', async () => {
    const page = pageLoad({ storage: memoryStorage(), transcript: greeting });
    page.client.start();
    await settle();
    const first = page.lastSocket();
    first.open();
    page.runNextTimer();
    page.client.send('我要办理绑定');
    expect(page.runNextTimer()).toBe(pongWithinMs);
    expect(first.readyState).toBe(3);
    expect(page.statuses.at(-1)).toBe('reconnecting');
    expect(page.runNextTimer()).toBe(500);
    await settle();
    const second = page.lastSocket();
    expect(second).not.toBe(first);
    second.open();
    expect(page.statuses.at(-1)).toBe('online');
    expect(second.sent).toEqual([
      { type: 'hello', lastSeq: 1 },
      { type: 'message', text: '我要办理绑定', clientMessageId: 'm1' },
    ]);
  });
});
