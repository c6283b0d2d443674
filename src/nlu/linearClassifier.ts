import { seededRandom } from './seededRandom.js';

/**
 * TF-IDF features with a multinomial logistic regression: a linear model whose weights say which character
 * n-grams and words count for which label. Trained in process by stochastic gradient descent in a fixed order, so
 * the same examples give the same model on every machine; a few hundred examples train in tens of milliseconds.
 */

export type TrainingExample = { features: readonly string[]; label: string };
export type TrainingOptions = {
  epochs?: number;
  regularisation?: number;
  learningRate?: number;
  seed?: number;
  /** Rare labels weigh more by (mean count / count) to this power: 0 none, 1 fully balanced. */
  balance?: number;
  /**
   * At each step every feature of the example is left out with this probability and the rest scaled up by 1 / (1 −
   * it) (dropout on the input, Wager, Wang & Liang 2013: a regulariser that makes a weight pay only where several
   * features agree). Paraphrases of one sentence share most of their n-grams, so without it a label leans on the
   * few n-grams of each group that no other label has; a new wording has other ones. 0: none.
   */
  dropout?: number;
  /**
   * Return the mean of the weights at the end of each epoch from this share of the epochs on (0.5: the second half)
   * instead of the last step's weights (iterate averaging, Polyak & Juditsky 1992). The last step still moves with
   * the examples it met last, in an order the seed draws; the mean of many epochs does not. 1 or more: none.
   */
  averageFrom?: number;
};

/**
 * A trained model as plain data: what the cache stores and `createClassifier` reads back. The numbers stay typed
 * arrays, which a structured clone (the cache file, a worker's message) carries as their bytes: a start reads megabytes
 * of weights without parsing or decoding them.
 */
export type ClassifierData = {
  labels: string[];
  vocabulary: string[];
  idf: Float64Array;
  /** (vocabulary + 1 bias) × labels, feature by feature. */
  weights: Float32Array;
};

export type Classifier = {
  readonly labels: readonly string[];
  /** A probability per label (same order as `labels`), summing to one. */
  predict(features: readonly string[]): Float64Array;
  data(): ClassifierData;
};

/** The index of the largest probability (the first of equals): the classifier's likeliest label. */
export function likeliestIndex(probabilities: Float64Array): number {
  let top = 0;
  probabilities.forEach((score, index) => {
    if (score > probabilities[top]!) top = index;
  });
  return top;
}

export type SparseVector = { indices: Int32Array; values: Float64Array };

const defaults = { epochs: 30, regularisation: 1e-5, learningRate: 3, seed: 17, balance: 0.5, dropout: 0, averageFrom: 1 };

export function trainClassifier(examples: readonly TrainingExample[], options: TrainingOptions = {}): Classifier {
  const { epochs, regularisation, learningRate, seed, balance, dropout, averageFrom } = { ...defaults, ...options };
  const labels = [...new Set(examples.map((example) => example.label))].sort();
  const labelIndex = new Map(labels.map((label, index) => [label, index]));
  const documentFrequency = new Map<string, number>();
  for (const example of examples) for (const feature of new Set(example.features)) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  const vocabulary = [...documentFrequency.keys()].sort();
  const idf = vocabulary.map((feature) => Math.log((examples.length + 1) / ((documentFrequency.get(feature) ?? 0) + 1)) + 1);
  const features = new Map(vocabulary.map((feature, index) => [feature, index]));
  const vectors = examples.map((example) => vectorise(example.features, features, idf));
  const targets = examples.map((example) => labelIndex.get(example.label)!);
  // Rare labels weigh more (by how rare, to the power `balance`), so 30 examples of "pause" are not drowned by 2,000 questions.
  const counts = labels.map((_, label) => targets.filter((target) => target === label).length);
  const classWeight = counts.map((count) => (examples.length / labels.length / count) ** balance);

  // Feature-major: the weights of one feature for every label lie together, so an example touches few cache lines.
  const labelCount = labels.length;
  const bias = vocabulary.length * labelCount;
  const weights = new Float64Array((vocabulary.length + 1) * labelCount);
  const scores = new Float64Array(labelCount);
  const gradients = new Float64Array(labelCount);
  const order = examples.map((_, index) => index);
  const random = seededRandom(seed);
  const longest = Math.max(0, ...vectors.map((vector) => vector.indices.length));
  const kept: SparseVector = { indices: new Int32Array(longest), values: new Float64Array(longest) };
  // Weights are stored divided by `scale`, so the L2 shrinkage of every weight is one multiplication per step.
  let scale = 1;
  let stepCount = 0;
  const firstAveraged = Math.ceil(epochs * averageFrom);
  const averaged = firstAveraged < epochs ? new Float64Array(weights.length) : null;
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    shuffle(order, random);
    for (const index of order) {
      const rate = learningRate / (1 + learningRate * regularisation * stepCount);
      stepCount += 1;
      // Drawn from the same seeded sequence as the order, so the same examples still give the same model.
      const vector = dropout > 0 ? dropInto(kept, vectors[index]!, dropout, random) : vectors[index]!;
      softmaxInto(scores, weights, labelCount, vector, scale);
      scale *= 1 - rate * regularisation;
      const target = targets[index]!;
      const factor = (rate * classWeight[target]!) / scale;
      let moving = false;
      for (let label = 0; label < labelCount; label += 1) {
        const gradient = scores[label]! - (label === target ? 1 : 0);
        // A label the model already gets right for this example barely moves: skipping it is most of the speed.
        gradients[label] = Math.abs(gradient) < 1e-3 ? 0 : gradient * factor;
        if (gradients[label] !== 0) moving = true;
      }
      if (!moving) continue;
      for (let entry = 0; entry < vector.indices.length; entry += 1) {
        const base = vector.indices[entry]! * labelCount;
        const value = vector.values[entry]!;
        for (let label = 0; label < labelCount; label += 1) weights[base + label]! -= gradients[label]! * value;
      }
      for (let label = 0; label < labelCount; label += 1) weights[bias + label]! -= gradients[label]!;
      if (scale < 1e-6) {
        for (let entry = 0; entry < weights.length; entry += 1) weights[entry]! *= scale;
        scale = 1;
      }
    }
    if (averaged !== null && epoch >= firstAveraged) for (let entry = 0; entry < weights.length; entry += 1) averaged[entry]! += weights[entry]! * scale;
  }
  const count = epochs - firstAveraged;
  for (let entry = 0; entry < weights.length; entry += 1) weights[entry] = averaged !== null ? averaged[entry]! / count : weights[entry]! * scale;
  return classifierOf(labels, vocabulary, Float64Array.from(idf), Float32Array.from(weights));
}

