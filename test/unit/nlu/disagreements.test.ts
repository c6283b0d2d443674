import { describe, expect, it } from 'vitest';
import { findDisagreements, formatDisagreements } from '../../../bench/disagreements.js';
import type { LabelledExample } from '../../../src/content/checkExamples.js';
import { linearFit } from '../../../src/nlu/crossValidate.js';

const characters = (text: string) => [...text];
const example = (label: string, group: string, text: string, index: number): LabelledExample => ({
  family: 'faq',
  label,
  group,
  text,
  file: `flows/nlu/faq-${label}.yaml`,
  path: `examples[${index}].texts[0]`,
});

// Two topics an editor keeps apart by their words: unbinding (解绑) and face recognition (刷脸).
const unbind = ['怎么解绑', '解绑多久生效', '解绑去哪办', '能不能解除绑定', '解绑了还能再绑吗', '不想共济了咋解除', '网上能解绑吗', '解除关系收费吗'];
const face = ['刷脸刷不过', '老人刷脸不行', '人脸识别老失败', '孩子要刷脸吗', '刷脸失败咋办', '人脸识别在哪做', '刷脸老是失败', '刷脸认证是啥'];

describe('disagreements: where the held-out prediction names another label', () => {
  const examples = [
    ...unbind.map((text, index) => example('unbind', `u${index}`, text, index)),
    ...face.map((text, index) => example('face_auth', `f${index}`, text, index)),
    // Filed under unbinding, but it asks about face recognition: the editor should see it.
    example('unbind', 'u-misfiled', '刷脸刷了三次都不行', 99),
  ];
  const folds = { family: 'faq topic', examples, fit: linearFit(characters, undefined), options: {} };

  it('lists an example filed under the wrong label, with the label its words belong to, and nothing filed rightly', () => {
    const found = findDisagreements(folds, () => true);
    expect(found.map(({ example: { text }, label, predicted }) => [text, label, predicted])).toEqual([['刷脸刷了三次都不行', 'unbind', 'face_auth']]);
    expect(found[0]!.probability).toBeGreaterThanOrEqual(0.7);
  });

  it('leaves out the copies training makes, and prints where the editor finds the example', () => {
    expect(findDisagreements(folds, (candidate) => candidate.group !== 'u-misfiled')).toEqual([]);
    const text = formatDisagreements('faq topic', findDisagreements(folds, () => true), (candidate) => `${candidate.file} → ${candidate.path}`);
    expect(text).toContain('flows/nlu/faq-unbind.yaml');
    expect(text).toMatch(/unbind \(unbind\) → face_auth {2}「刷脸刷了三次都不行」 {2}examples\[99\]\.texts\[0\]/);
  });
});
