import type { FactName, Proof } from '../content/regionPolicySchema.js';
import type { Content, Relationship, Source, Topic } from '../content/schema.js';
import { regionByCode } from '../domain/index.js';
import { kinshipOf } from '../nlu/kinshipOf.js';
import { policyFor, type RegionPolicy, type ResolvedClaim, type ResolvedFact } from './policyFor.js';
import { say } from './render.js';

/**
 * Region-dependent answers, rendered from the person's region policy through the templates in
 * prompts/messages/answers.yaml. Each part states one fact, says whose rule it is ("按广东省的规定", "全国一般规定")
 * and cites that fact's sources, so an answer cites exactly what it states. Tier-D claims are never volunteered:
 * one is answered, as unconfirmed, only when the question names it.
 */

/** `lead`: the sources of the first fact stated, for the short citation at the end of the text. */
export type RegionAnswer = { text: string; sources: Source[]; lead: Source[] };
type Part = { text: string; sources: Source[] };
type Question = { text: string };
type Renderer = (content: Content, policy: RegionPolicy, question: Question) => Part[];

type Template = {
  /** The FAQ topics whose entries may point to this template. */
  topics: readonly Topic[];
  /** The facts the template states; unconfirmed claims about them are what a question may name. */
  facts: readonly FactName[];
  render: Renderer;
};

const ADULT_AGE = 18;

export const answerTemplates = {
  who_can_bind: { topics: ['who_can_bind'], facts: ['relationships'], render: whoCanBind },
  limits: { topics: ['limits'], facts: ['relationshipLimits', 'totalLimit', 'lifetimeLimit', 'oneAuthorizer'], render: limits },
  materials: { topics: ['materials', 'how_to_bind'], facts: ['proofs', 'pledge', 'windowDocuments', 'faceAuthAge'], render: materials },
  how_to_bind: { topics: ['how_to_bind'], facts: ['channels', 'pledge', 'faceAuthAge', 'relationships', 'relationshipLimits', 'oneAuthorizer', 'proofs'], render: howToBind },
  review: { topics: ['review'], facts: ['review'], render: review },
  cross_region: { topics: ['cross_region', 'eligibility'], facts: ['insuredArea', 'wallet'], render: crossRegion },
  premium_payment: { topics: ['premium_payment'], facts: ['premiumPayment'], render: premiumPayment },
  unbind: { topics: ['unbind'], facts: ['unbinding', 'channels'], render: unbind },
  hotline: { topics: ['how_to_bind', 'review'], facts: ['hotlines'], render: hotline },
  money_model: { topics: ['what_is', 'eligibility', 'usage_scope'], facts: ['moneyModel'], render: moneyModel },
} as const satisfies Record<string, Template>;
export type AnswerTemplateName = keyof typeof answerTemplates;
export const answerTemplateNames = Object.keys(answerTemplates) as AnswerTemplateName[];

/** The topics whose answers depend on region: their FAQ entries point to templates, never to regional variants. */
export const regionDependentTopics: readonly Topic[] = ['who_can_bind', 'limits', 'materials', 'how_to_bind', 'review', 'cross_region', 'premium_payment', 'unbind'];

/** The answer for a region (null: the person's region is unknown, national rules apply and they are asked once). */
export function renderRegionAnswer(content: Content, name: AnswerTemplateName, regionCode: string | null, question: Question): RegionAnswer {
  const template: Template = answerTemplates[name];
  const policy = policyFor(content, regionCode);
  const parts = [...template.render(content, policy, question), ...namedClaims(content, policy, template.facts, question)];
  if (regionCode === null) parts.push({ text: say(content, 'answer.askRegion'), sources: [] });
  return { text: parts.map((part) => part.text).join('\n'), sources: parts.flatMap((part) => part.sources), lead: parts.find((part) => part.sources.length > 0)?.sources ?? [] };
}

/** Whose rule a fact is: "按大连市的规定" or "全国一般规定". */
export function originText(content: Content, origin: string): string {
  if (origin === 'national') return say(content, 'answer.origin.national');
  return say(content, 'answer.origin.region', { region: regionByCode(origin)?.fullName ?? origin });
}

