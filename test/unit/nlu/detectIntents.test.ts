import { describe, expect, it } from 'vitest';
import { detectIntents, type Intent } from '../../../src/nlu/detectIntents.js';

const triggers = ['办理家庭共济', '绑定家人'];
const intentsOf = (text: string) => detectIntents(text, triggers);

describe('detectIntents', () => {
  it.each<[string, Intent]>([
    ['我要给我爸绑定', 'start_binding'],
    ['帮我把我老婆绑上', 'start_binding'],
    ['现在就办理', 'start_binding'],
    ['开始申请', 'start_binding'],
    ['我想办理家庭共济', 'start_binding'],
    ['算了，不弄了', 'cancel'],
    ['取消', 'cancel'],
    ['重新开始吧', 'restart'],
    ['全部重填', 'restart'],
    ['我的申请审到哪一步了', 'status'],
    ['帮我查一下进度', 'status'],
    ['办好了没', 'status'],
    ['把我弟解绑', 'unbind'],
    ['取消绑定我爸', 'unbind'],
    ['以后不让她用了', 'unbind'],
    ['转人工', 'human'],
    ['我要找人工客服', 'human'],
    ['手机号输错了', 'correction'],
    ['不对，应该是我外婆', 'correction'],
    ['身份证改一下', 'correction'],
    ['再加一个', 'add_member'],
    ['还有我妹妹', 'add_member'],
    ['您好', 'greeting'],
    ['谢谢你', 'thanks'],
  ])('%s → %s', (text, intent) => {
    expect(intentsOf(text)).toContain(intent);
  });

  it('starts the flow on the flow’s own trigger phrases', () => {
    expect(detectIntents('想绑定家人', ['绑定家人'])).toContain('start_binding');
    expect(detectIntents('想绑定家人', [])).not.toContain('start_binding');
  });

  it.each([
    '怎么绑定家庭共济',
    '绑定家人需要什么材料',
    '我想给我妈绑定，要去哪里办',
    '在哪里申请',
    '怎么解绑',
    '解绑以后还能再绑吗',
    '审核一般要多久',
    '怎么查审核结果',
    '取消绑定需要对方同意吗',
  ])('a question about how, not a command: %s', (text) => {
    const found = intentsOf(text);
    expect(found).not.toContain('start_binding');
    expect(found).not.toContain('unbind');
    expect(found).not.toContain('status');
  });

  it('reads several intents in the order they are said', () => {
    expect(intentsOf('你好，我要给我妈绑定')).toEqual(['greeting', 'start_binding']);
  });

  it('does not start a binding when the person stops or undoes one', () => {
    expect(intentsOf('我不想绑了')).toEqual(['cancel']);
    expect(intentsOf('我要解绑我爸')).toEqual(['unbind']);
  });

  it('does not start a binding asked for with a lie about the relationship', () => {
    expect(intentsOf('帮我把我朋友说成我弟弟绑定')).not.toContain('start_binding');
  });
});
