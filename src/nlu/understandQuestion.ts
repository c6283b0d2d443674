import type { FaqEntry } from '../content/schema.js';
import { findRelationshipWords } from '../domain/index.js';
import { fraudActCues, fraudCues, howToCue, inheritanceCue, injectionCues, outOfScopeCues, questionCue, scopeAnchor, strongScopeAnchor } from './cues.js';
import type { FaqIndex, FaqRanking } from './faqIndex.js';
import { foldWidth } from './foldWidth.js';

export type QuestionUnderstanding =
  | { kind: 'answer'; entry: FaqEntry; confidence: number; region: string | null; alternatives: FaqEntry[] }
  | { kind: 'clarify'; options: FaqEntry[] /* 2–3 closest, distinct topics */; confidence: number; region: string | null }
  | { kind: 'refuse'; reason: 'out_of_scope' | 'fraud'; confidence: number; fraudEntry: FaqEntry | null };

/** At or above: answer with the best entry. */
export const ANSWER_THRESHOLD = 0.45;
/** Below: nothing here is close enough to offer; refuse as out of scope. In between: ask which topic was meant. */
export const REFUSE_THRESHOLD = 0.2;

/** An entry scoring this much matches a phrasing of it word for word; confidence grows up to it. */
const fullScore = 1;
/** Content words of a typical phrasing, and the least a long question's best match is scaled against. */
const typicalPhrasingWords = 4;
const longestAttainable = 0.5;
/** Share of confidence a question keeps however little it says: one word of the subject is still a question. */
const leanShare = 0.3;
/** Share of confidence lost when the second topic scores as well as the first… */
const tiePenalty = 0.35;
/** …shrinking to nothing as the first leads by this share of its score. */
const clearMargin = 0.2;
const maximumOptions = 3;
/** Options offered besides the best must score at least this share of it… */
const optionShare = 0.5;
/** …and alternatives shown with an answer this share. */
const alternativeShare = 0.8;
const maximumAlternatives = 3;
/** Coverage of the best entry that ties a question without any anchor word to the subject. */
const tiedCoverage = 0.5;
const tiedSubstance = 0.5;
/** The most a message naming only relatives ("我妈") can reach: enough to offer topics, not to answer. */
const relativesOnlyConfidence = 0.3;
/** How sure a refusal is when a fraud cue decided it. */
const fraudConfidence = 0.9;
const fraudTopic = 'card_rules';
const clauseBreak = /[，,。.;；!！?？\n]+/;

/**
 * What a free-text question is: a FAQ entry to answer, a choice between close topics, or something to refuse.
 * Fraud requests are refused with the entry stating the law; text trying to re-instruct the assistant has no
 * effect beyond any real question it also contains.
 */
export function understandQuestion(index: FaqIndex, text: string): QuestionUnderstanding {
  const folded = foldWidth(text);
  if (asksForFraud(folded)) {
    const fraudEntry = index.rank(folded, (entry) => entry.topic === fraudTopic).hits[0]?.entry ?? index.entries.find((entry) => entry.topic === fraudTopic) ?? null;
    return { kind: 'refuse', reason: 'fraud', confidence: fraudConfidence, fraudEntry };
  }

  const injected = injectionCues.some((cue) => cue.test(folded));
  const question = injected ? withoutInjection(folded) : folded;
  const ranking = index.rank(question);
  // "我妈" alone names someone; which question about her is a guess, so it is asked, not answered.
  const confidence = namesOnlyRelatives(question) ? Math.min(confidenceOf(ranking), relativesOnlyConfidence) : confidenceOf(ranking);
  const outOfScope = (): QuestionUnderstanding => ({ kind: 'refuse', reason: 'out_of_scope', confidence: round(1 - confidence), fraudEntry: null });

  // Tied to this assistant's subject by its words, or by saying enough that most of it matches an entry (审批 finds 审核).
  const tied = scopeAnchor.test(question) || ((ranking.topics[0]?.hits[0]?.coverage ?? 0) >= tiedCoverage && ranking.substance >= tiedSubstance);
  if (!tied) return outOfScope();
  // Off-topic words, or instructions to the assistant, leave only a clearly answerable question standing.
  const answerable = strongScopeAnchor.test(question) && confidence >= ANSWER_THRESHOLD;
  if (injected && !(answerable && questionCue.test(question))) return outOfScope();
  if (outOfScopeCues.some((cue) => cue.test(question)) && !answerable) return outOfScope();
  if (confidence < REFUSE_THRESHOLD) return outOfScope();

  const region = ranking.region?.code ?? null;
  const best = ranking.topics[0]?.hits[0];
  if (best && confidence >= ANSWER_THRESHOLD) {
    const alternatives = ranking.hits
      .filter((hit) => hit !== best && hit.score >= best.score * alternativeShare)
      .slice(0, maximumAlternatives)
      .map((hit) => hit.entry);
    return { kind: 'answer', entry: best.entry, confidence: round(confidence), region, alternatives };
  }
  const options = closestTopics(ranking);
  if (options.length < 2) return outOfScope();
  return { kind: 'clarify', options, confidence: round(confidence), region };
}

function namesOnlyRelatives(folded: string): boolean {
  let rest = folded;
  for (const word of findRelationshipWords(folded).reverse()) rest = rest.slice(0, word.start) + rest.slice(word.end);
  return rest !== folded && rest.replace(/[我俺的和跟与、\s，,。.？?！!]/g, '') === '';
}

/** Whether a message asks for help with fraud: cues only, no ranking, so it is cheap enough for every turn. */
export function asksForFraud(text: string): boolean {
  const folded = foldWidth(text);
  if (fraudCues.some((cue) => cue.test(folded))) return true;
  return howToCue.test(folded) && !inheritanceCue.test(folded) && fraudActCues.some((cue) => cue.test(folded));
}

/** The clauses that are not instructions to the assistant. */
function withoutInjection(folded: string): string {
  return folded
    .split(clauseBreak)
    .filter((clause) => !injectionCues.some((cue) => cue.test(clause)))
    .join('，');
}

/**
 * How well the best topic's best entry matches, scaled down when the question says little ("共济") and when
 * another topic scores nearly as well: a question two topics answer equally is one to ask about, not to guess.
 */
function confidenceOf(ranking: FaqRanking): number {
  const [first, second] = ranking.topics;
  const best = first?.hits[0];
  if (!first || !best) return 0;
  const margin = second ? (first.score - second.score) / first.score : 1;
  // A long question cannot match a short phrasing word for word: cosine is at most √(phrasing words / question words).
  const attainable = Math.max(longestAttainable, Math.sqrt(Math.min(1, typicalPhrasingWords / Math.max(ranking.wordCount, 1))));
  const match = Math.min(1, best.score / (fullScore * attainable));
  const substance = leanShare + (1 - leanShare) * ranking.substance;
  return match * substance * (1 - tiePenalty * (1 - Math.min(1, margin / clearMargin)));
}

/** The best entry of each of the closest topics. */
function closestTopics(ranking: FaqRanking): FaqEntry[] {
  const [first] = ranking.topics;
  if (!first) return [];
  return ranking.topics
    .filter((topic, index) => index < 2 || topic.score >= first.score * optionShare)
    .slice(0, maximumOptions)
    .map((topic) => topic.hits[0]!.entry);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