function part<Name extends FactName>(content: Content, fact: ResolvedFact<Name>, id: string, values: Record<string, string> = {}): Part {
  return { text: say(content, id, { origin: originText(content, fact.origin), ...values }), sources: fact.sources };
}

/** Tier-D claims the question names, each said to be unconfirmed, citing where the claim is found. */
function namedClaims(content: Content, policy: RegionPolicy, facts: readonly FactName[], question: Question): Part[] {
  const named = (claim: ResolvedClaim) => facts.includes(claim.fact) && claim.mentions.some((mention) => question.text.includes(mention));
  return policy.unconfirmed.filter(named).map((claim) => ({ text: say(content, 'answer.unconfirmed', { claim: claim.claim }), sources: claim.sources }));
}

function list(content: Content, items: readonly string[]): string {
  return items.join(say(content, 'answer.list.separator'));
}

function relationshipLabel(content: Content, relationship: Relationship): string {
  return say(content, `relationship.${relationship}`);
}

function whoCanBind(content: Content, policy: RegionPolicy): Part[] {
  const fact = policy.facts.relationships!;
  const allowed = fact.value as Relationship[];
  const parts = [part(content, fact, 'answer.whoCanBind.allowed', { relationships: list(content, allowed.map((relationship) => relationshipLabel(content, relationship))) })];
  const refused = (Object.keys(policy.relationships) as Relationship[]).filter((relationship) => !policy.relationships[relationship].allowed);
  if (refused.length > 0) {
    parts.push(part(content, fact, 'answer.whoCanBind.notAllowed', { relationships: list(content, refused.map((relationship) => relationshipLabel(content, relationship))), reason: fact.note ?? '' }));
  }
  return parts;
}

/** "一个家人能被几个人关联？" asks how many authorizers one member may have first, how many members second. */
const asksAuthorizersPerMember = /被几|被多|同时被|几个人(关联|绑)|关联几/;

/**
 * How many relatives one authorizer may bind, and how many authorizers one relative may have: people ask the one
 * in the words of the other ("能绑几个人" / "能被几个人绑"), so both are said, the one asked first.
 */
function limits(content: Content, policy: RegionPolicy, question: Question): Part[] {
  const counts = memberCounts(content, policy);
  return asksAuthorizersPerMember.test(question.text) ? [...oneAuthorizer(content, policy), ...counts] : [...counts, ...oneAuthorizer(content, policy)];
}

function memberCounts(content: Content, policy: RegionPolicy): Part[] {
  const parts: Part[] = [];
  const { totalLimit, relationshipLimits, lifetimeLimit } = policy.facts;
  if (totalLimit) parts.push(part(content, totalLimit, 'answer.limits.total', { total: String(totalLimit.value) }));
  if (relationshipLimits) {
    const each = Object.entries(relationshipLimits.value as Record<Relationship, number>).map(([relationship, max]) =>
      say(content, 'answer.limits.each', { relationship: relationshipLabel(content, relationship as Relationship), max: String(max) }),
    );
    parts.push(part(content, relationshipLimits, 'answer.limits.perRelationship', { limits: list(content, each) }));
  }
  if (lifetimeLimit) parts.push(part(content, lifetimeLimit, 'answer.limits.lifetime', { lifetime: String(lifetimeLimit.value), note: lifetimeLimit.note ?? '' }));
  if (!totalLimit) parts.push({ text: say(content, 'answer.limits.noTotal', { region: regionLabel(content, policy) }), sources: [] });
  return parts;
}

function oneAuthorizer(content: Content, policy: RegionPolicy): Part[] {
  const fact = policy.facts.oneAuthorizer!;
  const value = fact.value as { memberBoundOnce: boolean; boundCannotBind?: boolean };
  const parts = [part(content, fact, value.memberBoundOnce ? 'answer.oneAuthorizer.once' : 'answer.oneAuthorizer.many', { note: fact.note ?? '' })];
  if (value.boundCannotBind) parts.push(part(content, fact, 'answer.oneAuthorizer.oneWay'));
  return parts;
}

