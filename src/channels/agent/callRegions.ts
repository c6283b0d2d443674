import type { Content } from '../../content/schema.js';
import { regionName } from '../../engine/memberGuidance.js';

/** The regions a call can be taken for: every region with its own policy, by code. */
export function callRegions(content: Content): { code: string; name: string }[] {
  return content.regions
    .filter((policy) => policy.code !== 'national')
    .map((policy) => ({ code: policy.code, name: regionName(content, policy.code, policy) }))
    .sort((left, right) => left.code.localeCompare(right.code));
}
