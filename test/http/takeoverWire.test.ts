import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAgentStream, type AgentStream } from './agentStream.js';
import { signedInStaff, type StaffClient } from './staffClient.js';
import { chinese, connectSocket, manualClock, startTestServerForThisTest, useTestServer, type SocketClient, type TestServer } from './testServer.js';

type Person = { sessionId: string; token: string; socket?: SocketClient; say(text: string): Promise<any> };

async function person(server: TestServer, withSocket: boolean): Promise<Person> {
  const opened = (await server.post('/api/v1/session', { region: '210200' })).body as { sessionId: string; token: string };
  const socket = withSocket ? await connectSocket(server.url, opened.token) : undefined;
  const say = async (text: string) => (await server.post('/api/v1/chat', { sessionId: opened.sessionId, text })).body;
  return { ...opened, ...(socket ? { socket } : {}), say };
}

const queueMessages = (frames: any[]) => frames.filter((frame) => frame.type === 'message' && frame.queue !== undefined);
const queueFrames = (frames: any[]) => frames.filter((frame) => frame.type === 'queue');

describe('queue status to the widget, on the websocket and the JSON API', () => {
  let agent: StaffClient & { id: string };
  let stream: AgentStream;
  const server = useTestServer({ LOG_LEVEL: 'silent', AGENT_HOURS: 'Mon-Sun 00:00-24:00' }, { backendReviewDelayMs: 0 });

  beforeAll(async () => {
    agent = await signedInStaff(server, 'li.na', 'agent');
    stream = await openAgentStream(server, agent);
    await stream.waitFor((events) => events.some((event) => event.event === 'queue'));
  });
  afterAll(async () => {
    stream.close();
  });

  it('tells each person their place, who took them, their new place as others are taken, release and hand back', async () => {
    const first = await person(server, true);
    const second = await person(server, true);
    const asked = await first.say('转人工');
    // No estimate without real takeovers behind it.
    expect(asked.queue).toEqual({ state: 'waiting', place: 1, estimateMinutes: null });
    expect((await second.say('转人工')).queue).toEqual({ state: 'waiting', place: 2, estimateMinutes: null });
    await first.socket!.waitFor((frames) => queueFrames(frames).some((frame) => frame.queue.place === 1));
    await second.socket!.waitFor((frames) => queueFrames(frames).some((frame) => frame.queue.place === 2));

    expect((await agent.request('POST', `/api/v1/agent/handoffs/${first.sessionId}/claim`)).status).toBe(200);
    const taken = await first.socket!.waitFor((frames) => queueMessages(frames).some((frame) => frame.queue.state === 'claimed'));
    const announcement = queueMessages(taken).find((frame) => frame.queue.state === 'claimed');
    expect(announcement.queue.agentName).toMatch(chinese);
    expect(announcement.text).toContain(announcement.queue.agentName);
    expect(JSON.stringify(taken)).not.toContain('li.na');
    // The second person moves up without a message of their own.
    await second.socket!.waitFor((frames) => queueFrames(frames).some((frame) => frame.queue.place === 1));
    expect(queueMessages(second.socket!.frames).filter((frame) => frame.queue.state !== 'waiting')).toEqual([]);
    // While held, the JSON answer says so.
    expect((await first.say('在吗')).queue).toEqual({ state: 'claimed', agentName: announcement.queue.agentName });

    await agent.request('POST', `/api/v1/agent/handoffs/${first.sessionId}/release`);
    const released = await first.socket!.waitFor((frames) => queueMessages(frames).some((frame) => frame.queue.state === 'waiting' && frame.text.includes('暂时离开')));
    expect(queueMessages(released).at(-1).queue).toEqual({ state: 'waiting', place: 1, estimateMinutes: null });
    await second.socket!.waitFor((frames) => queueFrames(frames).at(-1)?.queue.place === 2);

    // A reconnecting widget learns where it stands at once.
    const again = await connectSocket(server.url, second.token);
    again.send({ type: 'hello', lastSeq: 1000 });
    await again.waitFor((frames) => queueFrames(frames).some((frame) => frame.queue.state === 'waiting' && frame.queue.place === 2));
    await again.close();

    await agent.request('POST', `/api/v1/agent/handoffs/${first.sessionId}/claim`);
    await agent.request('POST', `/api/v1/agent/handoffs/${first.sessionId}/handback`);
    const back = await first.socket!.waitFor((frames) => queueMessages(frames).some((frame) => frame.queue.state === 'closed'));
    expect(queueMessages(back).at(-1).text).toContain('交还');
    await agent.request('POST', `/api/v1/agent/handoffs/${second.sessionId}/claim`);
    await agent.request('POST', `/api/v1/agent/handoffs/${second.sessionId}/handback`);
    await Promise.all([first.socket!.close(), second.socket!.close()]);
  });

  it('pushes agent messages and queue changes to a widget on the JSON fallback (long poll)', async () => {
    const someone = await person(server, false);
    const asked = await someone.say('转人工');
    expect(asked.queue.state).toBe('waiting');
    const opened = (await server.post('/api/v1/session', { sessionId: someone.sessionId, token: someone.token })).body;
    expect(opened.queue).toEqual({ state: 'waiting', place: 1, estimateMinutes: null });
    const lastSeq = opened.transcript.at(-1).seq;

    // Nothing new: an immediate answer with wait 0, and a refusal without a valid token.
    expect((await server.post('/api/v1/updates', { token: someone.token, after: lastSeq, wait: 0 })).body).toEqual({ messages: [], queue: opened.queue });
    expect((await server.post('/api/v1/updates', { token: 'forged', after: 0 })).status).toBe(401);

    const polling = server.post('/api/v1/updates', { token: someone.token, after: lastSeq });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await agent.request('POST', `/api/v1/agent/handoffs/${someone.sessionId}/claim`);
    const claimed = (await polling).body;
    expect(claimed.queue.state).toBe('claimed');
    expect(claimed.messages.map((message: { queue?: { state: string } }) => message.queue?.state)).toContain('claimed');

    const next = server.post('/api/v1/updates', { token: someone.token, after: claimed.messages.at(-1).seq });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await agent.request('POST', `/api/v1/agent/handoffs/${someone.sessionId}/messages`, { text: '您好，我是人工客服。' });
    const pushed = (await next).body;
    expect(pushed.messages).toEqual([expect.objectContaining({ from: 'agent', text: '您好，我是人工客服。', agentName: claimed.queue.agentName })]);

    // A person's words while held are answered by the agent only; the poll keeps waiting for them.
    expect((await someone.say('好的，谢谢')).replies).toEqual([]);
    await agent.request('POST', `/api/v1/agent/handoffs/${someone.sessionId}/handback`);
    const back = (await server.post('/api/v1/updates', { token: someone.token, after: pushed.messages.at(-1).seq })).body;
    expect(back.messages.map((message: { text: string }) => message.text).join('')).toContain('交还');
    expect(back.queue).toBeNull();
  });
});

