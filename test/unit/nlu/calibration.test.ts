import { describe, expect, it } from 'vitest';
import type { LabelledExample } from '../../../src/content/checkExamples.js';
import { applyTemperature, calibrationError, crossFitted, fitTemperature } from '../../../src/nlu/calibration.js';
import { outOfFold } from '../../../src/nlu/crossValidate.js';
import { seededRandom as seeded } from '../../../src/nlu/seededRandom.js';

const softmax = (logits: number[]) => {
  const highest = Math.max(...logits);
  const exp = logits.map((value) => Math.exp(value - highest));
  const total = exp.reduce((sum, value) => sum + value, 0);
  return Float64Array.from(exp, (value) => value / total);
};

/** Labels drawn from softmax(logits); the model reports softmax(logits × 3): three times too sure of itself. */
function overconfident(count: number) {
  const random = seeded(7);
  return Array.from({ length: count }, (_, index) => {
    const logits = [0, 1, 2].map(() => 2 * random());
    const truth = softmax(logits);
    const draw = random();
    const expected = draw < truth[0]! ? 0 : draw < truth[0]! + truth[1]! ? 1 : 2;
    return { fold: index % 5, expected, probabilities: softmax(logits.map((value) => value * 3)) };
  });
}

const ece = (predictions: readonly { expected: number; probabilities: Float64Array }[]) =>
  calibrationError(
    predictions.map(({ expected, probabilities }) => {
      const best = probabilities.indexOf(Math.max(...probabilities));
      return { confidence: probabilities[best]!, right: best === expected };
    }),
  );

describe('temperature scaling', () => {
  it('finds how much too sure a classifier is, and its calibrated confidence then matches how often it is right', () => {
    const predictions = overconfident(4000);
    const temperature = fitTemperature(predictions);
    expect(temperature).toBeGreaterThan(2.5);
    expect(temperature).toBeLessThan(3.5);
    const scaled = predictions.map((prediction) => ({ ...prediction, probabilities: applyTemperature(Float64Array.from(prediction.probabilities), temperature) }));
    expect(ece(predictions)).toBeGreaterThan(0.1);
    expect(ece(scaled)).toBeLessThan(0.03);
  });

  it('never changes which label is best', () => {
    const probabilities = Float64Array.from([0.1, 0.6, 0.3]);
    for (const temperature of [0.3, 1, 4]) {
      const scaled = applyTemperature(Float64Array.from(probabilities), temperature);
      expect(scaled.indexOf(Math.max(...scaled))).toBe(1);
      expect(scaled.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 10);
    }
  });

  it('scales each fold by a temperature fitted on the other folds only', () => {
    const predictions = overconfident(1000);
    // One fold made wildly overconfident: were it used for its own temperature, its calibration would look better than it is.
    const skewed = predictions.map((prediction) => (prediction.fold === 0 ? { ...prediction, probabilities: applyTemperature(Float64Array.from(prediction.probabilities), 0.2) } : prediction));
    const fitted = crossFitted(skewed);
    const others = fitTemperature(skewed.filter((prediction) => prediction.fold !== 0));
    const first = skewed.findIndex((prediction) => prediction.fold === 0);
    expect(Array.from(fitted.predictions[first]!.probabilities)).toEqual(Array.from(applyTemperature(Float64Array.from(skewed[first]!.probabilities), others)));
  });
});

