import {
  factNames,
  relationships,
  type Channel,
  type FactName,
  type Proof,
  type RegionFacts,
  type RegionFile,
  type Review,
  type UnconfirmedClaim,
} from '../content/regionPolicySchema.js';
import type { Content, Relationship, Source } from '../content/schema.js';
import { regionLineage } from '../domain/index.js';

/** A fact as an answer uses it: its value, whose rule it is (the file it came from) and its sources. */
export type ResolvedFact<Name extends FactName> = {
  value: NonNullable<RegionFacts[Name]>['value'];
  /** Code of the file the fact came from: the person's region, its province, or `national`. */
  origin: string;
  sources: Source[];
  note?: string;
};
export type ResolvedFacts = { [Name in FactName]?: ResolvedFact<Name> };
export type ResolvedClaim = Omit<UnconfirmedClaim, 'sources'> & { origin: string; sources: Source[] };

export type RelationshipRule = {
  allowed: boolean;
  /** At most this many members of the relationship at the same time. */
  max?: number;
  /** Proofs by age band; `null`: the region's page says what it needs (no sourced rule). */
  proofs: Proof[] | null;
  /** Why not, in plain words, when not allowed. */
  reason?: string;
};

/**
 * The policy that governs a region, fact by fact: each from the nearest file up the chain (city → province →
 * national). The flat fields are what the form and the back end read; `facts` keeps where each came from and its
 * sources, for answers that say whose rule it is and cite exactly what they state.
 */
export type RegionPolicy = {
  /** The nearest file's code and name (the person's region when it has a file). */
  code: string;
  name: string;
  /** The chain looked at, most specific first (codes with or without a file). */
  lineage: string[];
  insuredArea: 'city' | 'province';
  relationships: Record<Relationship, RelationshipRule>;
  totalLimit: number | null;
  lifetimeLimit: number | null;
  faceAuthAge: number;
  /** 承诺制: online, the signed pledge stands in for uploaded proofs. */
  pledge: boolean;
  pledgeName: string;
  review: Review;
  channels: Channel[];
  oneAuthorizerPerMember: boolean;
  hotlines: string[];
  facts: ResolvedFacts;
  /** Tier-D claims along the chain, most specific first: answered only when a question names them. */
  unconfirmed: ResolvedClaim[];
  notes: { text: string; origin: string; sources: Source[] }[];
};

const resolved = new WeakMap<readonly RegionFile[], Map<string, RegionPolicy>>();

export function policyFor(content: Pick<Content, 'regions'>, regionCode: string | null | undefined): RegionPolicy {
  const key = regionCode ?? 'national';
  let byCode = resolved.get(content.regions);
  if (!byCode) resolved.set(content.regions, (byCode = new Map()));
  let policy = byCode.get(key);
  if (!policy) byCode.set(key, (policy = resolvePolicy(content.regions, regionCode)));
  return policy;
}

/** The files of the chain, most specific first, always ending with the national file. */
export function policyChain(regions: readonly RegionFile[], regionCode: string | null | undefined): RegionFile[] {
  const lineage = regionCode ? regionLineage(regionCode) : ['national'];
  const chain = lineage.flatMap((code) => regions.filter((file) => file.code === code));
  const national = regions.find((file) => file.code === 'national');
  if (!national) throw new Error('content has no national region policy');
  return chain.includes(national) ? chain : [...chain, national];
}

function resolvePolicy(regions: readonly RegionFile[], regionCode: string | null | undefined): RegionPolicy {
  const chain = policyChain(regions, regionCode);
  const facts: ResolvedFacts = {};
  for (const name of factNames) {
    const file = chain.find((candidate) => candidate.facts[name] !== undefined);
    const fact = file?.facts[name];
    if (!file || !fact) continue;
    (facts as Record<string, ResolvedFact<FactName>>)[name] = {
      value: fact.value,
      origin: file.code,
      sources: sourcesOf(file, fact.sources),
      ...(fact.note ? { note: fact.note } : {}),
    };
  }
  const required = <Name extends FactName>(name: Name): ResolvedFact<Name> => {
    const fact = facts[name] as ResolvedFact<Name> | undefined;
    if (!fact) throw new Error(`the national region policy has no ${name}`);
    return fact;
  };
  const allowed = required('relationships');
  const proofs = required('proofs').value as Partial<Record<Relationship, Proof[]>>;
  const limits = (facts.relationshipLimits?.value ?? {}) as Partial<Record<Relationship, number>>;
  const rules = Object.fromEntries(
    relationships.map((relationship): [Relationship, RelationshipRule] => {
      const isAllowed = (allowed.value as Relationship[]).includes(relationship);
      const max = limits[relationship];
      return [
        relationship,
        {
          allowed: isAllowed,
          ...(max === undefined ? {} : { max }),
          proofs: proofs[relationship] ?? null,
          ...(!isAllowed && allowed.note ? { reason: allowed.note } : {}),
        },
      ];
    }),
  ) as Record<Relationship, RelationshipRule>;
  const pledge = required('pledge').value as { name: string; replacesProofsOnline: boolean };
  const nearest = chain[0]!;
  return {
    code: nearest.code,
    name: nearest.name,
    lineage: regionCode ? regionLineage(regionCode) : ['national'],
    insuredArea: required('insuredArea').value as 'city' | 'province',
    relationships: rules,
    totalLimit: (facts.totalLimit?.value as number | undefined) ?? null,
    lifetimeLimit: (facts.lifetimeLimit?.value as number | undefined) ?? null,
    faceAuthAge: required('faceAuthAge').value as number,
    pledge: pledge.replacesProofsOnline,
    pledgeName: pledge.name,
    review: required('review').value as Review,
    channels: required('channels').value as Channel[],
    oneAuthorizerPerMember: (required('oneAuthorizer').value as { memberBoundOnce: boolean }).memberBoundOnce,
    hotlines: (required('hotlines').value as { number: string }[]).map((hotline) => hotline.number),
    facts,
    unconfirmed: chain.flatMap((file) => file.unconfirmed.map((claim) => ({ ...claim, origin: file.code, sources: sourcesOf(file, claim.sources) }))),
    notes: chain.flatMap((file) => file.notes.map((note) => ({ text: note.text, origin: file.code, sources: sourcesOf(file, note.sources) }))),
  };
}

function sourcesOf(file: RegionFile, ids: readonly string[]): Source[] {
  // The checker guarantees every id is in the file's table.
  return ids.flatMap((id) => (file.sources[id] ? [file.sources[id]] : []));
}