/** Which relationships and age bands a materials question is about: those it names, else every allowed one. */
function materialsFocus(content: Content, policy: RegionPolicy, question: Question): { relationships: Relationship[]; band: 'minor' | 'adult' | null } {
  const named = kinshipOf(content.nlu.kinship).find(question.text).flatMap((word) => (word.match.kind === 'eligible' ? [word.match.relationship] : []));
  const allowed = (Object.keys(policy.relationships) as Relationship[]).filter((relationship) => policy.relationships[relationship].allowed);
  const relationships = [...new Set(named)].filter((relationship) => allowed.includes(relationship));
  const band = /未成年|未满18|不满18|小孩|宝宝|婴儿|新生儿|刚出生/.test(question.text) ? 'minor' : /成年|已满18|满18/.test(question.text) ? 'adult' : null;
  return { relationships: relationships.length > 0 ? relationships : allowed, band };
}

function proofLine(content: Content, relationship: Relationship, band: 'minor' | 'adult' | null, proofs: readonly Proof[]): string {
  const bands: ('minor' | 'adult')[] = band ? [band] : proofs.some((proof) => proof.when !== 'always') ? ['minor', 'adult'] : [];
  const documents = (which: 'minor' | 'adult' | null) =>
    proofs
      .filter((proof) => proof.when === 'always' || proof.when === which)
      .map((proof) => proof.documents.join(say(content, proof.anyOf ? 'engine.list.or' : 'engine.list.and')))
      .join(say(content, 'engine.list.and'));
  const line = (which: 'minor' | 'adult' | null) => {
    const found = documents(which);
    const values = { relationship: relationshipLabel(content, relationship), age: which ? say(content, `answer.age.${which}`) : '', documents: found };
    return say(content, found === '' ? 'answer.materials.none' : 'answer.materials.documents', values);
  };
  return bands.length === 0 ? line(null) : bands.map(line).join('');
}

function materials(content: Content, policy: RegionPolicy, question: Question): Part[] {
  const parts: Part[] = [];
  const { relationships, band } = materialsFocus(content, policy, question);
  const proofs = policy.facts.proofs!;
  const listed = relationships.filter((relationship) => policy.relationships[relationship].proofs !== null);
  if (listed.length > 0) {
    const lines = listed.map((relationship) => proofLine(content, relationship, band, policy.relationships[relationship].proofs!));
    parts.push(part(content, proofs, 'answer.materials.listed', { lines: lines.join('') }));
  }
  if (listed.length < relationships.length) {
    const pledge = policy.facts.pledge!;
    parts.push(policy.pledge ? part(content, pledge, 'answer.materials.pledge', { pledge: policy.pledgeName }) : part(content, pledge, 'answer.materials.asPage', { pledge: policy.pledgeName }));
  }
  const windowDocuments = policy.facts.windowDocuments!;
  parts.push(part(content, windowDocuments, 'answer.materials.window', { documents: list(content, windowDocuments.value as string[]) }));
  parts.push(faceAuthPart(content, policy));
  return parts;
}

function faceAuthPart(content: Content, policy: RegionPolicy): Part {
  return part(content, policy.facts.faceAuthAge!, 'answer.faceAuth', { age: String(policy.faceAuthAge) });
}

export function channelText(content: Content, channel: { name: string; path: readonly string[] }): string {
  return channel.path.length > 0 ? say(content, 'answer.channel.withPath', { name: channel.name, path: channel.path.join(' → ') }) : channel.name;
}

function channelsPart(content: Content, policy: RegionPolicy): Part {
  const channels = policy.channels.map((channel) => channelText(content, channel));
  return part(content, policy.facts.channels!, 'answer.channels', { channels: channels.join(say(content, 'answer.channel.separator')) });
}

function howToBind(content: Content, policy: RegionPolicy, question: Question): Part[] {
  const pledge = policy.facts.pledge!;
  return [
    channelsPart(content, policy),
    part(content, pledge, policy.pledge ? 'answer.materials.pledge' : 'answer.howToBind.sign', { pledge: policy.pledgeName }),
    faceAuthPart(content, policy),
    ...spouseNotes(content, policy, question),
    ...childNotes(content, policy, question),
  ];
}

function namesRelationship(content: Content, question: Question, relationship: Relationship): boolean {
  return kinshipOf(content.nlu.kinship).find(question.text).some((word) => word.match.kind === 'eligible' && word.match.relationship === relationship);
}

