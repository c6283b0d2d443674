import type { EngineContext } from '../../src/engine/engineContext.js';

type Family = 'intent' | 'refusal';

/**
 * The context with one classifier made certain where a test needs it: `forced` gives the probabilities per label for
 * a text's features, or null to leave the trained classifier's. The classifiers' mistakes are what the engine must
 * survive, so they are made certain rather than hoped for.
 */
export function withForcedPrediction(context: EngineContext, family: Family, forced: (features: readonly string[]) => Record<string, number> | null): EngineContext {
  const real = context.reader.model[family];
  const predict = (features: readonly string[]) => {
    const probabilities = forced(features);
    return probabilities === null ? real.predict(features) : Float64Array.from(real.labels, (label) => probabilities[label] ?? 0);
  };
  return { ...context, reader: { ...context.reader, model: { ...context.reader.model, [family]: { ...real, predict } } } };
}

/** Probabilities where `label` has `score` and the other labels share the rest evenly. */
export function sureOf(labels: readonly string[], label: string, score: number): Record<string, number> {
  return Object.fromEntries(labels.map((other) => [other, other === label ? score : (1 - score) / (labels.length - 1)]));
}