describe('the wait estimate', () => {
  it('comes from real takeovers: the median handle time times the place', async () => {
    const clock = manualClock(new Date('2026-12-01T02:00:00Z'));
    const server = await startTestServerForThisTest({ LOG_LEVEL: 'silent', AGENT_HOURS: 'Mon-Sun 00:00-24:00' }, { clock, backendReviewDelayMs: 0 });
    const agent = await signedInStaff(server, 'wang.fang', 'agent');
    for (const minutes of [2, 6, 4]) {
      await agent.request('GET', '/api/v1/agent/handoffs');
      const someone = await person(server, false);
      await someone.say('转人工');
      await agent.request('POST', `/api/v1/agent/handoffs/${someone.sessionId}/claim`);
      clock.advance(minutes * 60_000);
      await agent.request('POST', `/api/v1/agent/handoffs/${someone.sessionId}/handback`);
    }
    await agent.request('GET', '/api/v1/agent/handoffs');
    const [first, second] = [await person(server, false), await person(server, false)];
    const firstAsked = await first.say('转人工');
    expect(firstAsked.queue).toEqual({ state: 'waiting', place: 1, estimateMinutes: 4 });
    expect(firstAsked.replies.at(-1).text).toContain('预计等待约 4 分钟');
    expect((await second.say('转人工')).queue).toEqual({ state: 'waiting', place: 2, estimateMinutes: 8 });
  });
});
