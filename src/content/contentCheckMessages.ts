import type { ErrorCode } from 'yaml';

/**
 * What the content checker tells editors. This wording lives in code rather than in prompts/messages/ because it
 * has to describe broken prompts/messages files too: it cannot depend on the content it checks.
 */

const yamlReasons: Record<ErrorCode, string> = {
  ALIAS_PROPS: '别名（*名字）不能带锚点或标签',
  BAD_ALIAS: '别名（*名字）写法不对',
  BAD_DIRECTIVE: '文件开头的 % 指令无效',
  BAD_DQ_ESCAPE: '双引号字符串里的转义（\\ 开头）无效',
  BAD_INDENT: '缩进不对，或者 [ ] { } 没有闭合',
  BAD_PROP_ORDER: '锚点和标签的位置不对',
  BAD_SCALAR_START: '值不能以这个字符开头，请给它加上引号',
  BLOCK_AS_IMPLICIT_KEY: '同一行里出现了第二个“键: 值”，值里含“: ”时请加引号',
  BLOCK_IN_FLOW: '[ ] 或 { } 里不能换行写多行结构',
  DUPLICATE_KEY: '同一层里键重复了',
  IMPOSSIBLE: '无法解析',
  KEY_OVER_1024_CHARS: '键太长（超过 1024 个字符）',
  MISSING_CHAR: '缺少必要的符号：列表项前的“- ”，或闭合的引号、括号',
  MULTILINE_IMPLICIT_KEY: '键必须写在同一行里，可能是缩进不对',
  MULTIPLE_ANCHORS: '一个节点只能有一个锚点',
  MULTIPLE_DOCS: '一个文件只能有一个文档，请删掉 --- 分隔线',
  MULTIPLE_TAGS: '一个节点只能有一个标签',
  NON_STRING_KEY: '键必须是文本',
  RESOURCE_EXHAUSTION: '别名引用过多',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  TAG_RESOLVE_FAILED: '未知的标签（!! 开头）',
  UNEXPECTED_TOKEN: '出现了不该出现的字符，可能是缩进不对或缺少“: ”',
  BAD_COLLECTION_TYPE: '这里的结构类型不对',
};

const typeNames: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true 或 false）',
  array: '列表',
  object: '映射（键: 值）',
  null: '空值',
};

function typeName(type: string): string {
  return typeNames[type] ?? type;
}

/** Short enough to read in one line of a report. */
function quote(value: string): string {
  return `「${value.length > 40 ? `${value.slice(0, 40)}…` : value}」`;
}

function list(values: readonly string[]): string {
  return values.join('、');
}

