import { makeIdNumber } from '../test/helpers/idNumbers.js';

/**
 * One person's conversation in the HTTP benchmark (region 大连): a question, a binding form filled one slot per
 * turn with a digression in the middle, then two more questions.
 */
export const conversationScript: readonly string[] = [
  '家庭共济是什么意思',
  '我要绑定',
  '张伟',
  makeIdNumber({ region: '210202', birthDate: '1985-06-12', sex: 'male' }),
  '13812345678',
  '大连最多可以绑定几个人',
  '我妈',
  '李秀英',
  makeIdNumber({ region: '210202', birthDate: '1958-03-04', sex: 'female' }),
  '13912345678',
  '个人账户的钱能给父母交居民医保吗',
  '怎么解除绑定',
];
