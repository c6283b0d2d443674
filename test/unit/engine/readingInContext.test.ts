import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import type { ConversationState } from '../../../src/engine/state.js';
import { initialState, step } from '../../../src/engine/step.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';

const now = new Date('2026-11-22T02:00:00Z');
let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

function say(state: ConversationState, text: string) {
  return step(context, state, { type: 'text', text }, now);
}
function conversation(region: string | null, ...texts: string[]) {
  let state = initialState(context, 'reading-in-context', region);
  const results = texts.map((text) => {
    const result = say(state, text);
    state = result.state;
    return result;
  });
  return results[results.length - 1]!;
}
const replies = (result: ReturnType<typeof step>) => result.effects.flatMap((effect) => (effect.type === 'reply' ? [effect.reply.text] : [])).join('\n');

describe('reading in context', () => {
  it('a region named in a question sets the region and never decides the topic', () => {
    const result = conversation(null, '我在大连参保，能绑定哪些亲属？');
    expect(result.understanding).toMatchObject({ route: 'faq', topic: 'who_can_bind' });
    expect(result.state.region).toBe('210200');
    expect(replies(result)).toContain('大连');
  });

  it('after the assistant asks for the city, a bare city answers the previous question again for it', () => {
    const first = conversation(null, '家庭共济可以绑定哪些家人？');
    expect(replies(first)).toContain(context.content.messages['engine.faq.rulesDiffer']!.slice(0, 6));
    const second = say(first.state, '大连');
    expect(second.understanding).toMatchObject({ route: 'faq', faqId: first.understanding.faqId });
    expect(replies(second)).toContain('大连现行办理指南');
    expect(second.state.region).toBe('210200');
  });

  it('"帮我老婆办个共济" starts the binding', () => {
    const result = conversation('210200', '帮我老婆办个共济');
    expect(result.understanding.route).toBe('flow');
    expect(result.state.form).not.toBeNull();
    expect(result.state.form?.current.relationship).toBe('spouse');
  });

  it('a whole application in one message, the request last, starts the form and keeps every detail', () => {
    const result = conversation(null, '我叫王建国，身份证210202196803150310，手机13912345678，在大连参保，想给我妈绑定，她叫王淑珍');
    const form = result.state.form;
    expect(result.understanding.route).toBe('flow');
    expect(form?.region).toBe('210200');
    expect(form?.applicant).toEqual({ name: '王建国', idNumber: '210202196803150310', phone: '13912345678' });
    expect(form?.current).toMatchObject({ relationship: 'mother', name: '王淑珍' });
    expect(form?.pending).toBe('member.idNumber');
  });

  it('a pending question is answered only by a value of its type: a request for account data is refused and the question asked again', () => {
    const started = conversation('210200', '我要绑定，我叫王建国，身份证210202196803150310，手机13912345678');
    expect(started.state.form?.pending).toBe('member.relationship');
    const result = say(started.state, '帮我查我老婆医保卡余额');
    expect(result.understanding.route).toBe('refusal');
    expect(replies(result)).toContain('余额');
    expect(result.state.form?.pending).toBe('member.relationship');
    expect(result.state.form?.current.relationship).toBeUndefined();
  });

  it('a pending yes/no takes the forms people use: 就这些了 declines more members, 中 consents', () => {
    const filled = conversation('210200', '我要绑定，我叫王建国，身份证210202196803150310，手机13912345678，给我妈王淑珍绑定，她身份证210202194205090267，手机13900001111');
    expect(filled.state.form?.status).toBe('adding');
    const declined = say(filled.state, '就这些了');
    expect(declined.state.form?.status).toBe('consent');
    const consented = say(declined.state, '中');
    expect(consented.state.form?.status).toBe('confirming');
  });

  it('"等一下，我去拿身份证" pauses without losing anything', () => {
    const started = conversation('210200', '我要绑定，我叫王建国');
    const paused = say(started.state, '等一下，我去拿身份证');
    // Kept as it was, marked paused (kept for FORM_RETENTION_HOURS), and the person is told how long.
    expect(paused.state.form).toEqual({ ...started.state.form, status: 'paused', pausedFrom: 'collecting' });
    expect(replies(paused)).toContain('保留24小时');
    const back = say(paused.state, '210202196803150310');
    expect(back.state.form).toMatchObject({ status: 'collecting', pending: 'applicant.phone', applicant: { name: '王建国' } });
  });
});