/**
 * Binding a spouse is the same steps with three things of its own: who of the two binds, how many spouses the region
 * allows, and (where the region says so) that the binding is one-way, so the two cannot bind each other.
 */
function spouseNotes(content: Content, policy: RegionPolicy, question: Question): Part[] {
  if (!namesRelationship(content, question, 'spouse') || !policy.relationships.spouse.allowed) return [];
  const parts = [part(content, policy.facts.relationships!, 'answer.howToBind.spouse')];
  const limits = policy.facts.relationshipLimits;
  const max = (limits?.value as Partial<Record<Relationship, number>> | undefined)?.spouse;
  if (limits && max !== undefined) parts.push(part(content, limits, 'answer.howToBind.spouseLimit', { max: String(max) }));
  const oneAuthorizerFact = policy.facts.oneAuthorizer!;
  if ((oneAuthorizerFact.value as { boundCannotBind?: boolean }).boundCannotBind) parts.push(part(content, oneAuthorizerFact, 'answer.oneAuthorizer.oneWay'));
  return parts;
}

/**
 * Binding a child: the child must be insured, the proofs the region asks for a child (of the age named, or both ages),
 * and which of the two parents binds, since one child can usually have one authorizer only.
 */
function childNotes(content: Content, policy: RegionPolicy, question: Question): Part[] {
  if (!namesRelationship(content, question, 'child') || !policy.relationships.child.allowed) return [];
  const parts = [part(content, policy.facts.relationships!, 'answer.howToBind.child')];
  const proofs = policy.relationships.child.proofs;
  if (proofs !== null) parts.push(part(content, policy.facts.proofs!, 'answer.materials.listed', { lines: proofLine(content, 'child', materialsFocus(content, policy, question).band, proofs) }));
  const oneAuthorizerFact = policy.facts.oneAuthorizer!;
  const once = (oneAuthorizerFact.value as { memberBoundOnce: boolean }).memberBoundOnce;
  parts.push(part(content, oneAuthorizerFact, once ? 'answer.howToBind.childOneParent' : 'answer.oneAuthorizer.many', { note: oneAuthorizerFact.note ?? '' }));
  return parts;
}

function review(content: Content, policy: RegionPolicy): Part[] {
  return [{ text: reviewText(content, policy), sources: policy.facts.review!.sources }];
}

/** How long a binding takes to take effect here, as one or two sentences (also the form's post-filing text). */
export function reviewText(content: Content, policy: RegionPolicy): string {
  const fact = policy.facts.review!;
  const value = policy.review;
  const days = value.workingDays ? say(content, 'answer.review.workingDays', { min: String(value.workingDays[0]), max: String(value.workingDays[1]) }) : '';
  const lines = [say(content, `answer.review.${value.online}`, { origin: originText(content, fact.origin), days })];
  if (value.windowOnTheSpot) lines.push(say(content, 'answer.review.window'));
  if (value.textMessage) lines.push(say(content, 'answer.review.textMessage'));
  lines.push(say(content, 'answer.review.check'));
  return lines.join('');
}

function regionLabel(content: Content, policy: RegionPolicy): string {
  const code = policy.lineage[0];
  return code && code !== 'national' ? (regionByCode(code)?.fullName ?? policy.name) : say(content, 'answer.region.national');
}

function crossRegion(content: Content, policy: RegionPolicy): Part[] {
  const area = policy.facts.insuredArea!;
  const wallet = policy.facts.wallet!;
  const walletValue = wallet.value as { transfersPerDay: number; maxPerTransfer: number; closedHours: string };
  // The area named is the one whose rule applies: a city's own rule names the city, a province's the province.
  const areaName = area.origin === 'national' ? '' : (regionByCode(area.origin)?.fullName ?? '');
  const id = area.origin === 'national' ? 'answer.crossRegion.nationalProvince' : area.value === 'city' ? 'answer.crossRegion.city' : 'answer.crossRegion.province';
  return [
    part(content, area, id, { area: areaName }),
    part(content, wallet, 'answer.crossRegion.wallet', {
      perDay: String(walletValue.transfersPerDay),
      max: String(walletValue.maxPerTransfer),
      closed: walletValue.closedHours,
    }),
  ];
}

