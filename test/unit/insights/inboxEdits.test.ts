import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addExample, addFaqEntry, newEntryId } from '../../../src/insights/inboxEdits.js';
import { groupQuestions } from '../../../src/insights/groupQuestions.js';
import type { InboxQuestion } from '../../../src/ports/inbox.js';

const intents = await readFile(new URL('../../../flows/nlu/intents.yaml', import.meta.url), 'utf8');
const whatIs = await readFile(new URL('../../../flows/faq/what_is.yaml', import.meta.url), 'utf8');

/** The lines after the unchanged file (the tests check that it is unchanged). */
const added = (before: string, after: string) => after.slice(before.trimEnd().length).trim().split('\n').map((line) => line.trimEnd());

describe('what one inbox action writes into a draft', () => {
  it('adds a question unlike every example as a group of its own, and changes no other line', () => {
    const after = addExample(intents, 'intent', 'human', '能不能叫个真人来跟我说');
    expect(added(intents, after)).toEqual(['- label: human', '    group: inbox-1', '    texts: [能不能叫个真人来跟我说]']);
    expect(after.startsWith(intents.trimEnd())).toBe(true);
  });

  it('adds a paraphrase of an existing example to that example\'s group, as the checker requires', () => {
    const after = addExample(intents, 'intent', 'start_binding', '我要绑定吧');
    const groups = (parse(after) as { examples: { label: string; group: string; texts: string[] }[] }).examples;
    const home = groups.find((group) => group.texts.includes('我要绑定吧'));
    expect(home?.label).toBe('start_binding');
    expect(home?.texts).toContain('我要绑定');
    expect(groups.filter((group) => group.group.startsWith('inbox-'))).toEqual([]);
  });

  it('starts a new FAQ entry with the question and leaves what only an editor can write empty', () => {
    const after = addFaqEntry(whatIs, { id: 'inbox-1', topic: 'what_is', question: '共济的钱每年会清零吗' });
    const entry = (parse(after) as { entries: Record<string, unknown>[] }).entries.at(-1);
    expect(entry).toEqual({ id: 'inbox-1', topic: 'what_is', question: '共济的钱每年会清零吗', paraphrases: [], answer: '', regions: ['national'], sources: [] });
    expect(after.startsWith(whatIs.trimEnd())).toBe(true);
    expect(newEntryId(new Set(['inbox-1', 'inbox-2']))).toBe('inbox-3');
  });
});

describe('grouping the inbox by likeness', () => {
  const question = (key: string, count: number, region = '210200'): InboxQuestion => ({ key, question: key, count, regions: { [region]: count }, outcomes: { refused: count }, lastAt: '2026-11-30T01:00:00.000Z', resolution: null });

  it('puts alike wordings under the most asked one, adding up counts and regions', () => {
    const groups = groupQuestions([question('医保卡丢了怎么补办', 3), question('医保卡丢了怎么补办呢', 2, '370900'), question('今天天气怎么样', 4)]);
    expect(groups.map((group) => [group.question, group.count])).toEqual([
      ['医保卡丢了怎么补办', 5],
      ['今天天气怎么样', 4],
    ]);
    expect(groups[0]!.regions).toEqual({ '210200': 3, '370900': 2 });
    expect(groups[0]!.questions.map((member) => member.key)).toEqual(['医保卡丢了怎么补办', '医保卡丢了怎么补办呢']);
  });
});
