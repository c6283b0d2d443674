import type { ContentFile } from './checkContent.js';
import { contentKinds } from './contentKinds.js';
import { formatContentPath } from './formatContentPath.js';
import { parseContentYaml } from './parseContentYaml.js';
import type { FactName, RegionFile } from './regionPolicySchema.js';
import { validateWithSchema } from './validateWithSchema.js';

/** CONTENT_STALE_DAYS at a moment: a source last verified more than `days` before `now` is stale. */
export type Staleness = { now: Date; days: number };

/** Whole days since a source was last verified (YYYY-MM-DD, read as UTC midnight). */
export function daysSinceVerified(verified: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${verified}T00:00:00Z`)) / 86_400_000);
}

/** The checker's rule (content:check warns about these): verified longer ago than the limit. */
export function isStale(verified: string, staleness: Staleness): boolean {
  return daysSinceVerified(verified, staleness.now) > staleness.days;
}

export type StaleSource = { id: string; title: string; tier: string; url: string | null; verified: string; days: number; path: string };
/** A fact every source of which is stale: nothing it states was checked within the limit. */
export type StaleFact = { fact: FactName; sources: string[]; verified: string; days: number; path: string };
export type StaleRegion = { file: string; code: string; name: string; sources: StaleSource[]; facts: StaleFact[] };

/** A region file's stale sources, and the facts that rest on stale sources only. */
export function staleInRegion(file: string, region: RegionFile, staleness: Staleness): StaleRegion {
  const sources = Object.entries(region.sources)
    .filter(([, source]) => isStale(source.verified, staleness))
    .map(([id, source]) => ({
      id,
      title: source.title,
      tier: source.tier,
      url: source.url ?? null,
      verified: source.verified,
      days: daysSinceVerified(source.verified, staleness.now),
      path: formatContentPath(['sources', id, 'verified']),
    }));
  const staleIds = new Set(sources.map((source) => source.id));
  const facts = Object.entries(region.facts).flatMap(([name, fact]) => {
    if (!fact || fact.sources.length === 0 || !fact.sources.every((id) => staleIds.has(id))) return [];
    // The newest of its sources says when the fact was last checked.
    const verified = fact.sources.map((id) => region.sources[id]!.verified).sort().at(-1)!;
    return [{ fact: name as FactName, sources: fact.sources, verified, days: daysSinceVerified(verified, staleness.now), path: formatContentPath(['facts', name]) }];
  });
  return { file, code: region.code, name: region.name, sources, facts };
}

/**
 * Every region file's stale sources and facts, oldest first. Files that do not parse are left out (the checker
 * reports them); only regions with something stale are listed.
 */
export function staleFacts(files: readonly ContentFile[], staleness: Staleness): StaleRegion[] {
  return files
    .filter((file) => contentKinds.region.pattern.test(file.path))
    .flatMap((file) => {
      const parsed = parseContentYaml(file.text);
      if (!parsed.ok) return [];
      const region = validateWithSchema(contentKinds.region.schema, parsed.data);
      return region.ok ? [staleInRegion(file.path, region.value, staleness)] : [];
    })
    .filter((region) => region.sources.length > 0)
    .sort((left, right) => Math.max(...right.sources.map((source) => source.days)) - Math.max(...left.sources.map((source) => source.days)));
}