function premiumPayment(content: Content, policy: RegionPolicy): Part[] {
  const fact = policy.facts.premiumPayment!;
  const value = fact.value as { items: string[]; where?: { channel: string; path: string[] } };
  const parts = [part(content, fact, 'answer.premium.items', { items: list(content, value.items) })];
  if (value.where) parts.push(part(content, fact, 'answer.premium.where', { channel: channelText(content, { name: value.where.channel, path: value.where.path }) }));
  return parts;
}

function unbind(content: Content, policy: RegionPolicy): Part[] {
  const fact = policy.facts.unbinding!;
  const value = fact.value as { where?: { channel: string; path: string[] }; byAuthorizerOnly: boolean; endsOnTransfer: boolean };
  const parts = value.where
    ? [part(content, fact, 'answer.unbind.where', { channel: channelText(content, { name: value.where.channel, path: value.where.path }) })]
    : [part(content, fact, 'answer.unbind.sameChannel'), channelsPart(content, policy)];
  if (value.byAuthorizerOnly) parts.push(part(content, fact, 'answer.unbind.byAuthorizer'));
  if (value.endsOnTransfer) parts.push(part(content, fact, 'answer.unbind.endsOnTransfer'));
  return parts;
}

function hotline(content: Content, policy: RegionPolicy): Part[] {
  const fact = policy.facts.hotlines!;
  const hotlines = (fact.value as { number: string; name: string }[]).map((entry) => say(content, 'answer.hotline.entry', { number: entry.number, name: entry.name }));
  return [part(content, fact, 'answer.hotline', { hotlines: hotlines.join(say(content, 'engine.list.or')) })];
}

function moneyModel(content: Content, policy: RegionPolicy): Part[] {
  const fact = policy.facts.moneyModel!;
  const value = fact.value as { kind: 'authorization' } | { kind: 'transfer'; threshold: number | null };
  if (value.kind === 'authorization') return [part(content, fact, 'answer.moneyModel.authorization')];
  const threshold = value.threshold === null ? '' : say(content, 'answer.moneyModel.threshold', { amount: String(value.threshold) });
  return [part(content, fact, 'answer.moneyModel.transfer', { threshold })];
}


/** Every answers.yaml id this file looks up (the content checker requires them). */
export const answerMessageIds: readonly string[] = [
  'answer.origin.region', 'answer.origin.national', 'answer.region.national', 'answer.askRegion', 'answer.unconfirmed', 'answer.list.separator',
  'answer.whoCanBind.allowed', 'answer.whoCanBind.notAllowed',
  'answer.limits.total', 'answer.limits.each', 'answer.limits.perRelationship', 'answer.limits.lifetime', 'answer.limits.noTotal',
  'answer.oneAuthorizer.once', 'answer.oneAuthorizer.many', 'answer.oneAuthorizer.oneWay',
  'answer.age.minor', 'answer.age.adult',
  'answer.materials.listed', 'answer.materials.documents', 'answer.materials.none', 'answer.materials.pledge', 'answer.materials.asPage', 'answer.materials.window', 'answer.faceAuth',
  'answer.channel.withPath', 'answer.channel.separator', 'answer.channels', 'answer.howToBind.sign', 'answer.howToBind.spouse', 'answer.howToBind.spouseLimit', 'answer.howToBind.child', 'answer.howToBind.childOneParent',
  'answer.review.instant', 'answer.review.mostly_instant', 'answer.review.reviewed', 'answer.review.workingDays', 'answer.review.window', 'answer.review.textMessage', 'answer.review.check',
  'answer.crossRegion.city', 'answer.crossRegion.province', 'answer.crossRegion.nationalProvince', 'answer.crossRegion.wallet',
  'answer.premium.items', 'answer.premium.where',
  'answer.unbind.where', 'answer.unbind.sameChannel', 'answer.unbind.byAuthorizer', 'answer.unbind.endsOnTransfer',
  'answer.hotline.entry', 'answer.hotline',
  'answer.moneyModel.authorization', 'answer.moneyModel.transfer', 'answer.moneyModel.threshold',
];
