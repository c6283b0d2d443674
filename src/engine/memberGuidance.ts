import type { Content, RegionPolicy } from '../content/schema.js';
import { ageOn, parseIdNumber, regionByCode } from '../domain/index.js';
import { say } from './render.js';
import type { Member } from './state.js';

const ADULT_AGE = 18;

export function relationshipLabel(content: Content, relationship: string): string {
  return say(content, `relationship.${relationship}`);
}

export function regionName(content: Content, code: string | null | undefined, policy?: RegionPolicy): string {
  if (!code) return say(content, 'engine.region.national');
  return regionByCode(code)?.name ?? policy?.name ?? code;
}

export function memberAge(member: Pick<Member, 'idNumber'>, now: Date): number | null {
  const parsed = parseIdNumber(member.idNumber, now);
  return parsed.ok ? ageOn(parsed.value.birthDate, now) : null;
}

/** The proofs this member needs in this region, in words (e.g. a minor child vs an adult child). */
export function proofsText(content: Content, policy: RegionPolicy, member: Member, now: Date): string {
  const age = memberAge(member, now);
  const isMinor = age !== null && age < ADULT_AGE;
  const proofs = policy.relationships[member.relationship].proofs.filter(
    (proof) => proof.when === 'always' || (proof.when === 'minor' && isMinor) || (proof.when === 'adult' && !isMinor),
  );
  if (proofs.length === 0) return say(content, policy.pledge ? 'engine.member.pledgeOnly' : 'engine.member.noProofs', { pledge: policy.pledgeName });
  const separator = (anyOf: boolean) => say(content, anyOf ? 'engine.list.or' : 'engine.list.and');
  return proofs
    .map((proof) => {
      const documents = proof.documents.join(separator(proof.anyOf));
      return proof.note ? `${documents}（${proof.note}）` : documents;
    })
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
    channel: channelText(policy),
  };
  const lines = [say(content, 'engine.member.added', values), say(content, 'engine.member.proofs', values)];
  lines.push(say(content, age !== null && age >= policy.faceAuthAge ? 'engine.member.faceAuth' : 'engine.member.noFaceAuth', values));
  return lines.join('\n');
}

export function channelText(policy: RegionPolicy): string {
  const channel = policy.channels[0];
  if (!channel) return '';
  return channel.path.length > 0 ? `${channel.name}（${channel.path.join(' → ')}）` : channel.name;
}
