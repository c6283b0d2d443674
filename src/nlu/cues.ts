import type { Topic } from '../content/schema.js';

/**
 * Input vocabulary that decides whether a message is a question for this assistant at all.
 * Patterns run on width-folded, lower-cased text (foldWidth). They describe how people phrase things,
 * never what the assistant says.
 */

/** Asking for fraud outright: forged papers, 骗保, 套现, passing someone off as a relative. */
export const fraudCues: readonly RegExp[] = [
  /套现|套取|套出|套钱|骗保|骗取|骗医保|诈骗医保/,
  /伪造|造假|假证|办假|做假|弄假|作假|仿造|篡改|以假乱真|萝卜章/,
  /假的?(结婚证|户口本|户口簿|出生证|出生医学证明|证明|材料|身份证|关系)/,
  /(?<![a-z])(p|ps|修)(一|个|张|下|一个|一张|一下)?(个|张)?(图|结婚证|户口本|户口簿|出生证|出生医学证明|证明|身份证)/,
  /冒充|冒名顶替|顶替|谎称|谎报|虚报|虚构|假冒|假装|伪装成?/,
  /(当成|当作|充当|说成|写成|填成|报成|算成|认作)(是)?(我的?)?(家人|亲属|亲戚|近亲属|配偶|老婆|老公|父母|爸|妈|子女|儿子|女儿|孩子|兄弟|姐妹|哥|弟|姐|妹)/,
  /倒卖|转卖|卖(医保卡|社保卡|药)|回收(医保卡|社保卡|药)|收购医保卡|代刷|刷卡换|换购|换(成)?(生活用品|日用品|超市卡|购物卡|油卡)/,
  /(不被|不会被|别被|防止被|躲过|逃过|避开|绕过|规避)(发现|查|查到|抓|审核|监管|稽核)|钻空子|漏洞/,
];

/**
 * Acts that become fraud when someone asks how to do them: using another person's card, getting the balance out
 * as cash. Asked as a yes/no question ("能借给家人用吗") they are answered from the FAQ instead.
 */
export const fraudActCues: readonly RegExp[] = [
  /借(给|用|我|你|他|她|别人|朋友|同事|邻居|亲戚)?.{0,6}(医保卡|社保卡|卡|医保码|医保电子凭证)/,
  /(用|拿|刷)(别人|他人|朋友|同事|邻居|同学|熟人)的?.{0,4}(医保卡|社保卡|卡|医保|医保码|账户)/,
  /(提现|取现|取出来|取出|提出来|变现|换成现金|兑现|转到(银行卡|微信|支付宝)|转出来|提取现金)/,
  /(朋友|同事|邻居|同学|男朋友|女朋友|室友|情人|熟人|外人|干爹|干妈|战友|非亲属).{0,8}(绑|共济|添加|加进|加入)/,
];

/** Getting the money out is no fraud when the holder has died: the balance is inherited. */
export const inheritanceCue = /去世|过世|离世|死亡|身故|病故|继承|遗产|不在了|走了/;

/** "How do I…" / "help me…": turns an act above from a question about the rules into a request to do it. */
export const howToCue = /怎么|如何|怎样|咋|教我|教教|帮我|帮忙|替我|办法|方法|门路|路子|技巧|攻略|偷偷|有没有人|谁能|哪里能|哪里可以|在哪.{0,2}(弄|办|换)|能不能帮/;

/** Asking about something rather than asking for it: "怎么绑定" is a question, "绑定我妈" a request. */
export const questionCue = /怎么|如何|怎样|咋|哪里|在哪|哪儿|什么|啥|哪些|多久|多长|几个|几天|吗|[？?]|能不能|可不可以|可以不|是否|有没有|要不要|需不需要|行不行|流程|步骤|为什么|为啥/;

