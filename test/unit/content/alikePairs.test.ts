import { describe, expect, it } from 'vitest';
import { alikePairs } from '../../../src/content/checkExamples.js';
import { bigramJaccard, bigrams } from '../../../src/nlu/bigramJaccard.js';
import { seededRandom } from '../../../src/nlu/seededRandom.js';

/** Every pair measured: what the prefix-filtered search must find, no more and no less. */
function allPairs(texts: readonly string[], threshold: number): [number, number][] {
  const sets = texts.map(bigrams);
  const pairs: [number, number][] = [];
  for (let right = 0; right < texts.length; right += 1) {
    for (let left = 0; left < right; left += 1) {
      if (sets[left]!.size + sets[right]!.size > 0 && bigramJaccard(sets[left]!, sets[right]!) >= threshold) pairs.push([left, right]);
    }
  }
  return pairs;
}

describe('alike examples (content:check groups, near copies of dev questions)', () => {
  it('finds exactly the pairs at or above the threshold, on texts that share common and rare bigrams', () => {
    const random = seededRandom(7);
    // A small alphabet makes many texts share bigrams, common ones (共济) and rare ones alike, and many pairs sit
    // exactly on the threshold (2 of 4 bigrams, 4 of 5).
    const alphabet = [...'共济绑定我妈爸能吗怎么办家人账户'];
    const texts = Array.from({ length: 400 }, () => {
      const length = 2 + Math.floor(random() * 9);
      return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');
    });
    texts.push('家庭共济怎么绑定', '家庭共濟怎麼綁定', '家庭共济怎么绑', '，。！');
    for (const threshold of [0.5, 0.8, 1]) {
      const expected = allPairs(texts, threshold);
      expect(expected.length).toBeGreaterThan(0);
      expect(alikePairs(texts, threshold).sort(([a, b], [c, d]) => b - d || a - c)).toEqual(expected.sort(([a, b], [c, d]) => b - d || a - c));
    }
  });
});
