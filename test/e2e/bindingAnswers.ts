export type Person = { name: string; idNumber: string; phone: string };
export type Answer = { say: string } | { choose: string } | { wait: true } | { done: string };

/**
 * What a person binding their mother in the widget does next, read from the assistant's latest replies (the last one
 * is the question): type a detail, choose a quick reply, wait for the filing, or read the record number.
 */
export function answerTo(people: { applicant: Person; mother: Person }, replies: string[]): Answer | undefined {
  const recordNumber = /授权记录编号[：:]\s*([A-Za-z0-9-]+)/.exec(replies.join('\n'));
  if (recordNumber?.[1]) return { done: recordNumber[1] };
  const question = replies.at(-1) ?? '';
  const rules: [RegExp, Answer][] = [
    [/正在为您提交/, { wait: true }],
    [/承诺/, { choose: '同意' }],
    [/核对/, { choose: '确认提交' }],
    [/再添加|其他家人/, { choose: '不用了，下一步' }],
    [/是您的什么人|什么关系/, { choose: '母亲' }],
    [/母亲.*(姓名|名字)/, { say: people.mother.name }],
    [/母亲.*身份证/, { say: people.mother.idNumber }],
    [/母亲.*手机/, { say: people.mother.phone }],
    [/哪个城市|参保地/, { say: '大连' }],
    [/姓名|名字/, { say: people.applicant.name }],
    [/身份证/, { say: people.applicant.idNumber }],
    [/手机/, { say: people.applicant.phone }],
  ];
  return rules.find(([pattern]) => pattern.test(question))?.[1];
}
