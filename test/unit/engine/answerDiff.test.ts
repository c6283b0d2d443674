import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '../../../src/content/schema.js';
import { answerDiff, knownQuestions, type AnswerDiff, type KnownQuestion } from '../../../src/engine/answerDiff.js';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { initialState, step } from '../../../src/engine/step.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';

const now = new Date('2026-11-22T02:00:00Z');
let published: EngineContext;
let sample: KnownQuestion[];

/** The same engine on changed content (the classifiers do not depend on answers, facts or wording). */
function withContent(change: (content: Content) => Content): EngineContext {
  return { ...published, content: { ...change(published.content), version: 'draft' } };
}

/**
 * What the diff must find, worked out by brute force instead of the diff's shortcuts: every question asked of a new
 * conversation in every region and with none, on both sides; a change is kept under the region the conversation
 * ended up in (a question naming its region is answered for that region, whatever the page said).
 */
function bruteForce(before: EngineContext, after: EngineContext, questions: readonly KnownQuestion[]): string[] {
  const regions = [null, ...before.content.regions.map((region) => region.code).filter((code) => code !== 'national')];
  const said = (context: EngineContext, text: string, region: string | null) => {
    const result = step(context, initialState(context, 'answer-diff', region), { type: 'text', text }, now);
    const { route, topic, faqId } = result.understanding;
    return { region: result.state.region, answer: JSON.stringify([route, topic, faqId, result.effects.flatMap((effect) => (effect.type === 'reply' ? [effect.reply.text] : []))]) };
  };
  const pairs = new Set<string>();
  for (const { text } of questions) {
    for (const region of regions) {
      const old = said(before, text, region);
      const next = said(after, text, region);
      if (old.answer !== next.answer) pairs.add(`${text} @ ${old.region ?? next.region}`);
    }
  }
  return [...pairs].sort();
}

function pairsOf(diff: AnswerDiff): string[] {
  return diff.questions.flatMap((question) => question.changes.flatMap((change) => change.regions.map((region) => `${question.text} @ ${region}`))).sort();
}

beforeAll(async () => {
  published = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
  // Every third question about limits or what family sharing is (the answers the changes below touch), and every 60th
  // of the rest: brute force over every region, both sides, stays affordable as the examples grow (at 10,000 known
  // questions every limits question and every 25th took over two minutes on a loaded 2-core machine).
  const topicOf = (text: string) => step(published, initialState(published, 'x', null), { type: 'text', text }, now).understanding.topic;
  sample = knownQuestions([published.content]).filter((question, index) => index % 60 === 0 || (index % 3 === 0 && ['limits', 'what_is'].includes(topicOf(question.text) ?? '')));
});

