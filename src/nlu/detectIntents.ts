import { fraudCues, questionCue } from './cues.js';
import { foldWidth } from './foldWidth.js';

export const intents = ['start_binding', 'cancel', 'restart', 'status', 'unbind', 'human', 'correction', 'add_member', 'greeting', 'thanks'] as const;
export type Intent = (typeof intents)[number];

/** Asking how, even inside a request ("帮我看看怎么绑"). */
const howCue = /怎么|如何|怎样|咋|哪里|在哪|哪儿|流程|步骤|方法|入口|渠道|需要什么|要什么|什么材料/;
/** A request addressed to the assistant: outweighs a polite question form ("帮我绑一下可以吗"). */
const requestCue = /帮我|请帮|麻烦帮|麻烦你|替我|给我办|我要|我想|我需要|现在就|马上|立即|立刻|直接/;

const act = '(办理|办|绑定|绑|申请|开通|添加)';

type IntentRule = {
  intent: Intent;
  cue: RegExp;
  /** When the message looks like a question, the cue only counts with a request cue (or never, for 'how'). */
  unlessQuestion?: 'how' | 'question';
};

const rules: readonly IntentRule[] = [
  {
    intent: 'start_binding',
    cue: new RegExp(`(帮我|帮我们|请帮我|麻烦帮我|麻烦你|替我|帮忙)((给|把).{0,8}?)?${act}|(现在|马上|立即|立刻|直接|这就|开始|去)(就)?((给|把).{0,8}?)?${act}`),
    unlessQuestion: 'how',
  },
  {
    intent: 'start_binding',
    cue: new RegExp(`(我要|我想|我需要|想要|我准备|我打算|我得)(给.{0,8}?|把.{0,8}?)?${act}|给(我|俺)的?.{1,5}?${act}(一下|家庭共济|共济)?$|^${act}(家庭共济|共济|绑定|家人|家属|亲人|家里人)?$|^绑定?(我|俺)的?.{1,4}$`),
    unlessQuestion: 'question',
  },
  {
    intent: 'cancel',
    cue: /算了|不办了|不弄了|不绑了|不要办了|先不办|先不弄|先不绑|不想办了|不想弄了|不想绑了|不想申请了|别办了|不申请了|放弃|退出|停止办理|^取消(?!绑定|共济|授权|关联|家庭)|^不要了|^不用了|^没事了/,
    unlessQuestion: 'how',
  },
  { intent: 'restart', cue: /重新开始|从头开始|从头来|从头再来|重来|重新来|再来一次|重新填|重新办|重新申请|全部重填|从新开始|重新弄/ },
  {
    intent: 'status',
    cue: /进度|审核到哪|审到哪|办到哪|到哪一步|到哪了|办好了(吗|没)|办好没|好了没|通过了(吗|没)|通过没|审核结果|审核好了|查一下我的|查查我的|查我的|我的申请|申请状态|申请结果|办理结果|办理状态|批下来了|批了吗|绑上了(吗|没)|绑好了(吗|没)|绑定成功了(吗|没)|成功了(吗|没)|有结果了/,
    unlessQuestion: 'how',
  },
  {
    intent: 'unbind',
    cue: /解绑|解除绑定|取消绑定|解除共济|取消共济|取消授权|撤销授权|解除授权|解除关联|取消关联|退出共济|不让(他|她|它|ta|(我|俺)的?.{1,3})(再)?用|不给(他|她|ta|(我|俺)的?.{1,3})用|不想让.{1,4}用|删(除|掉)(家人|成员|(我|俺)的?.{1,3}|他|她)|移除/,
    unlessQuestion: 'question',
  },
  { intent: 'human', cue: /转人工|人工客服|人工服务|找人工|要人工|接人工|叫人工|人工坐席|真人客服|找真人|真人服务|找客服|联系客服|转客服|^人工$|坐席|接线员/ },
  {
    intent: 'correction',
    cue: /输错了|写错了|填错了|打错了|弄错了|搞错了|说错了|选错了|错了|不对[，,。\s]*(应该|是|我|他|她|改)|应该是|改一下|改成|改为|更正|修改一下|纠正|改正|重新输入/,
    unlessQuestion: 'how',
  },
  {
    intent: 'add_member',
    cue: /再加(一个|个|一位|上)?|再添加|再绑(一个|个)?|还要绑|还想绑|还想给|还要给|另外还有|还有(我|俺)的?(爸|妈|父|母|老婆|老公|爱人|媳妇|孩子|儿子|女儿|闺女|哥|姐|弟|妹|爷|奶|外公|外婆|姥|孙)|再增加|多加一个|再办一个|也要绑|也绑上|也加上|一起绑/,
    unlessQuestion: 'how',
  },
  { intent: 'greeting', cue: /^(你好|您好|hi\b|hello|hey\b|哈喽|哈啰|嗨|在吗|在不在|早上好|上午好|中午好|下午好|晚上好|早安|喂)/ },
  { intent: 'thanks', cue: /谢谢|感谢|多谢|谢了|谢啦|thx|thanks|thank you|辛苦了|辛苦你|麻烦你了/ },
];

/**
 * What the person wants done, besides asking a question: several at once are possible ("你好，我要绑定").
 * Returned in the order they appear in the text. `flowTriggers` are the binding flow's own phrases.
 */
export function detectIntents(text: string, flowTriggers: readonly string[]): Intent[] {
  const folded = foldWidth(text).trim();
  const asksHow = howCue.test(folded);
  const asking = { how: asksHow, question: asksHow || (questionCue.test(folded) && !requestCue.test(folded)) };
  const found = new Map<Intent, number>();
  const note = (intent: Intent, position: number) => {
    const known = found.get(intent);
    if (known === undefined || position < known) found.set(intent, position);
  };

  for (const rule of rules) {
    const match = rule.cue.exec(folded);
    if (match && !(rule.unlessQuestion && asking[rule.unlessQuestion])) note(rule.intent, match.index);
  }
  if (!asking.question) {
    for (const trigger of flowTriggers) {
      const position = folded.indexOf(foldWidth(trigger).trim());
      if (trigger.trim() !== '' && position >= 0) note('start_binding', position);
    }
  }
  // A cancelled or undone binding is not a new one ("不想绑了", "解绑我妈"), and a fraudulent one is not started.
  if (found.has('cancel') || found.has('unbind') || fraudCues.some((cue) => cue.test(folded))) found.delete('start_binding');
  return [...found.entries()].sort((a, b) => a[1] - b[1]).map(([intent]) => intent);
}
