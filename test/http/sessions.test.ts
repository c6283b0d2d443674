import { describe, expect, it, vi } from 'vitest';
import { ChatResponseSchema } from '../../src/engine/state.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { manualClock, startTestServerForThisTest } from './testServer.js';

describe('POST /api/v1/session', () => {
  it('opens a new session with a greeting and a token, and resumes it with that token', async () => {
    const server = await startTestServerForThisTest();
    const opened = await server.post('/api/v1/session', { region: '210200' });
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({
      sessionId: expect.stringMatching(/^[\w-]{20,}$/),
      token: expect.any(String),
      transcript: [expect.objectContaining({ seq: 1, from: 'bot', text: expect.any(String) })],
      form: null,
      // Not queued for or held by a hotline agent.
      queue: null,
    });
    const { sessionId, token } = opened.body;
    await server.post('/api/v1/chat', { sessionId, text: '我要绑定' });

    const resumed = await server.post('/api/v1/session', { sessionId, token });
    expect(resumed.body.sessionId).toBe(sessionId);
    expect(resumed.body.transcript.map((entry: { from: string }) => entry.from)).toEqual(['bot', 'user', ...Array(resumed.body.transcript.length - 2).fill('bot')]);
    expect(resumed.body.transcript[1]).toMatchObject({ from: 'user', text: '我要绑定' });
    // The application under way comes back too, so a reloaded page shows how far along it is.
    expect(resumed.body.form).toMatchObject({ status: 'collecting', progress: { step: 2, of: 5, phase: '您的信息', members: 0 } });
  });

  it('never opens someone else’s session: an id without its token, or with another session’s token, starts a new one', async () => {
    const server = await startTestServerForThisTest();
    const victim = await server.post('/api/v1/session', { region: '210200' });
    await server.post('/api/v1/chat', { sessionId: victim.body.sessionId, text: '我要绑定' });
    await server.post('/api/v1/chat', { sessionId: victim.body.sessionId, text: '王秀兰' });
    const attacker = await server.post('/api/v1/session', {});

    const attempts = [
      { sessionId: victim.body.sessionId },
      { sessionId: victim.body.sessionId, token: attacker.body.token },
      { sessionId: victim.body.sessionId, token: `${victim.body.token.slice(0, -4)}AAAA` },
    ];
    for (const attempt of attempts) {
      const response = await server.post('/api/v1/session', attempt);
      expect(response.status).toBe(200);
      expect(response.body.sessionId).not.toBe(victim.body.sessionId);
      expect(JSON.stringify(response.body.transcript)).not.toContain('王秀兰');
    }
  });

  it('takes a district code from a page as the region whose policy applies there', async () => {
    const server = await startTestServerForThisTest();
    // 海淀区 (110108) lies in 北京, whose policy file answers; '999999' names no place.
    const opened = await server.post('/api/v1/session', { region: '110108' });
    expect(opened.status).toBe(200);
    const answer = await server.post('/api/v1/chat', { sessionId: opened.body.sessionId, text: '最多能绑几个人' });
    expect(answer.body.replies.map((reply: { text: string }) => reply.text).join('')).toContain('北京');
    const chat = await server.post('/api/v1/chat', { text: '最多能绑几个人', region: '110108' });
    expect(chat.body.replies.map((reply: { text: string }) => reply.text).join('')).toContain('北京');
  });

  it('refuses an unknown region with 422 and a Chinese message', async () => {
    const server = await startTestServerForThisTest();
    const response = await server.post('/api/v1/session', { region: 'atlantis' });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('invalid_region');
  });
});

describe('session lifetime', () => {
  it('survives a server restart with the lowdb store: same session, form intact, token still valid', async () => {
    const first = await startTestServerForThisTest({ SESSION_STORE: 'lowdb' });
    const opened = await first.post('/api/v1/session', { region: '210200' });
    const { sessionId, token } = opened.body;
    await first.post('/api/v1/chat', { sessionId, text: '我要绑定' });
    await first.post('/api/v1/chat', { sessionId, text: '张伟' });
    await first.stop();

    const second = await startTestServerForThisTest({ SESSION_STORE: 'lowdb' }, { dataDir: first.dataDir });
    const resumed = await second.post('/api/v1/session', { sessionId, token });
    expect(resumed.body.sessionId).toBe(sessionId);
    const next = await second.post('/api/v1/chat', { sessionId, text: makeIdNumber({ region: '210202', birthDate: '1985-06-12', sex: 'male' }) });
    expect(next.status).toBe(200);
    const form = ChatResponseSchema.parse(next.body).form;
    expect(form?.pending).toBe('applicant.phone');
    expect(form?.slots['applicant.name']).toBe('张伟');
  });

  it('forgets a session after SESSION_TTL_MINUTES without activity', async () => {
    const clock = manualClock();
    const server = await startTestServerForThisTest({ SESSION_TTL_MINUTES: '30', SESSION_STORE: 'memory' }, { clock, sessionSweepMs: 20 });
    const idle = (await server.post('/api/v1/chat', { text: '你好' })).body.sessionId;
    clock.advance(20 * 60_000);
    const active = (await server.post('/api/v1/chat', { text: '你好' })).body.sessionId;
    clock.advance(11 * 60_000);

    // Only after a sweep: a turn before it would count as activity and keep the session.
    await vi.waitFor(() => expect(server.logs.some((line) => line.includes('"sessions expired"'))).toBe(true));
    const response = await server.post('/api/v1/chat', { sessionId: idle, text: '还在吗' });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('unknown_session');
    expect((await server.post('/api/v1/chat', { sessionId: active, text: '还在吗' })).status).toBe(200);
  });
});