describe('answer diff', () => {
  it('a region fact changed: exactly the questions whose answer changes in that region, and only there', () => {
    const draft = withContent((content) => ({
      ...content,
      regions: content.regions.map((region) => (region.code === '210200' ? { ...region, facts: { ...region.facts, totalLimit: { ...region.facts.totalLimit!, value: 5 } } } : region)),
    }));
    const diff = answerDiff(published, draft, sample);
    const expected = bruteForce(published, draft, sample);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.every((pair) => pair.endsWith('@ 210200'))).toBe(true);
    expect(pairsOf(diff)).toEqual(expected);
    expect(diff).toMatchObject({ complete: true, checked: sample.length, total: sample.length });
    const change = diff.questions[0]!.changes[0]!;
    expect(change.what).toEqual(['answer']);
    expect(change.before.text).toContain('最多绑定6位');
    expect(change.after.text).toContain('最多绑定5位');
    expect(diff.regionNames['210200']).toBe('大连市');
  }, 120_000);

  it('an FAQ answer reworded: the questions answered by that entry, for a person of any region, old beside new', () => {
    const draft = withContent((content) => ({
      ...content,
      faq: content.faq.map((entry) => (entry.id === 'what-is-family-mutual-aid' ? { ...entry, answer: `${entry.answer}\n编辑台加的一句。` } : entry)),
    }));
    const diff = answerDiff(published, draft, sample);
    expect(pairsOf(diff)).toEqual(bruteForce(published, draft, sample));
    expect(diff.questions.length).toBeGreaterThan(0);
    for (const question of diff.questions) {
      expect(question.changes).toHaveLength(1);
      expect(question.changes[0]).toMatchObject({ what: ['answer'], before: { faqId: 'what-is-family-mutual-aid' }, after: { faqId: 'what-is-family-mutual-aid' } });
      expect(question.changes[0]!.after.text).toContain('编辑台加的一句。');
      expect(question.changes[0]!.before.text).not.toContain('编辑台加的一句。');
    }
  }, 120_000);

  it('a region given a hotline of its own: refusals and handoffs that name it change there, as do answers citing it', () => {
    const hotlines = { value: [{ number: '0411123', name: '大连医保热线' }], sources: ['S3'] };
    const draft = withContent((content) => ({
      ...content,
      regions: content.regions.map((region) => (region.code === '210200' ? { ...region, facts: { ...region.facts, hotlines } } : region)),
    }));
    const naming = knownQuestions([published.content]).filter((question) => question.origins.some((origin) => origin.kind === 'example' && ['human', 'private_data'].includes(origin.label)));
    const asked = [...sample, ...naming.filter((question) => !sample.some((known) => known.text === question.text))];
    const diff = answerDiff(published, draft, asked);
    const expected = bruteForce(published, draft, asked);
    expect(expected.filter((pair) => /转人工|人工/.test(pair)).length).toBeGreaterThan(0);
    expect(pairsOf(diff)).toEqual(expected);
  }, 180_000);

  it('the same content changes nothing', () => {
    expect(answerDiff(published, published, sample).questions).toEqual([]);
  });

  it('stops when out of time and says how far it got', () => {
    let asked = 0;
    const diff = answerDiff(published, published, sample, () => ++asked > 5);
    expect(diff).toMatchObject({ complete: false, checked: 5, total: sample.length });
  });
});

describe('known questions', () => {
  it('every example, FAQ question and paraphrase and region-mention question once, with where each comes from', () => {
    const { content } = published;
    const questions = knownQuestions([content, content]);
    const texts = questions.map((question) => question.text);
    expect(new Set(texts).size).toBe(texts.length);
    const expected = new Set([
      ...content.nlu.examples.flatMap((group) => group.texts),
      ...content.faq.flatMap((entry) => [entry.question, ...entry.paraphrases]),
      ...content.nlu.regionMentions.questions.map((question) => question.text),
    ].map((text) => text.trim()));
    expect(new Set(texts)).toEqual(expected);
    const entry = content.faq[0]!;
    expect(questions.find((question) => question.text === entry.question)?.origins).toContainEqual({ kind: 'faq', entryId: entry.id });
  });

  it('questions people asked come first, most asked first, so a diff out of time has compared them', () => {
    const questions = knownQuestions([published.content], [
      { text: '共济到底咋弄', count: 2, regions: [] },
      { text: '大连能绑几个', count: 9, regions: ['210200'] },
    ]);
    expect(questions.slice(0, 2).map((question) => question.text)).toEqual(['大连能绑几个', '共济到底咋弄']);
  });

  it('questions people asked are known questions too, with how often and where, compared like the others', () => {
    const asked = knownQuestions([], [{ text: '大连最多能绑几个人啊', count: 3, regions: ['210200', '110000'] }]);
    expect(asked).toEqual([{ text: '大连最多能绑几个人啊', origins: [{ kind: 'asked', count: 3, regions: ['210200', '110000'] }] }]);
    const draft = withContent((content) => ({
      ...content,
      regions: content.regions.map((region) => (region.code === '210200' ? { ...region, facts: { ...region.facts, totalLimit: { ...region.facts.totalLimit!, value: 5 } } } : region)),
    }));
    expect(answerDiff(published, draft, asked).questions.map((question) => question.changes.map((change) => change.regions))).toEqual([[['210200']]]);
  });
});
