import type { Source } from '../content/schema.js';
import type { ReplySource } from './state.js';

const tierRank = { A: 0, B: 1, C: 2, D: 3 } as const;

/** Sources as a reply carries them: most reliable first, each once, with the day it was last checked. */
export function replySources(sources: readonly Source[]): ReplySource[] {
  const seen = new Set<string>();
  return [...sources]
    .sort((left, right) => tierRank[left.tier] - tierRank[right.tier])
    .filter((source) => {
      const key = source.url ?? source.title;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((source) => ({ title: source.title, ...(source.url ? { url: source.url } : {}), tier: source.tier, verifiedAt: source.verified }));
}
