import { beforeAll, describe, expect, it } from 'vitest';
import { loadRepoEngine } from '../../../bench/evaluateRouting.js';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import type { Reply } from '../../../src/engine/state.js';
import { initialState, step } from '../../../src/engine/step.js';
import { read } from '../../../src/nlu/read.js';

/** The shapes questions come in (several at once, search terms), read and answered by the real engine on the real content. */
let context: EngineContext;
beforeAll(async () => {
  context = await loadRepoEngine();
});

const now = new Date('2026-11-22T02:00:00Z');
/** The first turn of a new conversation: what was understood and the replies given. */
function firstTurn(text: string) {
  const result = step(context, initialState(context, 'shapes', null), { type: 'text', text }, now);
  const replies = result.effects.flatMap((effect) => (effect.type === 'reply' ? [effect.reply as Reply] : []));
  return { ...result, replies };
}
const questionsOf = (topic: string) => context.content.faq.filter((entry) => entry.topic === topic).map((entry) => entry.question);

describe('a message asking several questions', () => {
  it.each([
    ['一是共济要不要刷脸，二是审核要多少天', ['face_auth', 'review']],
    ['第一，家庭共济能绑几个人？第二，我能给我妈交居民医保吗？', ['limits', 'premium_payment']],
    ['1.解绑以后多久生效 2.亲情账户跟共济啥区别', ['unbind', 'qinqing_difference']],
  ] as const)('answers one of them and offers the other first, one tap away: %s', (text, topics) => {
    const turn = firstTurn(text);
    expect(turn.understanding.route).toBe('faq');
    const answered = turn.understanding.topic!;
    expect(topics).toContain(answered);
    const other = topics.find((topic) => topic !== answered)!;
    const [reply] = turn.replies;
    expect(reply?.quickReplies?.some((question) => questionsOf(other).includes(question))).toBe(true);
  });

  it('offers nothing more for one question, or for one asked twice over', () => {
    expect(read('家庭共济最多能绑几个人', context.reader, { pending: null }).otherQuestions).toEqual([]);
    const twice = read('能绑几个人？最多能加几个？', context.reader, { pending: null });
    expect(twice.otherQuestions.every((other) => other.topic !== twice.topics[0]!.topic || other.entryId !== twice.faq[0]!.entryId)).toBe(true);
  });
});

describe('search terms typed apart', () => {
  it.each(['绑定 亲属 范围', '解绑 生效 时间', '共济 绑定 材料'])('are one question, never a request to bind or unbind: %s', (text) => {
    const turn = firstTurn(text);
    expect(turn.understanding.route).toBe('faq');
    expect(turn.state.form).toBeNull();
    expect(read(text, context.reader, { pending: null }).intents).not.toContain('start_binding');
  });

  it('still cut at their spaces where words typed apart say several things or answer a question', () => {
    expect(read('不对 先不给她办了 给我闺女办', context.reader, { pending: null }).intents).toEqual(expect.arrayContaining(['deny', 'start_binding']));
  });
});