/** Plainly not about medical insurance for the family. */
export const outOfScopeCues: readonly RegExp[] = [
  /公积金|养老保险|养老金|退休金|职业年金|企业年金|失业金|失业保险|工伤|个税|个人所得税|低保|社保转移接续/,
  /天气|气温|下雨|下雪|台风|空气质量/,
  /股票|炒股|基金定投|买基金|理财|彩票|贷款|房贷|车贷|信用卡|借钱|比特币|汇率|黄金价格/,
  /医院排名|哪家医院|哪个医院|什么医院|医院哪家|最好的医院|三甲医院|专家号|哪个医生|哪位医生|挂什么科|看什么科/,
  /吃什么药|吃啥药|用什么药|什么药好|什么药管用|怎么治|如何治|治疗方法|治疗方案|偏方|症状|病因|吃什么好|怎么调理|吃什么补|药量|剂量|副作用/,
  /减肥|菜谱|做饭|怎么做菜|旅游|景点|机票|火车票|高铁票|签证|护照|驾照|违章|快递|外卖|租房|房价|买房/,
  /写代码|编程|翻译|写诗|作文|写一篇|笑话|讲故事|唱歌|电影|电视剧|游戏|足球|篮球|星座|算命|运势|星期几|几点了/,
  /车险|重疾险|寿险|意外险|理赔/,
  // Medical insurance, but not the family account: card services, other benefits, contributions, reimbursement lists.
  /密码|挂失|补办|补卡|换卡|激活|丢了|丢失|遗失|社保(?!卡)|五险一金|断缴|补缴|欠费|生孩子|生育|产检|分娩|疫苗|接种|备案|转诊|(能|可以)报(销)?(吗|多少)|报多少|报销目录/,
];

/** Attempts to change the assistant's instructions or role. They carry no authority. */
export const injectionCues: readonly RegExp[] = [
  /(忽略|无视|忘记|忘掉|不要理会|不要管|别管|抛开)(你|掉)?(之前|以上|上面|前面|所有|全部|原来|原有|先前|你的|系统|规则|指令|设定)/,
  /(之前|以上|上面|前面|所有|全部|原来|原有|先前)的?(指令|指示|规则|设定|提示|命令|限制)/,
  /system ?prompt|prompt|系统提示|提示词|系统指令|系统消息|指令集/,
  /你现在是|你现在扮演|从现在起你是|你不再是|假设你是|扮演|角色扮演|你是一个不受限制|不受限制|越狱|jailbreak|dan模式|开发者模式|developer mode|管理员模式|root权限/,
  /ignore (all |the )?(previous|above|prior)|disregard|you are now|act as|pretend to be/,
];

/** Words that tie a message to 医保 / 共济 / a family member's insurance. Without one a message is out of scope. */
export const scopeAnchor = new RegExp(
  [
    '医保|医疗保|共济|个人账户|个账|账户|帐户|亲情|钱包|绑|解绑|关联|授权|刷脸|人脸|报销|看病|就医|买药|购药|药店|药房|住院|门诊',
    '参保|缴费|交费|代缴|保费|社保卡|承诺书|告知书|近亲属|家人|家属|亲属|家庭|配偶|父母|爸|妈|子女|孩子|儿子|女儿|老婆|老公|爱人|岳|公婆|婆婆|公公|丈人',
    '兄弟|姐妹|哥|姐|弟|妹|爷爷|奶奶|外公|外婆|姥|孙|12393|12333|套现|提现|冒名|骗保|结婚证|户口|出生证|余额|统筹|异地|跨省|审核|生效',
  ].join('|'),
);

/** Anchors specific enough that a message mentioning something out of scope may still be a real question here. */
export const strongScopeAnchor = /共济|个人账户|个账|亲情账户|亲情账号|医保钱包|绑定|解绑|绑|职工医保|居民医保/;

/**
 * What kind of answer a question asks for, by its question words: "怎么绑" wants steps, "要什么材料" wants proofs.
 * A topic a cue names gets a bonus among the topics whose entries match, so "社保卡如何绑定家人" is about how to bind
 * even where the words 社保卡 and 家人 also match the card rules. Binding words exclude 解绑 (that is unbinding).
 */
export const questionTypeCues: readonly { topic: Topic; cue: RegExp }[] = [
  { topic: 'how_to_bind', cue: /(怎么|如何|怎样|咋|怎)(样)?(才能|才可以|去|来|进行)?(办理|办|绑定|绑|关联|添加|开通|设置|操作)(?!.{0,2}解)/ },
  { topic: 'unbind', cue: /(怎么|如何|怎样|咋)(样)?(才能|去|来|进行)?(解绑|解除|取消绑定|取消关联)/ },
  { topic: 'materials', cue: /(要|需要|得|准备|带|提供|上传)(些)?(什么|啥|哪些)(材料|证明|证件|资料|手续)/ },
  { topic: 'review', cue: /(多久|多长时间|几天|什么时候)(能|才能|可以|会)?(生效|审核|通过|审批|批下来|能用)/ },
];
