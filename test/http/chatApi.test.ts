import { describe, expect, it } from 'vitest';
import { ChatResponseSchema } from '../../src/engine/state.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { useTestServer } from './testServer.js';

const server = useTestServer();

describe('POST /api/v1/chat', () => {
  it('starts a session with a server-issued, unguessable id and answers in the documented shape', async () => {
    const first = await server.post('/api/v1/chat', { text: '家庭共济是什么？' });
    expect(first.status).toBe(200);
    const response = ChatResponseSchema.parse(first.body);
    expect(response.sessionId).toMatch(/^[\w-]{20,}$/);
    expect(response.replies.length).toBeGreaterThan(0);
    expect(response.understanding.route).toBe('faq');
    expect(response.understanding.topic).toBe('what_is');

    const second = await server.post('/api/v1/chat', { text: '家庭共济是什么？' });
    expect(second.body.sessionId).not.toBe(response.sessionId);
  });

  it('keeps the form across turns of one session and masks what it shows back', async () => {
    const applicantId = makeIdNumber({ region: '210202', birthDate: '1985-06-12', sex: 'male' });
    const start = await server.post('/api/v1/chat', { text: '我要绑定', region: '210200' });
    const sessionId: string = start.body.sessionId;
    expect(ChatResponseSchema.parse(start.body).form).toMatchObject({ status: 'collecting', pending: 'applicant.name' });

    await server.post('/api/v1/chat', { sessionId, text: '张伟' });
    const third = await server.post('/api/v1/chat', { sessionId, text: applicantId });
    const form = ChatResponseSchema.parse(third.body).form;
    expect(form?.pending).toBe('applicant.phone');
    expect(form?.slots['applicant.name']).toBe('张伟');
    expect(form?.slots['applicant.idNumber']).toBe(`${applicantId.slice(0, 6)}********${applicantId.slice(-4)}`);
    expect(JSON.stringify(third.body)).not.toContain(applicantId);
  });

  it('says on the last reply what the pending question expects, and keeps it in the stored transcript', async () => {
    const applicantId = makeIdNumber({ region: '210202', birthDate: '1985-06-12', sex: 'male' });
    const expectsOf = (body: unknown) => ChatResponseSchema.parse(body).replies.at(-1)?.expects;
    const faq = await server.post('/api/v1/chat', { text: '家庭共济是什么？' });
    expect(expectsOf(faq.body)).toBeNull();
    const start = await server.post('/api/v1/chat', { text: '我要绑定，我叫张伟', region: '210200' });
    const sessionId: string = start.body.sessionId;
    expect(expectsOf(start.body)).toBe('id_number');
    expect(ChatResponseSchema.parse(start.body).replies.slice(0, -1).every((reply) => reply.expects === undefined)).toBe(true);
    expect(expectsOf((await server.post('/api/v1/chat', { sessionId, text: applicantId })).body)).toBe('phone');
    expect(expectsOf((await server.post('/api/v1/chat', { sessionId, text: '13912345678' })).body)).toBe('choice');
    expect(expectsOf((await server.post('/api/v1/chat', { sessionId, text: '母亲' })).body)).toBe('text');

    const stored = await server.store.get(sessionId);
    const bot = stored!.transcript.filter((entry) => entry.from === 'bot');
    expect(bot.at(-1)?.expects).toBe('text');
    expect(bot.map((entry) => entry.expects).filter(Boolean)).toEqual(['id_number', 'phone', 'choice', 'text']);
  });

  it('never writes an ID or phone number into the request log', async () => {
    const phone = '13912345678';
    await server.post('/api/v1/chat', { text: `我的手机是${phone}` });
    await fetch(`${server.url}/api/v1/${phone}`);
    const lines = server.logs.filter((line) => line.includes('"request"'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(Object.keys(JSON.parse(line))).toEqual(expect.arrayContaining(['method', 'path', 'status', 'ms', 'session']));
    }
    expect(server.logs.join('\n')).not.toContain(phone);
    expect(server.logs.join('\n')).toContain('139****5678');
  });
});
