import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { openAgentStream } from './agentStream.js';
import { signedInStaff } from './staffClient.js';
import { chinese, manualClock, useTestServer } from './testServer.js';

const applicantId = makeIdNumber({ region: '210202', birthDate: '1961-04-02', sex: 'female' });
const texts = (answer: { replies: { text: string }[] }) => answer.replies.map((reply) => reply.text).join('\n');

// A Saturday, 10:00 in China: outside the default AGENT_HOURS (Mon-Fri 08:30-17:30).
const server = useTestServer({ LOG_LEVEL: 'silent' }, { clock: manualClock(new Date('2026-12-05T02:00:00Z')) });

async function person() {
  const opened = (await server.post('/api/v1/session', { region: '210200' })).body as { sessionId: string };
  const say = async (text: string) => (await server.post('/api/v1/chat', { sessionId: opened.sessionId, text })).body;
  return { sessionId: opened.sessionId, say };
}

describe('a callback request when nobody can answer', () => {
  it('gives the hotline and hours, takes a phone (checked) and a time, gives a ticket, and goes on with the form', async () => {
    const someone = await person();
    await someone.say('我要绑定');
    await someone.say('刘桂芳');
    await someone.say(applicantId);
    const asked = await someone.say('转人工');
    expect(texts(asked)).toContain('周一至周五 08:30-17:30');
    expect(texts(asked)).toMatch(/热线 \d/);
    expect(asked.replies.at(-1)).toMatchObject({ quickReplies: ['留下回电请求', '不用了'], expects: 'choice' });

    const phone = await someone.say('留下回电请求');
    expect(phone.replies.at(-1).expects).toBe('phone');
    const wrong = await someone.say('1391234');
    expect(texts(wrong)).toMatch(chinese);
    expect(wrong.replies.at(-1).expects).toBe('phone');
    const time = await someone.say('13912345678');
    expect(texts(time)).toContain('139****5678');
    expect(time.replies.at(-1).expects).toBe('text');
    const filed = await someone.say("明天上午");
    const ticket = texts(filed).match(/\d{8}-\d{4}/)?.[0];
    expect(ticket).toBeDefined();
    // The form goes on where it was: the phone is still its open question (the callback number is not the applicant's).
    expect(filed.form.pending).toBe('applicant.phone');
    expect(filed.replies.at(-1).expects).toBe('phone');

    // An agent signs in later and finds the ticket with the conversation and form, the phone masked.
    const agent = await signedInStaff(server, 'zhou.min', 'agent');
    const stream = await openAgentStream(server, agent);
    await stream.waitFor(() => (stream.queue()?.callbacks ?? []).some((entry: { ticketNumber: string }) => entry.ticketNumber === ticket));
    const listed = (await agent.request('GET', '/api/v1/agent/handoffs')).body.callbacks.find((entry: { ticketNumber: string }) => entry.ticketNumber === ticket);
    expect(listed).toMatchObject({ conversationId: someone.sessionId, region: '210200', phone: '139****5678', preferredTime: '明天上午', conversation: { form: { slots: { 'applicant.name': '刘桂芳' } } } });
    expect(listed.conversation.transcript.map((entry: { text: string }) => entry.text).join('')).toContain('转人工');
    expect(JSON.stringify(stream.events)).not.toContain('13912345678');
    expect(JSON.stringify(listed)).not.toContain(applicantId);

    const revealed = await agent.request('POST', `/api/v1/agent/handoffs/callbacks/${ticket}/reveal`);
    expect(revealed.body).toEqual({ phone: '13912345678' });
    expect((await agent.request('POST', `/api/v1/agent/handoffs/callbacks/${ticket}/close`)).status).toBe(200);
    expect((await agent.request('POST', `/api/v1/agent/handoffs/callbacks/${ticket}/close`)).status).toBe(404);
    await stream.waitFor((events) => events.some((event) => event.event === 'change' && event.data.kind === 'callback-closed') && !(stream.queue()?.callbacks ?? []).some((entry: { ticketNumber: string }) => entry.ticketNumber === ticket));
    expect((await server.staff.audit.list({ conversationId: someone.sessionId })).map((entry) => [entry.action, entry.staffId, entry.detail['ticketNumber']])).toEqual([
      ['callback.phoneRevealed', agent.id, ticket],
      ['callback.closed', agent.id, ticket],
    ]);
    stream.close();
  });

  it('uses the phone on file when the person agrees, and lets them decline or ask something else instead', async () => {
    const someone = await person();
    for (const text of ['我要绑定，我叫王建国', '210202196803150310', '13912345678']) await someone.say(text);
    await someone.say('转人工');
    const onFile = await someone.say('好的');
    expect(texts(onFile)).toContain('139****5678');
    expect(onFile.replies.at(-1).quickReplies).toEqual(['就打这个号码']);
    await someone.say('就打这个号码');
    expect(texts(await someone.say('尽快'))).toMatch(/\d{8}-\d{4}/);

    const other = await person();
    await other.say('转人工');
    expect(texts(await other.say('不用了'))).toContain('不登记回电');
    await other.say('转人工');
    // A question instead of an answer: the offer lapses and the question is answered.
    const answered = await other.say('什么是家庭共济');
    expect(answered.understanding.route).toBe('faq');
    expect(texts(await other.say('13912345678'))).not.toMatch(/\d{8}-\d{4}/);
  });
});