export const contentCheckMessages = {
  unknownFile:
    '未知的内容文件：内容只能是 flows/faq/*.yaml、flows/regions/*.yaml、flows/*.flow.yaml、flows/synonyms.yaml、flows/nlu/*.yaml、prompts/messages/*.yaml 或 prompts/llm.yaml',
  emptyFile: '文件是空的',
  yamlSyntax: (at: { line: number; column: number; text: string }, code: ErrorCode, laterErrors: number) =>
    `YAML 语法错误（${at.line}:${at.column}，第 ${at.line} 行第 ${at.column} 列${quote(at.text.trim())}）：${yamlReasons[code]}` +
    (laterErrors > 0 ? `；其后还有 ${laterErrors} 处语法错误，可能由此引起，改好这一处后再检查` : ''),
  yamlUnknownAlias: (at: { line: number; column: number; text: string }, alias: string) =>
    `YAML 语法错误（${at.line}:${at.column}，第 ${at.line} 行第 ${at.column} 列${quote(at.text.trim())}）：别名 *${alias} 之前没有定义锚点 &${alias}`,
  yamlTooManyAliases: 'YAML 别名引用过多，无法展开',
  wrongSchemaLine: (actual: string, expected: string) => `$schema 应为 ${expected}，现为${quote(actual)}`,

  // Schema issues; the wrong value itself is appended by `withValue`.
  withValue: (message: string, value: string) => `${message}（当前值：${quote(value)}）`,
  missingField: (field: string) => `缺少必填字段 ${field}`,
  wrongType: (expected: string, received: string) =>
    `类型不对：应为${typeName(expected)}，实际是${typeName(received)}` +
    (expected === 'string' && (received === 'number' || received === 'boolean') ? '，当文本用时请加引号' : ''),
  notOneOf: (values: readonly string[]) => `取值无效，可选：${list(values)}`,
  tooShortText: (minimum: number) => `至少需要 ${minimum} 个字符`,
  tooLongText: (maximum: number) => `最多 ${maximum} 个字符`,
  tooFewItems: (minimum: number, actual: number) => `至少需要 ${minimum} 项，现有 ${actual} 项`,
  tooManyItems: (maximum: number, actual: number) => `最多 ${maximum} 项，现有 ${actual} 项`,
  tooSmallNumber: (minimum: number, inclusive: boolean) => (inclusive ? `不能小于 ${minimum}` : `必须大于 ${minimum}`),
  tooBigNumber: (maximum: number, inclusive: boolean) => (inclusive ? `不能大于 ${maximum}` : `必须小于 ${maximum}`),
  badFormat: (format: string) => (format === 'url' ? '不是有效的网址' : `格式不对（应为 ${format}）`),
  badPattern: (pattern: string) => `格式不对，应匹配 ${pattern}`,
  unknownField: (field: string) => `未知字段 ${field}（拼写错误？）`,
  badKey: (reasons: readonly string[]) => `键名无效：${list(reasons)}`,
  noMatchingForm: (reasons: readonly string[]) => `不符合任何一种允许的写法：${reasons.join('；或者')}`,
  invalid: '取值无效',

  // Cross-file checks.
  duplicateFaqId: (id: string, elsewhere: readonly string[]) => `FAQ id${quote(id)}重复，另见 ${list(elsewhere)}`,
  duplicateRegionCode: (code: string, elsewhere: readonly string[]) => `地区代码${quote(code)}重复，另见 ${list(elsewhere)}`,
  duplicateMessageId: (id: string, elsewhere: readonly string[]) => `消息 id${quote(id)}重复，另见 ${list(elsewhere)}`,
  duplicateFlowId: (id: string, elsewhere: readonly string[]) => `流程 id${quote(id)}重复，另见 ${list(elsewhere)}`,
  duplicateSlot: (key: string, elsewhere: readonly string[]) => `槽位${quote(key)}在本流程里重复，另见 ${list(elsewhere)}`,
  unknownValidator: (name: string, known: readonly string[]) => `未知的校验器${quote(name)}，可用：${list(known)}`,
  placeholderInAnswer: (name: string) => `占位符 {${name}} 不是任何槽位：常见问题的答案原样显示给用户，不会替换占位符，请直接写出内容`,
  unknownPlaceholder: (name: string, known: readonly string[]) => `占位符 {${name}} 不是本流程的槽位，可用：${list(known.map((key) => `{${key}}`))}`,
  unknownRegion: (code: string) => `地区代码${quote(code)}不存在`,
  fileName: (field: string, expected: string, actual: string) => `文件名应与 ${field} 一致：应为 ${expected}，现为 ${actual}`,
  subjectWordTwice: (word: string, elsewhere: readonly string[]) => `词${quote(word)}只能属于一类人，另见 ${list(elsewhere)}`,
  sideWordTwice: (word: string, elsewhere: readonly string[]) => `词${quote(word)}只能说一方（出钱的或用钱的），另见 ${list(elsewhere)}`,
  concernNotSynonymHead: (word: string) => `${quote(word)}不是 flows/synonyms.yaml 里任何一组的第一个词：只有每组的第一个词能当关心的事`,
  regionNameKnown: (name: string) => `${quote(name)}已是 src/domain/regions.ts 里的地名，不用再写`,
  regionNameTwice: (name: string, elsewhere: readonly string[]) => `地名${quote(name)}只能写一次（一个名字只指一个地方），另见 ${list(elsewhere)}`,
  areaCodeTwice: (areaCode: string, elsewhere: readonly string[]) => `区号${quote(areaCode)}只能对应一个地方，另见 ${list(elsewhere)}`,
  notRegionHoldsNoName: (word: string) => `${quote(word)}里没有助手认得的地名，不用写在 notRegions 里（这里只写含有地名、却不指一个地方的词）`,
  unknownRelated: (id: string) => `相关条目${quote(id)}不存在`,
  bindingWordDone: (word: string, bindWord: string) => `${quote(word)}含有绑定的说法${quote(bindWord)}：“帮我妈绑一下”是要绑她，不是替她办，这里不能写绑定的说法`,
  bindingWordMissingDetail: (word: string, bindWord: string) => `${quote(word)}含有绑定的说法${quote(bindWord)}（flows/nlu/filingFor.yaml 的 bindWords）：“妈也要绑”是再绑一个人，不是说她缺什么，这里不能写绑定的说法`,
  peopleWordTwice: (word: string, elsewhere: readonly string[]) => `${quote(word)}写了两次，另见 ${list(elsewhere)}`,
  misheardNotKinship: (word: string) => `${quote(word)}不是助手认得的亲属称呼（flows/nlu/kinship.yaml）：这里只写亲属称呼的错字`,
  kinshipUnknownMeaning: (meaning: string, known: readonly string[]) => `未知的意思${quote(meaning)}，可用：${list(known)}`,
  kinshipEmptyList: (meaning: string) => `意思${quote(meaning)}下没有称呼：至少写一个，或删掉这一项`,
  kinshipRelationshipMissing: (relationship: string) => `缺少关系 ${relationship} 的称呼：每种能绑定的关系都要有，第一个词是表单替用户填写这个关系时用的说法`,
  kinshipWordTwice: (word: string, elsewhere: readonly string[]) => `称呼${quote(word)}只能有一种意思（只写一次），另见 ${list(elsewhere)}`,
  kinshipPhraseMeansOther: (phrase: string, meaning: string, elsewhere: string) => `这张表拼出的${quote(phrase)}意思是 ${meaning}，但它已有别的意思：${elsewhere}`,
  kinshipSexTwice: (word: string, elsewhere: readonly string[]) => `称呼${quote(word)}只能说一种性别，另见 ${list(elsewhere)}`,
  misheardIsAWord: (form: string) => `${quote(form)}本身就是助手认得的称呼，不能当作别的词的错字`,
  misheardTwice: (form: string, elsewhere: readonly string[]) => `错字${quote(form)}只能对应一个称呼，另见 ${list(elsewhere)}`,
  pronounTwice: (word: string, elsewhere: readonly string[]) => `代词${quote(word)}只能指一方（家人或申请人本人），另见 ${list(elsewhere)}`,
  topicWithoutEntry: (topic: string) => `分类 ${topic} 还没有任何 FAQ 条目`,
  noNationalPolicy: '缺少全国默认政策：需要 flows/regions/national.yaml（code: national）',
  noBindingFlow: '缺少 id 为 binding 的流程（flows/binding.flow.yaml）',
  onlyTierD: '只有D级来源：请至少加一条 A、B 或 C 级来源（D 级的说法需要 A/B 级来源印证）',
  unknownSourceId: (id: string, known: readonly string[]) => `来源编号${quote(id)}不在本文件的 sources 表里，可用：${list(known)}`,
  factOnlyTierD: '这条事实只有D级来源：请加一条 A、B 或 C 级来源，或者把它移到 unconfirmed（只在问题提到时作为未经证实的说法回答）',
  claimNotTierD: '这条说法有 A、B 或 C 级来源，应写进 facts 作为事实，而不是放在 unconfirmed',
  nationalFactMissing: (fact: string) => `全国默认政策必须写明 ${fact}：没有自己规定的地区都从这里继承`,
  unusedSource: (id: string) => `来源${quote(id)}没有被任何事实、说法或说明引用`,
  regionalVariant: (topic: string) => `分类 ${topic} 的答案按地区政策文件生成：不能再写地区 variants，请把地区规定写进 flows/regions/*.yaml 的 facts`,
  templateTopic: (template: string, topic: string) => `模板 ${template} 不回答分类 ${topic} 的问题`,
  unknownTemplate: (template: string, known: readonly string[]) => `未知的答案模板${quote(template)}，可用：${list(known)}`,
  staleSource: (days: number, limit: number) => `来源已经 ${days} 天没有核实（超过 ${limit} 天）：请重新核对并更新 verified`,
  missingMessage: (id: string) => `缺少消息${quote(id)}`,
  maskedSample:
    '这里有一个像身份证号或手机号的数字，助手会把它当成个人号码遮住（显示成 138****8000 这样）：示例请不要写具体号码，改用“……”或文字说明',
  phaseUnknownSlot: (key: string) => `步骤里的槽位${quote(key)}不是本流程的槽位`,
  phaseSlotTwice: (key: string, phase: string) => `槽位${quote(key)}已经属于步骤${quote(phase)}，每个槽位只能属于一个步骤`,
  slotWithoutPhase: (key: string) => `槽位${quote(key)}不属于任何步骤：有 phases 时每个槽位都要归入一个步骤`,
  unknownLabel: (family: string, label: string, known: readonly string[]) => `未知的${family}标签${quote(label)}，可用：${list(known)}`,
  exampleUnderTwoLabels: (text: string, labels: readonly string[]) => `例句${quote(text)}同时标成了 ${list(labels)}：一个例句只能有一个标签`,
  alikeInOtherGroup: (text: string, other: string, elsewhere: string) =>
    `例句${quote(text)}和${quote(other)}（${elsewhere}）几乎一样（字符二元组 Jaccard ≥ 0.5）：请放进同一个 group，或改写得更不一样`,
  tooFewGroups: (label: string, count: number, minimum: number) => `标签${quote(label)}只有 ${count} 组例句，至少需要 ${minimum} 组不同的说法`,

  // The check command.
  loadedSummary: (counts: { faq: number; regions: number; flows: number; messages: number; version: string }) =>
    `内容检查通过（版本 ${counts.version}）：FAQ ${counts.faq} 条，地区政策 ${counts.regions} 个，流程 ${counts.flows} 个，消息 ${counts.messages} 条`,
  topicCount: (topic: string, count: number) => `  ${topic}：${count} 条`,
  warningCount: (count: number) => `提醒：共 ${count} 条来源需要重新核实（不影响上线）`,
  problemCount: (count: number) => `内容检查未通过：共 ${count} 个问题`,
};
