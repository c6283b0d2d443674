import type { Content, RegionPolicy } from '../content/schema.js';
import { regionLineage } from '../domain/index.js';

/** The policy that governs a region: its own, else its province's, else the national default. */
export function policyFor(content: Pick<Content, 'regions'>, regionCode: string | null | undefined): RegionPolicy {
  const lineage = regionCode ? regionLineage(regionCode) : ['national'];
  for (const code of lineage) {
    const policy = content.regions.find((candidate) => candidate.code === code);
    if (policy) return policy;
  }
  const national = content.regions.find((candidate) => candidate.code === 'national');
  if (!national) throw new Error('content has no national region policy');
  return national;
}
