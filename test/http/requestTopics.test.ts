import { describe, expect, it } from 'vitest';
import { ChatResponseSchema, type ChatResponse } from '../../src/engine/state.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { useTestServer } from './testServer.js';

/**
 * `understanding.topic` is the taxonomy topic of what the reply answered (DESIGN.md). A request the assistant acts on
 * answers one too: an outside evaluation that accepts how_to_bind for "帮我老婆办个共济" must find it there.
 */
const server = useTestServer();

async function chat(text: string, sessionId?: string): Promise<ChatResponse> {
  const response = await server.post('/api/v1/chat', { text, region: '210200', ...(sessionId ? { sessionId } : {}) });
  expect(response.status).toBe(200);
  return ChatResponseSchema.parse(response.body);
}

describe('a request the assistant acts on answers its taxonomy topic', () => {
  it('starting the binding form answers how_to_bind, and so does each turn of the form; a question on the side keeps its own topic', async () => {
    const start = await chat('帮我老婆办个共济');
    expect(start.understanding).toMatchObject({ route: 'flow', topic: 'how_to_bind' });
    expect(start.form).toMatchObject({ status: 'collecting', pending: 'applicant.name' });

    const name = await chat('张伟', start.sessionId);
    expect(name.understanding).toMatchObject({ route: 'flow', topic: 'how_to_bind' });
    expect(name.form?.pending).toBe('applicant.idNumber');

    const aside = await chat('家庭共济是什么？', start.sessionId);
    expect(aside.understanding).toMatchObject({ route: 'faq', topic: 'what_is' });
    expect(aside.form?.pending).toBe('applicant.idNumber');
  });

  it('a status query answers review, from its first question to the answer', async () => {
    const asked = await chat('查一下我的申请审核到哪了');
    expect(asked.understanding).toMatchObject({ route: 'flow', topic: 'review' });
    expect(asked.replies.at(-1)?.text).toContain('身份证号');
    const record = await chat(makeIdNumber({ region: '210202', birthDate: '1985-06-12', sex: 'male' }), asked.sessionId);
    expect(record.understanding).toMatchObject({ route: 'flow', topic: 'review' });
  });

  it('an unbinding answers unbind', async () => {
    const asked = await chat('我要解绑我儿子');
    expect(asked.understanding).toMatchObject({ route: 'flow', topic: 'unbind' });
    expect(asked.replies.at(-1)?.text).toContain('身份证号');
  });

  it('a greeting answers no topic, and says truthfully that it asked nothing of the service (the out-of-scope outcome, answered warmly)', async () => {
    const greeted = await chat('你好');
    expect(greeted.understanding).toMatchObject({ route: 'refusal', topic: null, faqId: null });
    expect(greeted.replies[0]?.text).toContain('您好');
    expect(greeted.replies[0]?.text).not.toContain('抱歉');
  });
});
