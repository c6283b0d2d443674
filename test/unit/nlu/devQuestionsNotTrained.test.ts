import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { heldOutQuestionsPath, loadDevQuestions } from '../../../bench/evaluateRouting.js';
import { fresh2QuestionsPath, fresh3QuestionsPath, fresh4QuestionsPath, freshQuestionsPath } from '../../../bench/heldOutFresh.js';
import { alikePairs, labelledExamples } from '../../../src/content/checkExamples.js';
import { loadContent } from '../../../src/content/loadContent.js';
import { repoContentRules } from '../../../src/content/repoContentRules.js';

/** The dev questions check the understanding; an example that nearly repeats one would make the check meaningless. */
const NEAR_COPY = 0.8;

describe('the dev and held-out questions are never training data', () => {
  it.each([
    ['dev questions (../shared/eval)', undefined],
    ['held-out questions (test/fixtures)', heldOutQuestionsPath],
    ['fresh held-out questions (test/fixtures)', freshQuestionsPath],
    ['second fresh held-out questions (test/fixtures)', fresh2QuestionsPath],
    ['third fresh held-out questions (test/fixtures)', fresh3QuestionsPath],
    ['fourth fresh held-out questions (test/fixtures)', fresh4QuestionsPath],
    ['card/money probe questions (bench)', fileURLToPath(new URL('../../../bench/cardWordsProbe.jsonl', import.meta.url))],
    ['vocabulary probe questions (bench)', fileURLToPath(new URL('../../../bench/vocabularyProbe.jsonl', import.meta.url))],
    ['role and place probe questions (bench)', fileURLToPath(new URL('../../../bench/roleProbe.jsonl', import.meta.url))],
    ['refusals probe questions (bench)', fileURLToPath(new URL('../../../bench/refusalsProbe.jsonl', import.meta.url))],
    ['dialog-act probe messages (bench)', fileURLToPath(new URL('../../../bench/intentProbe.jsonl', import.meta.url))],
    ['questions probe questions (bench)', fileURLToPath(new URL('../../../bench/questionsProbe.jsonl', import.meta.url))],
  ])('no example in flows/ (FAQ phrasings or flows/nlu) is one of the %s, verbatim or nearly (bigram Jaccard ≥ 0.8)', async (_name, path) => {
    const loaded = await loadContent(fileURLToPath(new URL('../../../', import.meta.url)), repoContentRules);
    if (!loaded.ok) throw new Error('content does not load');
    const examples = labelledExamples(loaded.content.nlu, [{ file: 'flows/faq', entries: loaded.content.faq }]);
    const dev = (await loadDevQuestions(path)).map((question) => question.q);
    expect(dev.length).toBeGreaterThan(0);
    const texts = [...dev, ...examples.map((example) => example.text)];
    const copies = alikePairs(texts, NEAR_COPY)
      .filter(([left, right]) => (left < dev.length) !== (right < dev.length))
      .map(([left, right]) => `${texts[Math.min(left, right)]} ≈ ${texts[Math.max(left, right)]}`);
    expect(copies).toEqual([]);
  });
});
