import { describe, expect, it } from 'vitest';
import { loadDevQuestions, OUT_OF_SCOPE } from '../../../bench/evaluateRouting.js';
import { FRESH2, fresh2QuestionsPath, loadFreshConversations } from '../../../bench/heldOutFresh.js';
import { topics } from '../../../src/content/schema.js';
import { parseIdNumber } from '../../../src/domain/idNumber.js';
import { idNumbersTyped } from '../../helpers/idNumbers.js';

/**
 * The second fresh held-out set (test/fixtures/heldout-fresh2-questions.jsonl, test/fixtures/heldout-conversations-2/),
 * written by someone who had seen neither the examples nor the first fresh set, to stay a measure once the first set
 * is read for diagnosis. This test keeps its shape only; it runs no assistant and holds no floor under the figures
 * (`npm run eval` prints them) until they have been measured over more than one change.
 */
describe('second fresh held-out material (never trained or tuned on)', () => {
  it('keeps its size and spread: ≥ 220 in-scope questions touching every topic, ≥ 70 out of scope, no line twice', async () => {
    const questions = await loadDevQuestions(fresh2QuestionsPath);
    const inScope = questions.filter((question) => !question.accept.includes(OUT_OF_SCOPE));
    expect(inScope.length).toBeGreaterThanOrEqual(220);
    expect(questions.length - inScope.length).toBeGreaterThanOrEqual(70);
    const accepted = new Set(inScope.flatMap((question) => question.accept));
    expect(topics.filter((topic) => !accepted.has(topic))).toEqual([]);
    expect([...accepted].filter((topic) => !(topics as readonly string[]).includes(topic))).toEqual([]);
    expect(new Set(questions.map((question) => question.q)).size).toBe(questions.length);
  });

  it('has ≥ 20 conversations the conversation-test schema accepts, whose 18-digit ID numbers are all valid or meant to be wrong', async () => {
    const conversations = await loadFreshConversations(FRESH2);
    expect(conversations.length).toBeGreaterThanOrEqual(20);
    const today = new Date('2026-11-22T02:00:00Z');
    // A person who mistypes a check digit is answered and then types the right number: that conversation says so.
    const invalid = idNumbersTyped(conversations)
      .filter(({ number }) => !parseIdNumber(number, today).ok)
      .map(({ file, number }) => `${file}: ${number}`);
    expect(invalid).toEqual([expect.stringContaining('wrong-check-digit')]);
  });
});
