import { bigramJaccard, bigrams } from '../nlu/bigramJaccard.js';
import type { InboxQuestion } from '../ports/inbox.js';

/** Questions alike enough to be one question in other words, shown together with their counts added up. */
export type QuestionGroup = {
  /** The most asked question's key and wording stand for the group. */
  key: string;
  question: string;
  count: number;
  regions: Record<string, number>;
  outcomes: Record<string, number>;
  lastAt: string;
  questions: InboxQuestion[];
};

/**
 * At or above: one group. The content checker's rule for alike examples (character-bigram Jaccard ≥ 0.5), applied
 * to the keys the understanding reads (normalised, people and places as marks), so questions grouped here are ones
 * the checker would also call alike.
 */
export const GROUP_SIMILARITY = 0.5;

/** Greedy grouping, most asked first: each question joins the first group whose leading question it is alike to. */
export function groupQuestions(questions: readonly InboxQuestion[], similarity = GROUP_SIMILARITY): QuestionGroup[] {
  const groups: { grams: Set<string>; group: QuestionGroup }[] = [];
  const ordered = [...questions].sort((left, right) => right.count - left.count || right.lastAt.localeCompare(left.lastAt));
  for (const question of ordered) {
    const grams = bigrams(question.key);
    const home = groups.find((candidate) => bigramJaccard(candidate.grams, grams) >= similarity);
    if (home === undefined) {
      groups.push({ grams, group: { key: question.key, question: question.question, count: question.count, regions: { ...question.regions }, outcomes: { ...question.outcomes }, lastAt: question.lastAt, questions: [question] } });
      continue;
    }
    const group = home.group;
    group.count += question.count;
    for (const [region, count] of Object.entries(question.regions)) group.regions[region] = (group.regions[region] ?? 0) + count;
    for (const [outcome, count] of Object.entries(question.outcomes)) group.outcomes[outcome] = (group.outcomes[outcome] ?? 0) + count;
    if (question.lastAt > group.lastAt) group.lastAt = question.lastAt;
    group.questions.push(question);
  }
  return groups.map((entry) => entry.group).sort((left, right) => right.count - left.count || right.lastAt.localeCompare(left.lastAt));
}
