import { beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { openAgentStream, type AgentEvent } from './agentStream.js';
import { signedInStaff, staffClient, type StaffClient } from './staffClient.js';
import { chinese, useTestServer } from './testServer.js';

const applicantId = makeIdNumber({ region: '210202', birthDate: '1961-04-02', sex: 'female' });

let li: StaffClient & { id: string };
let wang: StaffClient & { id: string };

const server = useTestServer({ LOG_LEVEL: 'silent', AGENT_HOURS: 'Mon-Sun 00:00-24:00' }, { backendReviewDelayMs: 0 });

beforeAll(async () => {
  [li, wang] = await Promise.all([signedInStaff(server, 'li.na', 'agent'), signedInStaff(server, 'wang.fang', 'agent')]);
});

async function personMidForm() {
  const opened = (await server.post('/api/v1/session', { region: '210200' })).body as { sessionId: string; token: string };
  const say = async (text: string) => (await server.post('/api/v1/chat', { sessionId: opened.sessionId, text })).body;
  await say('我要绑定');
  await say('刘桂芳');
  await say(applicantId);
  return { sessionId: opened.sessionId, say };
}

const changes = (events: AgentEvent[], kind: string, conversationId: string) => events.filter((event) => event.event === 'change' && event.data.kind === kind && event.data.conversationId === conversationId);
const ids = (entries: { conversationId: string }[] | undefined) => (entries ?? []).map((entry) => entry.conversationId);

describe('the agents\' live stream (GET /api/v1/agent/live)', () => {
  it('is presence: with no console open a person gets the hotline; with one open they are queued', async () => {
    const early = await personMidForm();
    expect((await early.say('转人工')).replies.map((reply: { text: string }) => reply.text).join('')).toContain('人工客服都不在线');

    const stream = await openAgentStream(server, li);
    expect(stream.status).toBe(200);
    await stream.waitFor((events) => events.some((event) => event.event === 'queue'));
    const person = await personMidForm();
    expect((await person.say('转人工')).replies.at(-1).text).toContain('第 1 位');
    await stream.waitFor(() => ids(stream.queue()?.waiting).includes(person.sessionId));

    // The console closes (the agent leaves): nobody is there, so the next person gets the hotline at once.
    stream.close();
    const later: string[] = [];
    await expect
      .poll(async () => {
        const next = await personMidForm();
        later.push(next.sessionId);
        return (await next.say('转人工')).replies.map((reply: { text: string }) => reply.text).join('');
      })
      .toContain('人工客服都不在线');
    // Clean up: whoever got queued (before the absence was written) is claimed and handed back.
    for (const id of [person.sessionId, ...later]) {
      if ((await li.request('POST', `/api/v1/agent/handoffs/${id}/claim`)).status === 200) await li.request('POST', `/api/v1/agent/handoffs/${id}/handback`);
    }
  });

  it('pushes the queue to every agent: queued, claimed, the held chat to its holder only, handed back', async () => {
    const [liStream, wangStream] = await Promise.all([openAgentStream(server, li), openAgentStream(server, wang)]);
    await Promise.all([liStream, wangStream].map((stream) => stream.waitFor((events) => events.some((event) => event.event === 'queue'))));
    expect(liStream.queue().agentsPresent).toBe(2);

    const person = await personMidForm();
    await person.say('转人工');
    for (const stream of [liStream, wangStream]) {
      await stream.waitFor((events) => changes(events, 'enqueued', person.sessionId).length > 0 && ids(stream.queue().waiting).includes(person.sessionId));
      const entry = stream.queue().waiting.find((candidate: { conversationId: string }) => candidate.conversationId === person.sessionId);
      expect(entry).toMatchObject({ region: '210200', place: 1, form: { pending: 'applicant.phone', slots: { 'applicant.name': '刘桂芳' } } });
      expect(JSON.stringify(stream.events)).not.toContain(applicantId);
    }

    expect((await li.request('POST', `/api/v1/agent/handoffs/${person.sessionId}/claim`)).status).toBe(200);
    for (const stream of [liStream, wangStream]) {
      await stream.waitFor((events) => changes(events, 'claimed', person.sessionId).length > 0 && ids(stream.queue().held).includes(person.sessionId));
      expect(stream.queue().held.find((entry: { conversationId: string }) => entry.conversationId === person.sessionId)).toMatchObject({ agentId: li.id, agent: expect.stringMatching(chinese) });
      expect(ids(stream.queue().waiting)).not.toContain(person.sessionId);
    }

    // The person writes in the held chat (a phone number among the words): the holder sees it, masked; the other agent does not.
    await person.say(`我的手机是13912345678`);
    await liStream.waitFor((events) => events.some((event) => event.event === 'message' && event.data.conversationId === person.sessionId));
    await liStream.waitFor((events) => events.some((event) => event.event === 'message' && event.data.message.from === 'user'));
    const seen = liStream.events.find((event) => event.event === 'message' && event.data.conversationId === person.sessionId && event.data.message.from === 'user')!;
    expect(seen.data.message).toMatchObject({ from: 'user', text: expect.stringContaining('139****5678') });
    await li.request('POST', `/api/v1/agent/handoffs/${person.sessionId}/messages`, { text: '收到，我帮您填上。' });
    await liStream.waitFor((events) => events.some((event) => event.event === 'message' && event.data.message.from === 'agent' && event.data.conversationId === person.sessionId));
    expect(wangStream.events.filter((event) => event.event === 'message')).toEqual([]);

    await li.request('POST', `/api/v1/agent/handoffs/${person.sessionId}/handback`);
    for (const stream of [liStream, wangStream]) {
      await stream.waitFor((events) => changes(events, 'handed-back', person.sessionId).length > 0 && !ids(stream.queue().held).includes(person.sessionId));
    }
    liStream.close();
    wangStream.close();
  });

  it('refuses a page of another site, and anyone signed out', async () => {
    const foreign = await openAgentStream(server, li, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const crossSite = await openAgentStream(server, li, { 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await openAgentStream(server, staffClient(server))).status).toBe(401);
    const own = await openAgentStream(server, li, { Origin: server.url, 'Sec-Fetch-Site': 'same-origin' });
    expect(own.status).toBe(200);
    own.close();
  });
});
