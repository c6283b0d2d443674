import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import type { ConversationState } from '../../../src/engine/state.js';
import { initialState, step } from '../../../src/engine/step.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';
import { makeIdNumber } from '../../helpers/idNumbers.js';

const now = new Date('2026-11-22T02:00:00Z');
let context: EngineContext;
let twoMembers: ConversationState;

function say(state: ConversationState, text: string) {
  return step(context, state, { type: 'text', text }, now);
}
const replies = (result: ReturnType<typeof step>) => result.effects.flatMap((effect) => (effect.type === 'reply' ? [effect.reply.text] : [])).join('\n');
const relationships = (state: ConversationState) => state.form?.members.map((member) => member.relationship) ?? [];

beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
  let state = initialState(context, 'member-removal', '210200');
  for (const text of [
    '给我爸妈办共济',
    `我叫田野 ${makeIdNumber({ region: '210202', birthDate: '1986-05-02', sex: 'male' })} 13604110001`,
    `我爸田茂林 ${makeIdNumber({ region: '210202', birthDate: '1958-04-11', sex: 'male' })} 13604110002`,
    `我妈郭凤霞 ${makeIdNumber({ region: '210202', birthDate: '1960-09-23', sex: 'female' })} 13604110003`,
  ]) state = say(state, text).state;
  twoMembers = state;
});

describe('taking an accepted member out of the application before it is filed', () => {
  it('the two members are accepted, and the form asks whether to add another', () => {
    expect(twoMembers.form?.status).toBe('adding');
    expect(relationships(twoMembers)).toEqual(['father', 'mother']);
  });

  it.each([
    ['把我妈去掉', ['father'], '母亲郭凤霞'],
    ['我爸就不用办了', ['mother'], '父亲田茂林'],
    ['郭凤霞那个删了吧', ['father'], '母亲郭凤霞'],
    ['只绑我妈', ['mother'], '父亲田茂林'],
    ['我妈先不给她办了，就我爸一个', ['father'], '母亲郭凤霞'],
    ['哦对了，我爸已经被我姐绑上了，我爸删了吧', ['mother'], '父亲田茂林'],
    ['我妈让我哥绑过了 把她拿掉', ['father'], '母亲郭凤霞'],
    ['我爸不绑了，我弟那边早就给他办了', ['mother'], '父亲田茂林'],
    // The one kept is already a member: nobody to switch to, and no name of hers asked again.
    ['我爸不办了，只给我妈办', ['mother'], '父亲田茂林'],
    ['就我妈一个', ['mother'], '父亲田茂林'],
    ['给我爸办就行', ['father'], '母亲郭凤霞'],
  ])('"%s" takes out exactly the one named (or every one not kept), says whom, and keeps the rest', (text, left, removed) => {
    const result = say(twoMembers, text);
    expect(relationships(result.state)).toEqual(left);
    expect(replies(result)).toContain(removed);
    expect(result.state.form?.status).toBe('adding');
  });

  it.each([
    ['我妈不用刷脸吧', '问题：问的是人脸识别'],
    ['我妈的手机不用了，用我的吧', '说的是手机号'],
    ['只绑我爸妈两个', '两位都留下'],
    ['我爸被我姐绑了的话，还能去掉吗', '问题：问的是能不能去掉'],
  ])('"%s" takes nobody out (%s)', (text) => {
    expect(relationships(say(twoMembers, text).state)).toEqual(['father', 'mother']);
  });

  it('with nobody left, one member is asked for again and nothing is filed', () => {
    const one = say(twoMembers, '把我妈去掉').state;
    const none = say(one, '我爸也不办了');
    expect(relationships(none.state)).toEqual([]);
    expect(none.state.form?.status).toBe('collecting');
    expect(none.state.form?.pending).toBe('member.relationship');
    expect(replies(none)).toContain('父亲田茂林');
  });
});
