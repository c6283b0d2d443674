import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblems, InvalidContentError, loadContent } from '../../../src/content/loadContent.js';
import { fixtureRoot, fixtureRules, removeFixtureRoots } from './contentFixture.js';

afterAll(removeFixtureRoots);

describe('formatProblems', () => {
  it('writes one line per problem as file → path → message, leaving out an empty path', () => {
    expect(
      formatProblems([
        { file: 'flows/faq/review.yaml', path: 'entries[0].topic', message: '取值无效' },
        { file: 'flows/notes.yaml', path: '', message: '未知的内容文件' },
      ]),
    ).toBe('flows/faq/review.yaml → entries[0].topic → 取值无效\nflows/notes.yaml → 未知的内容文件');
  });

  it('puts every problem into the message of InvalidContentError', () => {
    const problems = [{ file: 'flows', path: '', message: '缺少 id 为 binding 的流程（flows/binding.flow.yaml）' }];
    const error = new InvalidContentError(problems);
    expect(error).toBeInstanceOf(Error);
    expect(error.problems).toEqual(problems);
    expect(error.message).toBe('内容检查未通过：共 1 个问题\nflows → 缺少 id 为 binding 的流程（flows/binding.flow.yaml）');
  });
});

describe('loadContent', () => {
  it('reads YAML in nested folders and .yml files as content, and ignores other files', async () => {
    const root = await fixtureRoot();
    await mkdir(join(root, 'flows', 'faq', 'drafts'), { recursive: true });
    await writeFile(join(root, 'flows', 'faq', 'drafts', 'new.yaml'), 'entries: []\n');
    await writeFile(join(root, 'prompts', 'messages', 'extra.yml'), 'messages: {}\n');
    await writeFile(join(root, 'flows', 'README.md'), '# 说明\n');
    const result = await loadContent(root, fixtureRules);
    expect(result.ok ? [] : result.problems.map((problem) => problem.file)).toEqual(['flows/faq/drafts/new.yaml', 'prompts/messages/extra.yml']);
  });

  it('treats a missing prompts folder as no prompts, and says what that leaves missing', async () => {
    const root = await fixtureRoot();
    await rm(join(root, 'prompts'), { recursive: true });
    const result = await loadContent(root, fixtureRules);
    expect(result.ok ? [] : result.problems).toEqual([
      { file: 'prompts/messages', path: '', message: '缺少消息「greeting.hello」' },
      { file: 'prompts/messages', path: '', message: '缺少消息「greeting.bye」' },
    ]);
  });
});
