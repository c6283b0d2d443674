import type { Content } from '../../content/schema.js';
import { regionName } from '../../engine/memberGuidance.js';

/** The regions a call can be taken for: every region with its own policy, by code. */
export function callRegions(content: Content): { code: string; name: string }[] {
  return content.regions
    .filter((file) => file.code !== 'national')
    .map((file) => ({ code: file.code, name: regionName(content, file.code) }))
    .sort((left, right) => left.code.localeCompare(right.code));
}
