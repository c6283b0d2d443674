import { describe, expect, it } from 'vitest';
import type { LabelledExample } from '../../../src/content/checkExamples.js';
import type { Topic } from '../../../src/content/schema.js';
import { faqRankerData, faqRankerFromData, rankFaq, trainFaqRanker } from '../../../src/nlu/faqRanking.js';

/** Characters and their pairs: enough for a linear model to tell these short questions apart. */
const featuresOf = (text: string) => [...text, ...[...text].slice(1).map((character, index) => `${text[index]}${character}`)];

const topicOf = new Map<string, Topic>([
  ['bind-online', 'how_to_bind'],
  ['bind-window', 'how_to_bind'],
  ['bind-spouse', 'how_to_bind'],
  ['members-limit', 'limits'],
  ['unbind-how', 'unbind'],
]);
const written: Record<string, string[]> = {
  'bind-online': ['手机上怎么绑定共济', '在APP上咋绑定', '网上能办绑定吗', '小程序里怎么绑'],
  'bind-window': ['去窗口怎么绑定共济', '到医保大厅办绑定', '线下柜台能绑吗', '社保窗口咋办绑定'],
  'bind-spouse': ['给老伴怎么绑定共济', '老婆咋绑上', '给老公办绑定', '配偶怎么绑'],
  'members-limit': ['最多绑几个人', '能绑几个家人', '绑定人数有上限吗', '可以绑多少个'],
  'unbind-how': ['怎么解绑共济', '不想共济了咋取消', '解除绑定去哪办', '能解绑吗'],
};
const examples: LabelledExample[] = Object.entries(written).flatMap(([label, texts]) =>
  texts.map((text, index) => ({ family: 'faq' as const, label, group: `${label}~${index}`, text, file: 'test', path: `${label}[${index}]` })),
);

describe('FAQ ranking: topic classifier, entry classifier and each topic its own entry classifier', () => {
  const ranker = trainFaqRanker(examples, featuresOf, topicOf, { epochs: 40 });

  it('answers a question from its topic with the entry its wording asks for, and both lists are probabilities', () => {
    const ranking = rankFaq(ranker, featuresOf('在手机APP上怎么绑定'));
    expect(ranking.topics[0]!.topic).toBe('how_to_bind');
    expect(ranking.entries[0]!.entryId).toBe('bind-online');
    expect(ranking.topics.reduce((sum, topic) => sum + topic.score, 0)).toBeCloseTo(1, 6);
    expect(ranking.entries.reduce((sum, entry) => sum + entry.score, 0)).toBeCloseTo(1, 6);
    expect(ranking.topics.map((topic) => topic.score)).toEqual([...ranking.topics.map((topic) => topic.score)].sort((a, b) => b - a));
  });

  it('tells apart entries of one topic and gives a one-entry topic its topic’s whole weight', () => {
    expect(rankFaq(ranker, featuresOf('给老婆咋绑定')).entries[0]!.entryId).toBe('bind-spouse');
    expect(rankFaq(ranker, featuresOf('去大厅窗口办绑定')).entries[0]!.entryId).toBe('bind-window');
    const unbind = rankFaq(ranker, featuresOf('我想解绑怎么办'));
    expect(unbind.topics[0]!.topic).toBe('unbind');
    expect(unbind.entries[0]!.entryId).toBe('unbind-how');
  });

  it('ranks the same after being stored and read back (the cached model a start reads)', () => {
    // structuredClone is the algorithm of node:v8 serialize, which stores the cached model.
    const stored = faqRankerFromData(structuredClone(faqRankerData(ranker)), topicOf);
    for (const text of ['手机上咋绑定', '最多能绑几个', '不想共济了']) {
      const before = rankFaq(ranker, featuresOf(text));
      const after = rankFaq(stored, featuresOf(text));
      expect(after.entries.map((entry) => entry.entryId)).toEqual(before.entries.map((entry) => entry.entryId));
      after.entries.forEach((entry, index) => expect(entry.score).toBeCloseTo(before.entries[index]!.score, 5));
    }
  });
});
