import type { RefusalClass } from '../content/nluSchema.js';
import { likeliestIndex } from './linearClassifier.js';

/** A class the assistant refuses as: everything the refusal classifier knows but in_scope. */
export type Refusing = Exclude<RefusalClass, 'in_scope'>;

/**
 * How the refusal classifier's probabilities become a decision (measured in bench/refusalDecisions.ts):
 * - `likeliest`: the likeliest label, refused when its probability reaches 0.5 (the rule until the fifth session);
 * - `inScopeBelow`: refused when in_scope is less likely than `at`, as the likeliest refusing class — the four
 *   refusing classes share what in_scope does not have, so a message split between fraud and out of scope is refused;
 * - `perClass`: refused as the likeliest refusing class when its own probability reaches that class's threshold.
 */
export type RefusalRule =
  | { kind: 'likeliest' }
  | { kind: 'inScopeBelow'; at: number }
  | { kind: 'perClass'; at: Readonly<Record<Refusing, number>> };

const LIKELIEST_AT = 0.5;

/** What a reading says of refusal: the class, and how sure it is that the message is to be refused as one. */
export type RefusalDecision = { class: RefusalClass; score: number };

/**
 * The rule `read` applies (bench/refusalDecisions.ts at main 8e629e8, grouped 5-fold through `read`, then the engine):
 * | rule | out_of_scope / fraud / private_data / injection refused as such | in scope kept | fresh (in, out) | old held-out in |
 * |---|---|---|---|---|
 * | likeliest from 0.5 | 79.8 / 66.6 / 75.2 / 85.3 % | 98.6 % | 206/224, 72/76 | 127/131 |
 * | p(in_scope) < 0.5 | 84.3 / 75.1 / 81.1 / 87.9 % | 97.9 % | 206/224, 75/76 | 127/131 |
 * | p(in_scope) < 0.4 | 79.5 / 67.4 / 78.4 / 85.3 % | 98.5 % | 206/224, 73/76 | 127/131 |
 * | p(in_scope) < 0.6 | 88.0 / 79.8 / 84.2 / 89.2 % | 96.9 % | 206/224, 75/76 | 126/131 |
 * | per class, best out-of-fold F1 (0.40 / 0.35 / 0.35 / 0.40) | 84.4 / 77.1 / 83.3 / 87.0 % | 97.8 % | 206/224, 74/76 | 126/131 |
 * | p(in_scope) < 0.5 unless the message's likeliest intent is a sure dialog act or request, then likeliest from 0.5 | 83.8 / 74.8 / 80.2 / 87.4 % | 98.0 % (dialog acts 97.5 against 97.1 %) | 206/224, 74/76 | 127/131 |
 * Dev questions 48/50, 7/7 and fresh conversations 22/26 under every rule. The intent-guarded variant was measured
 * with each fold's own intent classifier (trained on the in-scope examples of that fold's training) and not kept.
 */
export const refusalRule: RefusalRule = { kind: 'inScopeBelow', at: 0.5 };

/**
 * p(in_scope) unchanged, and everything else pooled on the likeliest refusing class: what `inScopeBelow` weighs.
 * Under the landed rule (at 0.5) the likeliest label of these is the decision, so cross-validation reports them.
 */
export function pooledRefusal(labels: readonly string[], probabilities: Float64Array): Float64Array {
  const inScope = labels.indexOf('in_scope');
  let refusing = -1;
  probabilities.forEach((score, index) => {
    if (index !== inScope && (refusing < 0 || score > probabilities[refusing]!)) refusing = index;
  });
  const pooled = new Float64Array(probabilities.length);
  if (inScope >= 0) pooled[inScope] = probabilities[inScope]!;
  if (refusing >= 0) pooled[refusing] = 1 - (inScope >= 0 ? probabilities[inScope]! : 0);
  return pooled;
}

/**
 * The decision for one message from the probability of each label (in `labels` order): the route refuses whatever
 * it names. A refusal's score is the class's own probability under `likeliest`, the probability of being refused at
 * all (1 − p(in_scope)) otherwise. Not refused: in_scope with score 0.
 */
export function decideRefusal(labels: readonly string[], probabilities: Float64Array, rule: RefusalRule): RefusalDecision {
  const inScope = labels.indexOf('in_scope');
  const notRefused: RefusalDecision = { class: 'in_scope', score: 0 };
  if (rule.kind === 'likeliest') {
    const top = likeliestIndex(probabilities);
    return top === inScope || probabilities[top]! < LIKELIEST_AT ? notRefused : { class: labels[top] as Refusing, score: probabilities[top]! };
  }
  const pooled = pooledRefusal(labels, probabilities);
  const refusing = pooled.findIndex((score, index) => index !== inScope && score > 0);
  if (refusing < 0) return notRefused;
  const kind = labels[refusing] as Refusing;
  const refused = pooled[refusing]!;
  if (rule.kind === 'inScopeBelow') return refused > 1 - rule.at ? { class: kind, score: refused } : notRefused;
  return probabilities[refusing]! >= rule.at[kind] ? { class: kind, score: refused } : notRefused;
}
