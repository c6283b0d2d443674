import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import type { ConversationState } from '../../../src/engine/state.js';
import { initialState, step } from '../../../src/engine/step.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';
import { validate } from '../../../src/engine/validators.js';

/**
 * A pending yes/no question takes agreement and refusal in the forms people use (口语, dialect, traditional
 * characters, full-width letters): the pledge, the final confirmation and "还要再添加其他家人吗？".
 */
const now = new Date('2026-11-22T02:00:00Z');
let context: EngineContext;
let adding: ConversationState;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
  const opening = '我要绑定，我叫王建国，身份证210202196803150310，手机13912345678，给我妈王淑珍绑定，她身份证210202194205090267，手机13900001111';
  adding = step(context, initialState(context, 'pending-yes-no', '210200'), { type: 'text', text: opening }, now).state;
});

function answer(state: ConversationState, text: string) {
  return step(context, state, { type: 'text', text }, now);
}
const atConsent = () => answer(adding, '就这些').state;
const atConfirm = () => answer(atConsent(), '同意').state;

describe('a pending yes/no question', () => {
  it('starts from the add-another question, then the pledge, then the confirmation', () => {
    expect(adding.form?.status).toBe('adding');
    expect(atConsent().form?.status).toBe('consent');
    expect(atConfirm().form?.status).toBe('confirming');
  });

  it.each(['同意', '中', '行', '成', '好嘞', '可以的', '没问题', '嗯嗯', 'OK', 'ｏｋ', '我同意', '對', '是'])('the pledge: "%s" agrees', (text) => {
    expect(answer(atConsent(), text).state.form).toMatchObject({ status: 'confirming', consent: true });
  });

  it.each(['不同意', '不行', '不要', '我不同意', '不中'])('the pledge: "%s" refuses; it is asked again and nothing is lost', (text) => {
    const before = atConsent();
    const result = answer(before, text);
    expect(result.state.form).toMatchObject({ status: 'consent', consent: false, members: before.form?.members });
  });

  it.each(['确认不了', '不太同意', '不想同意', '不得行', '不確認'])('the pledge: "%s" (a no that contains a yes word) is no agreement', (text) => {
    const before = atConsent();
    const result = answer(before, text);
    expect(result.state.form).toMatchObject({ status: 'consent', consent: false, members: before.form?.members });
    expect(result.effects.some((effect) => effect.type === 'submit-application')).toBe(false);
  });

  it.each(['没有问题，帮我提交', '没问题', '得行', '要得', '沒有問題', '对着呢', '照这个提交', '没什么问题'])('the confirmation: "%s" (a yes that may start like a no) files once', (text) => {
    const result = answer(atConfirm(), text);
    expect(result.effects.filter((effect) => effect.type === 'submit-application')).toHaveLength(1);
  });

  it.each(['确认不了', '不行', '不中', '有问题'])('the confirmation: "%s" files nothing', (text) => {
    const result = answer(atConfirm(), text);
    expect(result.effects.some((effect) => effect.type === 'submit-application')).toBe(false);
    expect(result.state.form?.members).toEqual(atConfirm().form?.members);
  });

  it.each(['确认', '对的', '没错', '提交吧', '行', '中', '嗯'])('the confirmation: "%s" files once', (text) => {
    const result = answer(atConfirm(), text);
    expect(result.effects.filter((effect) => effect.type === 'submit-application')).toHaveLength(1);
  });

  it.each(['不对', '错了', '不是', '有错'])('the confirmation: "%s" files nothing and asks what to change', (text) => {
    const result = answer(atConfirm(), text);
    expect(result.effects.some((effect) => effect.type === 'submit-application')).toBe(false);
    expect(result.state.form?.fix).not.toBeNull();
  });

  it.each(['不用了', '没了', '不加了', '够了', '就她一个', '沒有了', '就這些', '不', '不行谢谢'])('adding: "%s" declines more members and goes on to the pledge', (text) => {
    expect(answer(adding, text).state.form).toMatchObject({ status: 'consent', members: [{ name: '王淑珍' }] });
  });

  it.each(['不对', '错了', '不是', '有错', '好像不对'])('adding: "%s" right after a relative was recorded asks what is wrong, and declines nothing', (text) => {
    const asked = answer(adding, text).state;
    expect(asked.form).toMatchObject({ status: 'adding', members: [{ name: '王淑珍' }] });
    // Asked once: a no to that question goes on to the pledge.
    expect(answer(asked, '不用了').state.form).toMatchObject({ status: 'consent', members: [{ name: '王淑珍' }] });
  });

  it.each(['好的谢谢', '同意谢谢', '嗯嗯谢谢', '可以的谢谢', '好滴谢谢你啊'])('the pledge: "%s" (a yes said with thanks) agrees', (text) => {
    expect(answer(atConsent(), text).state.form).toMatchObject({ status: 'confirming', consent: true });
  });

  it.each(['谢谢', '谢谢您嘞', '辛苦了谢谢', '多谢多谢'])('the pledge: "%s" (thanks alone) is no agreement', (text) => {
    expect(answer(atConsent(), text).state.form).toMatchObject({ status: 'consent', consent: false });
  });

  it('with nothing open, "好的谢谢" is still thanks: a word back, nothing started', () => {
    const result = step(context, initialState(context, 'thanks-alone', '210200'), { type: 'text', text: '好的谢谢' }, now);
    expect(result.state.form).toBeNull();
    // Chit-chat with nothing open asks nothing of the service: the out-of-scope outcome, answered as thanks.
    expect(result.understanding).toMatchObject({ route: 'refusal', topic: null });
    expect(result.effects).toContainEqual({ type: 'reply', reply: expect.objectContaining({ text: expect.stringContaining('不客气') }) });
  });

  it.each(['就这样', '就这些吧', '就这么着吧', '行，谢谢你', '我儿子说没问题，提交吧'])('the confirmation: "%s" (nothing more to change) files once', (text) => {
    const result = answer(atConfirm(), text);
    expect(result.effects.filter((effect) => effect.type === 'submit-application')).toHaveLength(1);
  });

  it.each(['不要', '不用了', '先不要', '不需要'])('the confirmation: "%s" (a no, though worded like "no more") files nothing', (text) => {
    const result = answer(atConfirm(), text);
    expect(result.effects.some((effect) => effect.type === 'submit-application')).toBe(false);
    expect(result.state.form?.members).toEqual(atConfirm().form?.members);
  });

  it.each(['就这样', '就这些吧'])('adding: "%s" declines more members and goes on to the pledge', (text) => {
    expect(answer(adding, text).state.form).toMatchObject({ status: 'consent', members: [{ name: '王淑珍' }] });
  });

  it('the yesNo validator takes only an answer already decided; words are the reading\'s to decide', () => {
    const validation = { content: context.content, now, region: '210200' };
    expect(validate('yesNo', 'yes', validation)).toEqual({ ok: true, value: 'yes' });
    expect(validate('yesNo', 'no', validation)).toEqual({ ok: true, value: 'no' });
    for (const words of ['确认不了', '确认', '同意']) expect(validate('yesNo', words, validation)).toMatchObject({ ok: false });
  });

  it.each(['还要', '再加一个', '要'])('adding: "%s" asks for the next relative', (text) => {
    expect(answer(adding, text).state.form).toMatchObject({ status: 'collecting', pending: 'member.relationship', members: [{ name: '王淑珍' }] });
  });
});
