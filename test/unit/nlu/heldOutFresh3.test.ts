import { describe, expect, it } from 'vitest';
import { loadDevQuestions, OUT_OF_SCOPE } from '../../../bench/evaluateRouting.js';
import { FRESH3, fresh3QuestionsPath, loadFreshConversations } from '../../../bench/heldOutFresh.js';
import { topics } from '../../../src/content/schema.js';
import { parseIdNumber } from '../../../src/domain/idNumber.js';
import { idNumbersTyped } from '../../helpers/idNumbers.js';

/**
 * The third fresh held-out set (test/fixtures/heldout-fresh3-questions.jsonl, test/fixtures/heldout-conversations-3/),
 * written blind (sixth session) to be the clean measure once the second set was read for diagnosis. This test keeps its
 * shape only: it runs no assistant and prints no figure (only `npm run eval -- --fresh3` does, for the lead).
 */
describe('third fresh held-out material (never trained or tuned on)', () => {
  it('keeps its size and spread: 225 in scope with every topic at least 6 times, 75 out of scope, no line twice', async () => {
    const questions = await loadDevQuestions(fresh3QuestionsPath);
    const inScope = questions.filter((question) => !question.accept.includes(OUT_OF_SCOPE));
    expect(inScope.length).toBe(225);
    expect(questions.length - inScope.length).toBe(75);
    const thin = topics.filter((topic) => inScope.filter((question) => question.accept.includes(topic)).length < 6);
    expect(thin).toEqual([]);
    expect(inScope.flatMap((question) => question.accept).filter((topic) => !(topics as readonly string[]).includes(topic))).toEqual([]);
    expect(questions.filter((question) => question.accept.includes(OUT_OF_SCOPE) && question.accept.length > 1)).toEqual([]);
    expect(new Set(questions.map((question) => question.q)).size).toBe(questions.length);
  });

  it('has 20 conversations the conversation-test schema accepts, every 18-digit ID number in them valid', async () => {
    const conversations = await loadFreshConversations(FRESH3);
    expect(conversations.length).toBe(20);
    const today = new Date('2026-11-22T02:00:00Z');
    const numbers = idNumbersTyped(conversations);
    expect(numbers.length).toBeGreaterThanOrEqual(40);
    expect(numbers.filter(({ number }) => !parseIdNumber(number, today).ok).map(({ file, number }) => `${file}: ${number}`)).toEqual([]);
  });
});
