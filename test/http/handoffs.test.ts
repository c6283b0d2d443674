import { beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { signedInStaff, staffClient, type StaffClient } from './staffClient.js';
import { chinese, connectSocket, manualClock, useTestServer } from './testServer.js';

const applicantId = makeIdNumber({ region: '210202', birthDate: '1961-04-02', sex: 'female' });

let li: StaffClient & { id: string };
let wang: StaffClient & { id: string };

const server = useTestServer({ LOG_LEVEL: 'silent', AGENT_HOURS: 'Mon-Sun 00:00-24:00' }, { backendReviewDelayMs: 0 });

beforeAll(async () => {
  [li, wang] = await Promise.all([signedInStaff(server, 'li.na', 'agent'), signedInStaff(server, 'wang.fang', 'agent')]);
});

/** A person part-way through the form (name and ID given, the phone asked), with the widget's socket open. */
async function personMidForm() {
  const opened = (await server.post('/api/v1/session', { region: '210200' })).body as { sessionId: string; token: string };
  const socket = await connectSocket(server.url, opened.token);
  const say = async (text: string) => (await server.post('/api/v1/chat', { sessionId: opened.sessionId, text })).body;
  await say('我要绑定');
  await say('刘桂芳');
  const asked = await say(applicantId);
  expect(asked.form.pending).toBe('applicant.phone');
  return { sessionId: opened.sessionId, socket, say };
}

const actions = async (conversationId: string) => (await server.staff.audit.list({ conversationId })).map((entry) => [entry.action, entry.staffId]);

describe('handoff to an agent (转人工)', () => {
  it('queues the person with their place, lets one of two racing agents claim, chats through the widget and hands back to the form', async () => {
    await Promise.all([li.request('GET', '/api/v1/agent/handoffs'), wang.request('GET', '/api/v1/agent/handoffs')]);
    const person = await personMidForm();

    const asked = await person.say('转人工');
    const waiting = asked.replies.at(-1);
    expect(waiting.text).toContain('第 1 位');
    // What the phone question expects stays on the turn's last reply.
    expect(asked.replies.slice(0, -1).every((reply: { expects?: unknown }) => reply.expects === undefined)).toBe(true);
    // Asking again keeps the place.
    expect((await person.say('转人工')).replies.at(-1).text).toContain('第 1 位');

    const queue = (await li.request('GET', '/api/v1/agent/handoffs')).body;
    const listed = queue.waiting.find((entry: { conversationId: string }) => entry.conversationId === person.sessionId);
    expect(listed).toMatchObject({ region: '210200', place: 1, form: { pending: 'applicant.phone', slots: { 'applicant.name': '刘桂芳' } } });
    expect(listed.lastQuestion).toMatch(chinese);
    expect(JSON.stringify(queue)).not.toContain(applicantId);

    const claims = await Promise.all([li.request('POST', `/api/v1/agent/handoffs/${person.sessionId}/claim`), wang.request('POST', `/api/v1/agent/handoffs/${person.sessionId}/claim`)]);
    expect(claims.map((claim) => claim.status).sort()).toEqual([200, 409]);
    const [holder, other] = claims[0]!.status === 200 ? [li, wang] : [wang, li];
    const claimed = claims.find((claim) => claim.status === 200)!.body.conversation;
    expect(claimed.transcript.map((entry: { text: string }) => entry.text).join('')).not.toContain(applicantId);
    expect(claims.find((claim) => claim.status === 409)!.body.error.message).toMatch(chinese);
    expect((await li.request('GET', '/api/v1/agent/handoffs')).body.waiting.map((entry: { conversationId: string }) => entry.conversationId)).not.toContain(person.sessionId);

    // While the agent holds the conversation the assistant is silent.
    expect((await person.say('你好，有人吗')).replies).toEqual([]);
    // A message over the websocket is acknowledged, so the widget stops showing it as waiting to be sent.
    person.socket.send({ type: 'message', text: '我等着呢', clientMessageId: 'held-1' });
    const acknowledged = await person.socket.waitFor((received) => received.some((frame) => frame.replyTo === 'held-1' && frame.type !== 'typing'));
    expect(acknowledged.filter((frame) => frame.replyTo === 'held-1')).toEqual([{ type: 'received', replyTo: 'held-1' }]);

    const sent = await holder.request('POST', `/api/v1/agent/handoffs/${person.sessionId}/messages`, { text: '您好，我来帮您填手机号。' });
    expect(sent.status).toBe(200);
    const frames = await person.socket.waitFor((received) => received.some((frame) => frame.from === 'agent'));
    const agentFrame = frames.find((frame) => frame.from === 'agent');
    expect(agentFrame).toMatchObject({ type: 'message', text: '您好，我来帮您填手机号。', agentName: expect.stringMatching(chinese) });
    expect(JSON.stringify(agentFrame)).not.toMatch(/li\.na|wang\.fang/);
    expect((await other.request('POST', `/api/v1/agent/handoffs/${person.sessionId}/messages`, { text: '我也来' })).status).toBe(409);
    expect((await holder.request('POST', `/api/v1/agent/handoffs/${person.sessionId}/messages`, { text: '   ' })).status).toBe(400);

    expect((await holder.request('POST', `/api/v1/agent/handoffs/${person.sessionId}/handback`)).status).toBe(200);
    const back = await person.socket.waitFor((received) => received.some((frame) => typeof frame.text === 'string' && frame.text.includes('交还')));
    expect(back.filter((frame) => frame.type === 'message').at(-1).text).toMatch(/手机/);
    // The assistant answers again, from the form as it stands.
    const next = await person.say('13912345678');
    expect(next.replies.length).toBeGreaterThan(0);
    expect(next.form.slots['applicant.phone']).toBe('139****5678');

    expect(await actions(person.sessionId)).toEqual([
      ['handoff.claimed', holder.id],
      ['handoff.message', holder.id],
      ['handoff.handedBack', holder.id],
    ]);
    expect((await holder.request('POST', `/api/v1/agent/handoffs/${person.sessionId}/claim`)).status).toBe(404);
    await person.socket.close();
  });

  it('lets the holding agent correct a member\'s phone through the engine, silently, audited; hand back goes on from the form as it stands', async () => {
    await li.request('GET', '/api/v1/agent/handoffs');
    const opened = (await server.post('/api/v1/session', { region: '210200' })).body as { sessionId: string; token: string };
    const socket = await connectSocket(server.url, opened.token);
    const say = async (text: string) => (await server.post('/api/v1/chat', { sessionId: opened.sessionId, text })).body;
    for (const text of ['我要绑定，我叫王建国', '210202196803150310', '13912345678', '母亲', '王淑珍', '210202194205090267', '13812345679']) await say(text);
    expect((await say('不用了，就这些')).form.status).toBe('consent');
    await say('转人工');
    expect((await li.request('POST', `/api/v1/agent/handoffs/${opened.sessionId}/claim`)).status).toBe(200);
    const before = (await server.store.get(opened.sessionId))!.transcript.at(-1)!.seq;

    // Another agent may not edit; a wrong number is refused with the validator's reason and changes nothing.
    expect((await wang.request('POST', `/api/v1/agent/handoffs/${opened.sessionId}/edits`, { slot: 'member.phone', value: '13700001111', member: 0 })).status).toBe(409);
    expect((await li.request('POST', `/api/v1/agent/handoffs/${opened.sessionId}/edits`, { slot: 'consent', value: 'yes' })).status).toBe(400);
    const wrong = await li.request('POST', `/api/v1/agent/handoffs/${opened.sessionId}/edits`, { slot: 'member.phone', value: '1370000', member: 0 });
    expect(wrong.status).toBe(200);
    expect(wrong.body.replies.map((reply: { text: string }) => reply.text).join('')).toMatch(chinese);
    expect(wrong.body.form.members[0].phone).toBe('138****5679');

    const fixed = await li.request('POST', `/api/v1/agent/handoffs/${opened.sessionId}/edits`, { slot: 'member.phone', value: '13700001111', member: 0 });
    expect(fixed.status).toBe(200);
    expect(fixed.body.form.members[0].phone).toBe('137****1111');
    expect(JSON.stringify(fixed.body)).not.toContain('13700001111');
    // Silent while held: nothing was added to the person's chat.
    expect((await server.store.get(opened.sessionId))!.transcript.at(-1)!.seq).toBe(before);
    expect(socket.frames.filter((frame) => frame.type === 'message' && frame.seq > before)).toEqual([]);

    await li.request('POST', `/api/v1/agent/handoffs/${opened.sessionId}/handback`);
    const back = await socket.waitFor((frames) => frames.some((frame) => typeof frame.text === 'string' && frame.text.includes('交还')));
    expect(back.filter((frame) => frame.type === 'message').map((frame) => frame.text).join('')).toContain('137****1111');
    expect((await say('同意')).form.status).toBe('confirming');
    const filed = await say('确认提交');
    expect(filed.form.status).toBe('submitted');
    const audit = (await server.staff.audit.list({ conversationId: opened.sessionId })).filter((entry) => entry.action === 'handoff.edit');
    expect(audit.map((entry) => [entry.staffId, entry.detail])).toEqual([
      [li.id, { slot: 'member.phone', member: '0', value: '1370000' }],
      [li.id, { slot: 'member.phone', member: '0', value: '137****1111' }],
    ]);
    await socket.close();
  });

  it('answers 401 signed out and 403 without the CSRF token', async () => {
    const stranger = staffClient(server);
    expect((await stranger.request('GET', '/api/v1/agent/handoffs')).status).toBe(401);
    expect((await stranger.request('POST', '/api/v1/agent/handoffs/anything/claim')).status).toBe(401);
    expect((await li.request('POST', '/api/v1/agent/handoffs/anything/claim', undefined, { csrf: false })).status).toBe(403);
  });

  it('gives the hotline and the hours at once when no agent is present, and keeps the form', async () => {
    await Promise.all([li.request('POST', '/api/v1/agent/handoffs/presence', { present: false }), wang.request('POST', '/api/v1/agent/handoffs/presence', { present: false })]);
    const person = await personMidForm();
    const answer = await person.say('转人工');
    const text = answer.replies.map((reply: { text: string }) => reply.text).join('');
    expect(text).toContain('人工客服都不在线');
    expect(text).toContain('周一至周日 00:00-24:00');
    expect(answer.form.pending).toBe('applicant.phone');
    expect((await li.request('GET', '/api/v1/agent/handoffs')).body.waiting.map((entry: { conversationId: string }) => entry.conversationId)).not.toContain(person.sessionId);
    await person.socket.close();
  });
});

describe('handoff outside AGENT_HOURS', () => {
  // A Saturday, 10:00 in China.
  const closed = useTestServer({ LOG_LEVEL: 'silent' }, { clock: manualClock(new Date('2026-12-05T02:00:00Z')) });

  it('says the hours and the hotline even with an agent signed in, and queues nobody', async () => {
    const agent = await signedInStaff(closed, 'zhou.min', 'agent');
    await agent.request('GET', '/api/v1/agent/handoffs');
    const start = (await closed.post('/api/v1/chat', { text: '我要绑定', region: '210200' })).body;
    const answer = (await closed.post('/api/v1/chat', { sessionId: start.sessionId, text: '转人工' })).body;
    const text = answer.replies.map((reply: { text: string }) => reply.text).join('');
    expect(text).toContain('周一至周五 08:30-17:30');
    expect(text).toMatch(/热线 \d/);
    expect((await agent.request('GET', '/api/v1/agent/handoffs')).body.waiting).toEqual([]);
  });
});
