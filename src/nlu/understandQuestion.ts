import type { FaqEntry } from '../content/schema.js';
import { fraudActCues, fraudCues, howToCue, injectionCues, outOfScopeCues, scopeAnchor, strongScopeAnchor } from './cues.js';
import type { FaqIndex, FaqRanking } from './faqIndex.js';
import { foldWidth } from './foldWidth.js';

export type QuestionUnderstanding =
  | { kind: 'answer'; entry: FaqEntry; confidence: number; region: string | null; alternatives: FaqEntry[] }
  | { kind: 'clarify'; options: FaqEntry[] /* 2–3 closest, distinct topics */; confidence: number; region: string | null }
  | { kind: 'refuse'; reason: 'out_of_scope' | 'fraud'; confidence: number; fraudEntry: FaqEntry | null };

/** At or above: answer with the best entry. */
export const ANSWER_THRESHOLD = 0.5;
/** Below: nothing here is close enough to offer; refuse as out of scope. In between: ask which topic was meant. */
export const REFUSE_THRESHOLD = 0.22;

/** Confidence from coverage alone when the best topic leads by this share of its score or more. */
const clearMargin = 0.4;
/** Share of confidence a tie between two topics keeps. */
const tieShare = 0.4;
const maximumOptions = 3;
/** Options offered besides the best must score at least this share of it… */
const optionShare = 0.3;
/** …and alternatives shown with an answer this share. */
const alternativeShare = 0.6;
const maximumAlternatives = 3;
/** Coverage of the best entry that ties a question without any anchor word to the subject. */
const tiedCoverage = 0.5;
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
  const confidence = confidenceOf(ranking);
  const outOfScope = (): QuestionUnderstanding => ({ kind: 'refuse', reason: 'out_of_scope', confidence: round(1 - confidence), fraudEntry: null });

  // Tied to this assistant's subject by its words, or by matching most of an entry (审批 finds 审核 by synonym).
  const tied = scopeAnchor.test(question) || (ranking.hits[0]?.coverage ?? 0) >= tiedCoverage;
  if (!tied) return outOfScope();
  // Off-topic words or injected instructions leave only a clearly answerable question standing.
  const doubtful = injected || outOfScopeCues.some((cue) => cue.test(question));
  if (doubtful && !(strongScopeAnchor.test(question) && confidence >= ANSWER_THRESHOLD)) return outOfScope();
  if (confidence < REFUSE_THRESHOLD) return outOfScope();

  const region = ranking.region?.code ?? null;
  const best = ranking.hits[0];
  if (best && confidence >= ANSWER_THRESHOLD) {
    const alternatives = ranking.hits
      .slice(1)
      .filter((hit) => hit.score >= best.score * alternativeShare)
      .slice(0, maximumAlternatives)
      .map((hit) => hit.entry);
    return { kind: 'answer', entry: best.entry, confidence: round(confidence), region, alternatives };
  }
  const options = closestTopics(ranking);
  if (options.length < 2) return outOfScope();
  return { kind: 'clarify', options, confidence: round(confidence), region };
}

function asksForFraud(folded: string): boolean {
  return fraudCues.some((cue) => cue.test(folded)) || (howToCue.test(folded) && fraudActCues.some((cue) => cue.test(folded)));
}

/** The clauses that are not instructions to the assistant. */
function withoutInjection(folded: string): string {
  return folded
    .split(clauseBreak)
    .filter((clause) => !injectionCues.some((cue) => cue.test(clause)))
    .join('，');
}

/**
 * Coverage of the question by the best entry, scaled down when another topic scores nearly as well:
 * a question both topics answer equally is one to ask about, not to guess.
 */
function confidenceOf(ranking: FaqRanking): number {
  const [best] = ranking.hits;
  if (!best || !ranking.hasContent) return 0;
  const rival = ranking.hits.find((hit) => hit.entry.topic !== best.entry.topic);
  const margin = rival ? (best.score - rival.score) / best.score : 1;
  return best.coverage * (tieShare + (1 - tieShare) * Math.min(1, margin / clearMargin));
}

/** The best entry of each of the closest topics. */
function closestTopics(ranking: FaqRanking): FaqEntry[] {
  const [best] = ranking.hits;
  if (!best) return [];
  const options: FaqEntry[] = [];
  for (const hit of ranking.hits) {
    if (options.length === maximumOptions) break;
    if (options.some((option) => option.topic === hit.entry.topic)) continue;
    if (options.length >= 2 && hit.score < best.score * optionShare) break;
    options.push(hit.entry);
  }
  return options;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
