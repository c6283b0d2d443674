import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import type { ConversationState, Effect, StepResult } from '../../../src/engine/state.js';
import { initialState, step } from '../../../src/engine/step.js';
import { eventsOfRun } from '../../../src/insights/stepEvents.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';

/**
 * Chit-chat with nothing open (a greeting, thanks, a bare "好的", "你是机器人吗") asks nothing of the service: it is
 * routed as the out-of-scope outcome (`refusal`, no topic), and answered warmly — a greeting as a greeting, a thanks
 * as a thanks, "are you a robot" plainly — never with the refusal's "抱歉" nor an FAQ answer, and never handed off.
 * The phrasings here are not among the examples the intents learn from.
 */
const now = new Date('2026-11-22T02:00:00Z');
let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

const fresh = (region: string | null = '210200') => initialState(context, 'chit-chat', region);
const say = (text: string, state: ConversationState = fresh()) => step(context, state, { type: 'text', text }, now);
const texts = (result: StepResult) => result.effects.flatMap((effect: Effect) => (effect.type === 'reply' ? [effect.reply.text] : []));
const refusalWords = '抱歉';

describe('chit-chat with nothing open', () => {
  it.each(['早上好呀', '在不在', '哈喽 在吗'])('"%s" is greeted back with what the assistant can do, routed as no question of the service', (text) => {
    const result = say(text);
    expect(result.understanding).toMatchObject({ route: 'refusal', topic: null, faqId: null });
    const [reply] = texts(result);
    expect(reply).toContain('您好');
    expect(reply).toContain('办理绑定');
    expect(reply).not.toContain(refusalWords);
    expect(result.state.form).toBeNull();
  });

  it.each(['多谢小伙子', '谢谢你啊闺女', '太感谢了', '辛苦啦'])('"%s" is thanked back, the relative named being whom the person talks to', (text) => {
    const result = say(text);
    expect(result.understanding).toMatchObject({ route: 'refusal', topic: null });
    expect(texts(result)).toEqual([expect.stringContaining('不客气')]);
  });

  it.each(['你是AI吗', '你是谁呀', '你是人还是机器'])('"%s" is told it is an automatic assistant and how to reach a person, without a handoff', (text) => {
    const result = say(text, fresh('370900'));
    expect(result.understanding).toMatchObject({ route: 'refusal', topic: null });
    expect(result.effects.some((effect) => effect.type === 'handoff')).toBe(false);
    const [reply] = texts(result);
    expect(reply).toContain('不是真人');
    expect(reply).toContain('转人工');
    expect(reply).not.toContain(refusalWords);
  });

  it.each(['了解啦', '哦哦懂了', '好的收到'])('a bare acknowledgement "%s" gets a word back, starts nothing (了解 is no 解绑) and is not refused', (text) => {
    const result = say(text);
    expect(result.understanding).toMatchObject({ route: 'refusal', topic: null });
    expect(result.state.form).toBeNull();
    expect(result.state.unbind).toBeNull();
    expect(texts(result)[0]).not.toContain(refusalWords);
  });

  it('a bare acknowledgement at the pledge agrees to nothing: the pledge is asked again', () => {
    const opening = '我要绑定，我叫王建国，身份证210202196803150310，手机13912345678，给我妈王淑珍绑定，她身份证210202194205090267，手机13900001111';
    const adding = say(opening).state;
    const atConsent = say('就这些', adding).state;
    expect(atConsent.form?.status).toBe('consent');
    for (const text of ['晓得啦', '了解了']) expect(say(text, atConsent).state.form, text).toMatchObject({ status: 'consent', consent: false });
  });

  it('asking what the assistant is, then for a person, is handed to a person', () => {
    const result = say('你是机器人？我要找真人');
    expect(result.understanding.route).toBe('handoff');
    expect(result.effects.some((effect) => effect.type === 'handoff')).toBe(true);
  });

  it('a greeting before a request starts the request, a greeting before a question answers it', () => {
    expect(say('你好，我要给我妈绑定').state.form).not.toBeNull();
    expect(say('谢谢，我想问下怎么解绑').understanding).toMatchObject({ route: 'faq', topic: 'unbind' });
  });

  it('a greeting before something out of scope is refused as such', () => {
    const result = say('你好，今天天气怎么样');
    expect(result.understanding.route).toBe('refusal');
    expect(texts(result)[0]).toContain(refusalWords);
  });
});

describe('chit-chat in the events', () => {
  const eventsOf = (text: string) => {
    const before = fresh();
    const input = { type: 'text' as const, text };
    const result = step(context, before, input, now);
    return eventsOfRun([{ before, input, result }], result.understanding, []);
  };

  it('counts a greeting or "你是谁" as answered and leaves nothing in the editors\' inbox', () => {
    for (const text of ['早上好呀', '你是谁呀', '太感谢了']) {
      const { events, inbox } = eventsOf(text);
      expect(events[0], text).toMatchObject({ type: 'turn', outcome: 'answered' });
      expect(inbox, text).toBeUndefined();
    }
  });

  it('still counts a question out of scope as refused, for the inbox', () => {
    const { events, inbox } = eventsOf('今天天气怎么样');
    expect(events[0]).toMatchObject({ type: 'turn', outcome: 'refused', refusal: 'out_of_scope' });
    expect(inbox).toMatchObject({ outcome: 'refused' });
  });
});