export function createClassifier(data: ClassifierData): Classifier {
  return classifierOf(data.labels, data.vocabulary, data.idf, data.weights);
}

function classifierOf(labels: string[], vocabulary: string[], idf: Float64Array, weights: Float32Array): Classifier {
  const features = new Map(vocabulary.map((feature, index) => [feature, index]));
  return {
    labels,
    predict(input) {
      const scores = new Float64Array(labels.length);
      softmaxInto(scores, weights, labels.length, vectorise(input, features, idf), 1);
      return scores;
    },
    data() {
      return { labels, vocabulary, idf, weights };
    },
  };
}

/** Sublinear term frequency times idf, L2-normalised; features never seen in training are dropped. */
export function vectorise(input: readonly string[], features: ReadonlyMap<string, number>, idf: ArrayLike<number>): SparseVector {
  const counts = new Map<number, number>();
  for (const feature of input) {
    const index = features.get(feature);
    if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  const indices = Int32Array.from(counts.keys());
  const values = Float64Array.from(indices, (index) => (1 + Math.log(counts.get(index)!)) * idf[index]!);
  const norm = Math.hypot(...values) || 1;
  for (let entry = 0; entry < values.length; entry += 1) values[entry]! /= norm;
  return { indices, values };
}

function softmaxInto(scores: Float64Array, weights: Float32Array | Float64Array, labelCount: number, vector: SparseVector, scale: number): void {
  const bias = weights.length - labelCount;
  for (let label = 0; label < labelCount; label += 1) scores[label] = weights[bias + label]!;
  for (let entry = 0; entry < vector.indices.length; entry += 1) {
    const base = vector.indices[entry]! * labelCount;
    const value = vector.values[entry]!;
    for (let label = 0; label < labelCount; label += 1) scores[label]! += weights[base + label]! * value;
  }
  let highest = -Infinity;
  for (let label = 0; label < labelCount; label += 1) {
    scores[label]! *= scale;
    if (scores[label]! > highest) highest = scores[label]!;
  }
  let total = 0;
  for (let label = 0; label < labelCount; label += 1) {
    scores[label] = Math.exp(scores[label]! - highest);
    total += scores[label]!;
  }
  for (let label = 0; label < labelCount; label += 1) scores[label]! /= total;
}

/** `vector` with each entry left out with `probability` and the rest scaled up by 1 / (1 − probability), written into `into`. */
function dropInto(into: SparseVector, vector: SparseVector, probability: number, random: () => number): SparseVector {
  let count = 0;
  for (let entry = 0; entry < vector.indices.length; entry += 1) {
    if (random() < probability) continue;
    into.indices[count] = vector.indices[entry]!;
    into.values[count] = vector.values[entry]! / (1 - probability);
    count += 1;
  }
  return { indices: into.indices.subarray(0, count), values: into.values.subarray(0, count) };
}

function shuffle(order: number[], random: () => number): void {
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
}
