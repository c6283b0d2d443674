import type { Content } from '../content/schema.js';
import { ageOn, parseIdNumber, regionByCode, type Kinship } from '../domain/index.js';
import { say } from './render.js';
import type { RegionPolicy } from './policyFor.js';
import { channelText } from './regionAnswers.js';
import type { Member } from './state.js';

const ADULT_AGE = 18;

export function relationshipLabel(content: Content, relationship: string): string {
  return say(content, `relationship.${relationship}`);
}

export function regionName(content: Content, code: string | null | undefined, policy?: RegionPolicy): string {
  if (!code) return say(content, 'engine.region.national');
  return regionByCode(code)?.name ?? policy?.name ?? code;
}

/**
 * Where the applicant is insured, as the summary shows it: a city with no rules of its own named with the province
 * whose rules apply ("四川绵阳", "广东佛山"); any other region by its name.
 */
export function placeOfInsurance(content: Content, code: string | null | undefined, policy: RegionPolicy): string {
  const name = regionName(content, code, policy);
  const place = code ? regionByCode(code) : undefined;
  const province = place !== undefined && place.level === 'city' && policy.code !== code ? regionByCode(place.provinceCode) : undefined;
  return province !== undefined && !name.startsWith(province.name) ? `${province.name}${name}` : name;
}

export function memberAge(member: Pick<Member, 'idNumber'>, now: Date): number | null {
  const parsed = parseIdNumber(member.idNumber, now);
  return parsed.ok ? ageOn(parsed.value.birthDate, now) : null;
}

/** The proofs this member needs in this region, in words (e.g. a minor child vs an adult child). */
export function proofsText(content: Content, policy: RegionPolicy, member: Member, now: Date): string {
  const age = memberAge(member, now);
  const isMinor = age !== null && age < ADULT_AGE;
  const listed = policy.relationships[member.relationship].proofs;
  if (listed === null) {
    // No sourced rule for this relationship here: the page (or the window) says what it needs.
    return policy.pledge
      ? say(content, 'engine.member.pledgeOnly', { pledge: policy.pledgeName })
      : say(content, 'engine.member.proofsAsAsked', { windowDocuments: windowDocumentsText(content, policy) });
  }
  const proofs = listed.filter(
    (proof) => proof.when === 'always' || (proof.when === 'minor' && isMinor) || (proof.when === 'adult' && !isMinor),
  );
  if (proofs.length === 0) return say(content, 'engine.member.noProofs');
  const separator = (anyOf: boolean) => say(content, anyOf ? 'engine.list.or' : 'engine.list.and');
  return proofs
    .map((proof) => proof.documents.join(separator(proof.anyOf)))
    .join(say(content, 'engine.list.and'));
}

/** What the person must know about one member: proofs, face recognition, where to do it. */
export function memberGuidance(content: Content, policy: RegionPolicy, member: Member, now: Date): string {
  const age = memberAge(member, now);
  const values = {
    relationship: relationshipLabel(content, member.relationship),
    name: member.name,
    proofs: proofsText(content, policy, member, now),
    faceAuthAge: String(policy.faceAuthAge),
    channel: policy.channels[0] ? channelText(content, policy.channels[0]) : '',
  };
  const lines = [say(content, 'engine.member.added', values), say(content, 'engine.member.proofs', values)];
  lines.push(say(content, age !== null && age >= policy.faceAuthAge ? 'engine.member.faceAuth' : 'engine.member.noFaceAuth', values));
  return lines.join('\n');
}


/** What to bring to a window, from the region's (or national) rule. */
export function windowDocumentsText(content: Content, policy: RegionPolicy): string {
  return (policy.facts.windowDocuments?.value ?? []).join(say(content, 'engine.list.and'));
}

/** The flow's relationship choices that this region allows (the same facts the back end reviews against). */
export function relationshipChoices(policy: RegionPolicy, choices: readonly string[], kinship: Kinship): string[] {
  return choices.filter((choice) => {
    const match = kinship.resolve(choice);
    return match.kind !== 'eligible' || policy.relationships[match.relationship].allowed;
  });
}