describe('grouped out-of-fold predictions', () => {
  it('never tests a group on a model that trained on one of its paraphrases', () => {
    const examples: LabelledExample[] = Array.from({ length: 40 }, (_, index) => ({
      family: 'intent',
      label: index % 2 === 0 ? 'affirm' : 'deny',
      group: `g${Math.floor(index / 4)}`,
      text: `${index % 2 === 0 ? '是的' : '不是'}${index}`,
      file: 'test',
      path: `examples[${index}]`,
    }));
    const trainedOn: Set<string>[] = [];
    const held = outOfFold(examples, (training) => {
      const seen = new Set(training.map((example) => `${example.label}:${example.group}`));
      trainedOn.push(seen);
      return {
        labels: ['affirm', 'deny'],
        predict: () => Float64Array.from([0.5, 0.5]),
      };
    });
    expect(held.predictions).toHaveLength(examples.length);
    for (const prediction of held.predictions) expect(trainedOn[prediction.fold]!.has(`${prediction.example.label}:${prediction.example.group}`)).toBe(false);
  });

  it('holds out together what groupOf joins, even groups of two entries counted under one label', () => {
    // Two entries of one topic: entry a's group n and entry b's group n are one sentence for the topic.
    const examples: LabelledExample[] = Array.from({ length: 80 }, (_, index) => ({
      family: 'faq' as const,
      label: index % 2 === 0 ? 'a' : 'b',
      group: `g${Math.floor(index / 4)}`,
      text: `${index}`,
      file: 'test',
      path: `examples[${index}]`,
    }));
    // One more group of a's, so that dealt by entry the two halves of a sentence fall to different folds.
    examples.push({ family: 'faq', label: 'a', group: 'z-alone', text: 'alone', file: 'test', path: 'examples[80]' });
    const fit = () => ({ labels: ['topic'], predict: () => Float64Array.from([1]) });
    const joined = outOfFold(examples, fit, { labelOf: () => 'topic', groupOf: (example) => example.group });
    const apart = outOfFold(examples, fit, { labelOf: () => 'topic' });
    const foldsByGroup = (predictions: typeof joined.predictions) => {
      const folds = new Map<string, Set<number>>();
      for (const { example, fold } of predictions) folds.set(example.group, (folds.get(example.group) ?? new Set()).add(fold));
      return [...folds.values()].map((set) => set.size);
    };
    expect(foldsByGroup(joined.predictions).every((size) => size === 1)).toBe(true);
    expect(foldsByGroup(apart.predictions).some((size) => size > 1)).toBe(true);
  });

  it('with a seed, deals the groups to other folds, still whole and still balanced label by label', () => {
    const examples: LabelledExample[] = Array.from({ length: 120 }, (_, index) => ({
      family: 'intent',
      label: index % 2 === 0 ? 'affirm' : 'deny',
      group: `g${Math.floor(index / 6)}`,
      text: `${index}`,
      file: 'test',
      path: `examples[${index}]`,
    }));
    const fit = () => ({ labels: ['affirm', 'deny'], predict: () => Float64Array.from([0.5, 0.5]) });
    const foldsOf = (seed?: number) => {
      const held = outOfFold(examples, fit, seed === undefined ? {} : { seed });
      const folds = new Map<string, Set<number>>();
      for (const { example, fold } of held.predictions) folds.set(`${example.label}:${example.group}`, (folds.get(`${example.label}:${example.group}`) ?? new Set()).add(fold));
      return folds;
    };
    const usual = foldsOf();
    const seeded = [1, 2, 3].map((seed) => foldsOf(seed));
    for (const deal of [usual, ...seeded]) {
      // Every group in one fold; each label's 20 groups spread four to a fold.
      for (const folds of deal.values()) expect(folds.size).toBe(1);
      for (const label of ['affirm', 'deny']) {
        const perFold = [0, 1, 2, 3, 4].map((fold) => [...deal].filter(([key, folds]) => key.startsWith(label) && folds.has(fold)).length);
        expect(perFold).toEqual([4, 4, 4, 4, 4]);
      }
    }
    const same = (left: Map<string, Set<number>>, right: Map<string, Set<number>>) => [...left].every(([key, folds]) => [...folds][0] === [...right.get(key)!][0]);
    expect(same(usual, foldsOf())).toBe(true);
    expect(same(seeded[0]!, foldsOf(1))).toBe(true);
    for (const deal of seeded) expect(same(usual, deal)).toBe(false);
    expect(same(seeded[0]!, seeded[1]!)).toBe(false);
  });
});
