import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, type ContentFile } from '../../../src/content/checkContent.js';
import { repoContentRules } from '../../../src/content/repoContentRules.js';
import { fixtureRules, fixturesDir } from './contentFixture.js';

/** What editors write that people later open, see as progress, or read as an example. */

async function validFiles(): Promise<ContentFile[]> {
  const root = join(fixturesDir, 'valid');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const paths = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(paths.sort().map(async (path) => ({ path: relative(root, path).split(sep).join('/'), text: await readFile(path, 'utf8') })));
}

async function withEdit(path: string, edit: (text: string) => string): Promise<ContentFile[]> {
  return (await validFiles()).map((file) => (file.path === path ? { ...file, text: edit(file.text) } : file));
}

const problemsOf = (files: ContentFile[], rules = fixtureRules) => {
  const result = checkContent(files, rules);
  return result.ok ? [] : result.problems;
};

describe('content people open from the widget', () => {
  it.each(['javascript:alert(1)', 'data:text/html,<b>hi</b>', 'ftp://files.example.gov.cn/a.pdf'])('refuses the source address %s', async (url) => {
    const files = await withEdit('flows/faq/review.yaml', (text) => text.replace("url: 'https://www.gov.cn/c'", `url: '${url}'`));
    expect(problemsOf(files)).toEqual([
      { file: 'flows/faq/review.yaml', path: 'entries[0].sources[0].url', message: `来源网址只能以 https:// 或 http:// 开头（当前值：「${url.length > 40 ? `${url.slice(0, 40)}…` : url}」）` },
    ]);
  });

  it('accepts http and https addresses', async () => {
    const files = await withEdit('flows/faq/review.yaml', (text) => text.replace("url: 'https://www.gov.cn/c'", "url: 'http://ybj.dl.gov.cn/a?b=1'"));
    expect(problemsOf(files)).toEqual([]);
  });
});

describe('phases of a flow (the progress people see)', () => {
  const phases = (yaml: string) => withEdit('flows/binding.flow.yaml', (text) => text.replace('summaryTemplate:', `${yaml}\nsummaryTemplate:`));

  it('accepts phases that hold every slot once', async () => {
    const files = await phases('phases:\n  - { title: 参保地, slots: [region] }\n  - { title: 您的信息, slots: [applicant.name] }\n  - { title: 家人信息, slots: [member.relationship, member.name] }\n  - { title: 承诺书, slots: [consent] }');
    const result = checkContent(files, fixtureRules);
    expect(result.ok && result.content.flows[0]?.phases.map((phase) => phase.title)).toEqual(['参保地', '您的信息', '家人信息', '承诺书']);
  });

  it('names a slot left out, one listed twice, and one the flow does not have', async () => {
    const files = await phases('phases:\n  - { title: 参保地, slots: [region, applicant.name] }\n  - { title: 您的信息, slots: [applicant.name, applicant.phone] }\n  - { title: 家人信息, slots: [member.relationship, member.name] }');
    expect(problemsOf(files)).toEqual([
      { file: 'flows/binding.flow.yaml', path: 'phases[1].slots[0]', message: '槽位「applicant.name」已经属于步骤「参保地」，每个槽位只能属于一个步骤' },
      { file: 'flows/binding.flow.yaml', path: 'phases[1].slots[1]', message: '步骤里的槽位「applicant.phone」不是本流程的槽位' },
      { file: 'flows/binding.flow.yaml', path: 'phases', message: '槽位「consent」不属于任何步骤：有 phases 时每个槽位都要归入一个步骤' },
    ]);
  });
});

describe('examples in wording', () => {
  const rules = { ...fixtureRules, hidesNumber: repoContentRules.hidesNumber };

  it('refuses a sample phone or ID number that replies would show masked', async () => {
    const files = await withEdit('prompts/messages/errors.yaml', (text) => text.replace('出了点问题，请稍后再试。', '出了点问题，比如“我的手机号是13800138000”。'));
    expect(problemsOf(files, rules)).toEqual([
      {
        file: 'prompts/messages/errors.yaml',
        path: 'messages.error.generic',
        message: '这里有一个像身份证号或手机号的数字，助手会把它当成个人号码遮住（显示成 138****8000 这样）：示例请不要写具体号码，改用“……”或文字说明',
      },
    ]);
  });

  it('leaves hotlines, dates, source addresses and samples written in words alone', async () => {
    const files = await withEdit('prompts/messages/errors.yaml', (text) => text.replace('出了点问题，请稍后再试。', '出了点问题，请拨打12393，或在2026-11-20后再说“我的手机号改成……”。'));
    expect(problemsOf(files, rules)).toEqual([]);
  });
});
