import { describe, expect, it } from 'vitest';
import { likeliestIndex, trainClassifier, type TrainingExample } from '../../../src/nlu/linearClassifier.js';

/** Characters and their pairs, as the real features start. */
const featuresOf = (text: string) => [...text, ...[...text].slice(1).map((character, index) => `${text[index]}${character}`)];
const written: Record<string, string[]> = {
  affirm: ['对的', '是的没错', '对对对', '没错就是这个', '可以的', '行就这样'],
  deny: ['不对', '不是这个', '错了', '不行不对', '不是的', '搞错了'],
  pause: ['等一下', '稍等一会儿', '我先去找一下', '等会儿再说', '先停一下', '等我一下'],
};
const examples: TrainingExample[] = Object.entries(written).flatMap(([label, texts]) => texts.map((text) => ({ features: featuresOf(text), label })));
const labelOf = (classifier: ReturnType<typeof trainClassifier>, text: string) => classifier.labels[likeliestIndex(classifier.predict(featuresOf(text)))];

describe('linear classifier trained with dropout on its input', () => {
  it('gives the same model from the same examples, so a cached model and a fresh one read alike', () => {
    const first = trainClassifier(examples, { dropout: 0.3 });
    const second = trainClassifier(examples, { dropout: 0.3 });
    expect(second.data()).toEqual(first.data());
    expect(first.data().weights).not.toEqual(trainClassifier(examples).data().weights);
  });

  it('still reads unseen wordings by the label their words teach', () => {
    const classifier = trainClassifier(examples, { dropout: 0.3, epochs: 40 });
    expect(labelOf(classifier, '对的就是这个')).toBe('affirm');
    expect(labelOf(classifier, '不对不是')).toBe('deny');
    expect(labelOf(classifier, '稍等我一下')).toBe('pause');
  });
});

describe('linear classifier with its weights averaged over the later epochs', () => {
  it('still reads unseen wordings by the label their words teach', () => {
    const classifier = trainClassifier(examples, { averageFrom: 0.5 });
    expect(classifier.data()).toEqual(trainClassifier(examples, { averageFrom: 0.5 }).data());
    expect(labelOf(classifier, '对的就是这个')).toBe('affirm');
    expect(labelOf(classifier, '不对不是')).toBe('deny');
    expect(labelOf(classifier, '稍等我一下')).toBe('pause');
  });
});
