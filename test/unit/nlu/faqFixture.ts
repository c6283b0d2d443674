import type { z } from 'zod';
import { FaqEntrySchema, type FaqEntry } from '../../../src/content/schema.js';

/**
 * A small FAQ of our own, one or two entries per topic, so ranking tests do not move when editors change the
 * real content. Real content is checked by the routing evaluation instead.
 */
const source = { title: '国家医保局政策解读', url: 'https://www.nhsa.gov.cn/', tier: 'A', verified: '2025-08-01' } as const;

const entry = (fields: Omit<z.input<typeof FaqEntrySchema>, 'sources' | 'regions'> & { regions?: string[] }): FaqEntry =>
  FaqEntrySchema.parse({ regions: ['national'], sources: [source], ...fields });

export const fixtureFaq: FaqEntry[] = [
  entry({
    id: 'what-is-family-mutual-aid',
    topic: 'what_is',
    question: '什么是职工医保个人账户家庭共济？',
    paraphrases: ['家庭共济是什么意思', '医保共济账户有什么用'],
    answer: '家庭共济是指职工医保参保人把个人账户里的钱授权给近亲属使用，家人看病买药时可以用这部分余额支付自付费用。',
  }),
  entry({
    id: 'who-may-authorize',
    topic: 'eligibility',
    question: '什么人可以开通家庭共济把个人账户给家人用？',
    paraphrases: ['居民医保能不能共济给家人', '开通共济需要满足什么条件'],
    answer: '授权人须参加职工医保（在职或退休均可），个人账户有余额且状态正常；居民医保没有个人账户，不能作为授权人。',
  }),
  entry({
    id: 'which-relatives',
    topic: 'who_can_bind',
    question: '哪些亲属可以绑定家庭共济？',
    paraphrases: ['公婆岳父母能不能绑定', '兄弟姐妹和爷爷奶奶可以共济吗'],
    answer: '2024年起范围由配偶、父母、子女扩大到近亲属：配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女。配偶的父母不属于近亲属。',
  }),
  entry({
    id: 'how-to-bind-online',
    topic: 'how_to_bind',
    question: '家庭共济怎么绑定？',
    paraphrases: ['在手机上怎么办理共济绑定', '去哪里申请家庭共济'],
    answer: '可以在国家医保服务平台APP的地方专区或本省医保APP、小程序里办理，也可以带上证件到医保经办窗口办理。',
  }),
  entry({
    id: 'dalian-how-to-bind',
    topic: 'how_to_bind',
    question: '大连的家庭共济在哪里办？',
    paraphrases: ['大连市医保局公众号怎么绑定共济', '大连共济账户办理入口'],
    answer: '大连可以在大连市医保局公众号的服务大厅里选择我要办、共济账户办理，并签署共济账户绑定承诺书。',
    regions: ['210200'],
  }),
  entry({
    id: 'proof-documents',
    topic: 'materials',
    question: '绑定家庭共济需要准备哪些材料？',
    paraphrases: ['共济绑定要不要户口本结婚证', '给孩子绑定需要出生医学证明吗'],
    answer: '多数地区线上实行承诺制，签署承诺书即可；线下办理需带双方身份证件，配偶带结婚证或户口簿，未成年子女带户口簿或出生医学证明。',
  }),
  entry({
    id: 'how-many-members',
    topic: 'limits',
    question: '家庭共济最多能绑定几个人？',
    paraphrases: ['共济人数有上限吗', '一个人能被两个人绑定吗'],
    answer: '绑定人数由各地规定，例如有的地区最多6人；同一名家人同一时间只能被一位授权人绑定，绑定关系是单向的。',
    variants: [{ regions: ['210200'], answer: '大连最多绑定6人：父亲1人、母亲1人、配偶1人、子女3人。' }],
  }),
  entry({
    id: 'face-recognition',
    topic: 'face_auth',
    question: '绑定家人时需要人脸识别吗？',
    paraphrases: ['老人刷脸总是失败怎么办', '小孩没有手机怎么做人脸识别'],
    answer: '被绑定的家人年满16周岁须本人完成人脸识别，16岁以下不需要；人脸识别总不通过的，可以到线下窗口办理。',
  }),
  entry({
    id: 'review-time',
    topic: 'review',
    question: '提交绑定申请后多久生效？',
    paraphrases: ['共济审核要几天', '绑定失败是什么原因'],
    answer: '多数地区提交后即时生效，部分地区需要1至3个工作日审核；失败常见原因是家人未参保或关系不在允许范围内。',
  }),
  entry({
    id: 'what-it-pays',
    topic: 'usage_scope',
    question: '共济的钱可以用来支付什么费用？',
    paraphrases: ['家人住院能用共济账户吗', '能在药店给父母买药吗'],
    answer: '可以支付家人在定点医疗机构就医、在定点零售药店购药的个人自付费用，不能用于保健品、健身和美容。',
  }),
  entry({
    id: 'pay-premiums',
    topic: 'premium_payment',
    question: '个人账户能给家人交居民医保吗？',
    paraphrases: ['用共济给孩子缴城乡居民医保费', '能帮父母代缴医保费吗'],
    answer: '可以。很多地区允许用职工医保个人账户为近亲属缴纳城乡居民医保费，一般在集中征缴期办理。',
  }),
  entry({
    id: 'other-province',
    topic: 'cross_region',
    question: '家人在外省参保能共济吗？',
    paraphrases: ['跨省的家人怎么用我的个人账户', '医保钱包怎么给异地家人转钱'],
    answer: '家庭共济一般限于本省内参保的家人；跨省可以通过国家医保服务平台的医保钱包转账，双方地区都须已开通钱包。',
  }),
  entry({
    id: 'how-to-unbind',
    topic: 'unbind',
    question: '家庭共济怎么解绑？',
    paraphrases: ['取消共济绑定在哪里操作', '每年都要重新绑定吗'],
    answer: '由授权人在原办理渠道的共济模块里解除绑定，或到线下窗口办理；绑定长期有效，不需要每年重新绑定。',
  }),
  entry({
    id: 'qinqing-vs-gongji',
    topic: 'qinqing_difference',
    question: '亲情账户和家庭共济有什么区别？',
    paraphrases: ['加了亲情账户是不是就能用我的医保钱', '亲情账号和共济是一回事吗'],
    answer: '亲情账户只是帮家人出示医保码、代办业务，不共享钱；家庭共济才是把个人账户的钱授权给家人使用。',
  }),
  entry({
    id: 'lend-card',
    topic: 'card_rules',
    question: '医保卡能借给别人用吗？',
    paraphrases: ['用家人的医保卡看病违法吗', '把医保卡借给朋友会怎么样'],
    answer: '不能。钱可以共济，卡不能共用；借卡、冒名就医属于违法行为，要退回费用并处2至5倍罚款，还可能暂停联网结算。',
  }),
  entry({
    id: 'cash-out',
    topic: 'card_rules',
    question: '个人账户里的钱能取现吗？',
    paraphrases: ['医保卡的钱能不能提出来', '去世后个人账户余额可以继承吗'],
    answer: '个人账户的钱不能提现或套现，只能用于规定的医疗费用；参保人去世后，个人账户余额一般可以依法继承。',
  }),
];
