import { describe, expect, it } from 'vitest';
import { ChatResponseSchema } from '../../src/engine/state.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { manualClock, useTestServer } from './testServer.js';

/**
 * A half-filled form outlives the idle session (30 minutes) for FORM_RETENTION_HOURS (24 by default): the person
 * fetching a mother's ID card comes back the next day, reloads, and goes on; a day later it is gone, personal data
 * and all. The clock is injected; the real sweeper runs on it.
 */
const hour = 60 * 60 * 1000;
const clock = manualClock(new Date('2026-11-29T08:00:00Z'));
const motherName = '欧阳春花';
const motherId = makeIdNumber({ region: '210204', birthDate: '1950-04-04', sex: 'female' });

const server = useTestServer({}, { clock, sessionSweepMs: 20 });

/** Waits until the sweeper (every 20 ms, slower on a busy machine) has removed the session. */
async function sweptAway(sessionId: string): Promise<boolean> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    if ((await server.store.get(sessionId)) === undefined) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('a half-filled form kept for FORM_RETENTION_HOURS', () => {
  it('survives a day away and a reload, tells the person so, and is deleted with its personal data after that', async () => {
    const opened = (await server.post('/api/v1/session', { region: '210200' })).body;
    const talk = async (text: string) => ChatResponseSchema.parse((await server.post('/api/v1/chat', { sessionId: opened.sessionId, text })).body);
    const start = await talk('我要绑定');
    expect(start.replies.map((reply) => reply.text).join('')).toContain('保留24小时');
    for (const text of ['王建国', '210202196803150310', '13912345678', '母亲']) await talk(text);
    const named = await talk(motherName);
    expect(named.form?.pending).toBe('member.idNumber');

    const faqOnly = (await server.post('/api/v1/chat', { text: '家庭共济是什么？' })).body.sessionId;

    clock.advance(23 * hour);
    // The sweep that removed the idle session without a form kept the one with the form.
    expect(await sweptAway(faqOnly)).toBe(true);
    expect(await server.store.get(opened.sessionId)).toBeDefined();

    // The next day: the page is reloaded with the token it kept, and the conversation is where it was.
    const reloaded = (await server.post('/api/v1/session', { sessionId: opened.sessionId, token: opened.token })).body;
    expect(reloaded.sessionId).toBe(opened.sessionId);
    expect(reloaded.transcript.at(-1).text).toContain('身份证号码');
    const resumed = await talk(motherId);
    expect(resumed.form).toMatchObject({ status: 'collecting', pending: 'member.phone', slots: { 'applicant.name': '王建国', 'member.name': motherName } });

    // Then nothing more: a day after the last answer the form and everything in it are gone.
    clock.advance(24 * hour + 60_000);
    expect(await sweptAway(opened.sessionId)).toBe(true);
    const after = (await server.post('/api/v1/session', { sessionId: opened.sessionId, token: reloaded.token })).body;
    expect(after.sessionId).not.toBe(opened.sessionId);
  });

  it('keeps an idle session without a form only for the session TTL', async () => {
    const faq = (await server.post('/api/v1/chat', { text: '家庭共济是什么？' })).body.sessionId;
    clock.advance(31 * 60_000);
    expect(await sweptAway(faq)).toBe(true);
  });
});
