import { findRegion, namesGrandparentCouple, regionReader, type RegionMention, type RegionReader, parsePersonName, startsWithSurname, surnameLength, type RelationshipWordMatch } from '../domain/index.js';
import { findNumbers } from './findNumbers.js';
import { findFormalCodes } from './findFormalCodes.js';
import type { FilingForCues } from './filingForCues.js';
import type { PeopleCues } from './peopleCues.js';
import type { DetailMention, Entity, LentBy, ReadContext, Role, SpokenOf } from './reading.js';

type Span = { start: number; end: number };
type PersonEntity = Extract<Entity, { kind: 'idNumber' | 'phone' | 'name' }>;

/** Between a relationship word and the name it introduces: "我妈叫李秀英", "我爸的名字是…", "阿姆喊温春兰" (客家, 湘: 喊 for 叫). */
const afterRelationship = /^(?:叫做|叫|喊|是|名叫|的名字(?:是|叫)|的姓名是|姓名|名字)?[:：\s]*/;
const hanCharacter = /[\u3400-\u4DBF\u4E00-\u9FFF·]/;
/** Han names have at most 4 characters; names with a middle dot (阿依古丽·买买提) may be longer. */
const longestHanName = 4;
const longestSurnamelessName = 6;
const longestName = 12;
const commaBeforeClause = /^[，,]\s*/;
const clauseBreak = /[，,。.;；!！?？\n、]/;
const clauseEnd = /[\s\d，,。.;；!！?？、:：]/;

/**
 * The editors' words the cues below are made of (flows/nlu/filingFor.yaml, flows/nlu/people.yaml), and the reader of
 * region names with theirs (flows/nlu/regionNames.yaml; the table's names alone when not given).
 */
export type EntityCues = { filingFor: FilingForCues; people: PeopleCues; regions?: RegionReader };

const tableRegions = regionReader();

/**
 * Every entity in one normalised message: ID and phone numbers, names, relationship words, regions by name or
 * code, one-time codes, record numbers, dates. Nothing is validated here (the engine does that with the domain
 * rules, and explains what is wrong); roles say whose value it is when the wording shows it.
 */
export function findEntities(folded: string, context: ReadContext, cues: EntityCues): Entity[] {
  return findPeople(folded, context, cues).entities;
}

/** The entities, and the details spoken of without a value (whose by the same cues as the entities' roles). */
export function findPeople(folded: string, context: ReadContext, { filingFor, people: peopleWords, regions = tableRegions }: EntityCues): { entities: Entity[]; mentions: DetailMention[]; typedFor: SpokenOf | null; lentBy: LentBy | null } {
  const formal = findFormalCodes(folded, context);
  const numbers = findNumbers(blank(folded, formal), peopleWords.phoneWordBefore);
  const kinshipWords = peopleWords.kinship.find(folded);
  // A helper at home typing for an old person ("我是保姆，替家里老先生打字"): the old person applies, and the other of
  // the old couple named beside them ("给老太太") is their spouse, whatever word for a relative stands inside.
  const household = householdOf(folded, kinshipWords, peopleWords, context.spokenOf ?? null);
  const { partner } = household;
  const allRelationshipWords = partner === null ? kinshipWords : [...kinshipWords.filter((word) => !overlaps(word, partner)), partner].sort((a, b) => a.start - b.start);
  // The word that described the caller ("有位大爷") means the caller when it comes again ("大爷叫陈国栋"), no relative —
  // in a later message, and later in the same one ("帮一位退休老大爷给他老伴办，老大爷在旁边说我来打"); so does the old
  // person a helper types for ("老先生名叫…": the 先生 inside is no husband).
  const described = describedWord(folded, allRelationshipWords, peopleWords) ?? household.typedFor;
  const callers = [context.spokenOf, described].filter((caller): caller is string => typeof caller === 'string' && caller.length > 0);
  const meansCaller = (word: RelationshipWordMatch) => callers.some((caller) => folded.slice(word.start, word.end) === caller || insideWord(folded, word, caller));
  const relationshipWords = allRelationshipWords.filter((word) => !isFalseRelationship(folded, word, peopleWords) && !meansCaller(word));
  // "我是温江的", "我是冀时办的": what a cue makes look like a name is a place when a region name covers it ("王大连" is
  // a name with a place inside it, and stays one).
  const places = regions.mentions(folded);
  const notPlaces = <Name extends Span>(found: Name[]) => found.filter((name) => !places.some((place) => place.start <= name.start && name.end <= place.end));
  const cuedNames = notPlaces(findCuedNames(folded, numbers, peopleWords, places));
  cuedNames.push(...notPlaces(findNamesBeforeNumbers(folded, numbers, cuedNames, peopleWords)));
  const named = relationshipWords.filter((word) => !cuedNames.some((name) => overlaps(name, word)) && !isSelfMarker(folded, word) && !introducesTypist(folded, word) && !household.typists.some((typist) => overlaps(typist, word)));
  const phoneAsked = context.pending === 'member.phone';
  // Only while a relative's details are asked, and nobody's words are retold, is 他/她 that relative.
  const memberAsked = (context.pending?.startsWith('member.') ?? false) && !context.spokenOf;
  // "她的身份证是1101…，孩子没手机" at the granddaughter's ID: the relative whose details are asked was named before.
  const detailsAsked = memberAsked && context.pending !== 'member.relationship';
  const lenders = named.filter((word, index) => lendsNumber(folded, word, peopleWords, phoneAsked) || lendsToMember(folded, word, peopleWords, memberAsked) || ownsMistakenValue(folded, word, peopleWords) || ((index > 0 || detailsAsked) && speaksOfOneNamed(folded, word, peopleWords)));
  const retold = named.filter((word) => retellsOneNamed(folded, word, named, peopleWords));
  const relationships = named.filter((word) => !lenders.includes(word) && !retold.includes(word));
  const doneFor = doneForRelative(folded, relationships, filingFor, places);
  const proxy = proxyApplicant(folded, relationships, doneFor, filingFor, peopleWords);
  const proxies = proxyMentions(folded, relationships, proxy, filingFor);
  const nameAsked = context.pending === 'applicant.name' || context.pending === 'member.name';
  const relativeNames = notPlaces(findNamesAfterRelationships(folded, named.filter((word) => relationships.includes(word) || retold.includes(word)), cuedNames, numbers, peopleWords, nameAsked));
  const elderNames = notPlaces(namesOfTheOneTypedFor(folded, household.typedFor, [...cuedNames, ...relativeNames], peopleWords));
  const names = [...cuedNames, ...relativeNames, ...elderNames];
  if (names.length === 0) names.push(...notPlaces(findBareName(folded, numbers, peopleWords, nameAsked)));
  if (numbers.length > 0 || speaksOfAName(folded, peopleWords)) names.push(...notPlaces(findClauseNames(folded, names, numbers, peopleWords)));
  else if (relationships.length > 0) names.push(...notPlaces(findFullNameClauses(folded, names, peopleWords, context.pending?.startsWith('member.') ?? false)));

  const people: PersonEntity[] = [
    ...numbers.map((number): PersonEntity => ({ kind: number.kind, raw: folded.slice(number.start, number.end), start: number.start, end: number.end, role: null })),
    ...names.map((name): PersonEntity => ({ kind: 'name', value: name.value, start: name.start, end: name.end, role: null })),
  ];
  const spokenOf = context.spokenOf ?? spokenOfIn(folded, relationships, described, filingFor) ?? household.typedFor;
  // Filing for a relative ("我替我老婆办，要绑她爸"), a relative owned by 她 or 他 is that relative's.
  const ownerOf = (word: RelationshipWordMatch) => spokenOf ?? (proxies.length > 0 ? ownerPronoun(folded, word) : null);
  const cues = cueText(folded, named, people, peopleWords, proxies, spokenOf);
  for (const person of people) person.role = roleOf(cues, person, relationships, relativeNames, peopleWords);
  for (const name of elderNames) setRole(people, name.start, 'applicant');
  // "我爸李福贵": the name after the proxy's word is the applicant's.
  for (const word of proxies) for (const name of relativeNames) if (namesRelative(folded, word.end, name.start)) setRole(people, name.start, 'applicant');

  const entities: Entity[] = [
    ...people,
    ...relationships.map((word): Entity =>
      proxies.includes(word)
        ? { kind: 'relationship', match: word.match, start: word.start, end: word.end, role: 'applicant', actsFor: true, doneFor: true }
        : relationshipEntity(folded, word, word === doneFor?.word, ownerOf(word), peopleWords),
    ),
    ...formal,
  ];
  // "系何嘉欣，嘉兴个嘉": a place named only to tell how a character of a name is written is no region.
  const glosses = clausesOf(folded).filter((clause) => peopleWords.explainsCharacter(clause[0])).map((clause) => ({ start: clause.index, end: clause.index + clause[0].length }));
  const region = findRegionSpan(folded, [...people, ...relationships, ...formal, ...glosses], regions, context);
  if (region && !formal.some((entity) => entity.kind === 'region')) entities.push(region);
  entities.sort((a, b) => a.start - b.start);
  const mentions = detailMentions(folded, cues, entities, peopleWords);
  // "他没手机，用我老婆的号": the relative whose number is lent, when the number itself is not typed; "用他妈的号": the
  // member's relative, said with the member's pronoun.
  const lender = numbers.some((number) => number.kind === 'phone') ? undefined : named.find((word) => word.match.kind === 'eligible' && lendsNumber(folded, word, peopleWords, phoneAsked));
  const lentBy: LentBy | null = lender?.match.kind === 'eligible' ? { relationship: lender.match.relationship, ofMember: peopleWords.ownedByMemberPronoun.test(folded.slice(0, lender.start)) } : null;
  return { entities, mentions, typedFor: household.typedFor, lentBy };
}

/** Whether the word stands inside one of the text's occurrences of `caller` ("先生" inside "老先生"). */
function insideWord(folded: string, word: Span, caller: string): boolean {
  for (let index = folded.indexOf(caller); index >= 0 && index <= word.start; index = folded.indexOf(caller, index + 1)) {
    if (word.end <= index + caller.length) return true;
  }
  return false;
}

type Household = { typedFor: string | null; typists: Span[]; partner: RelationshipWordMatch | null };

/**
 * A helper at home typing for an old person (flows/nlu/people.yaml `household`): the helper words that say who the
 * typist is ("我是…保姆", "护工帮…"), the old person typed for (the first word for one not owned by anyone in words —
 * "我家老先生" is a husband), and the other of the old couple named beside them, as their spouse. In a later message the
 * old person is the one the form is typed for (`spokenOf`), and the other of the couple is still their spouse. With a
 * relative of the typist's own named ("帮我妈…"), or with neither a helper saying who they are nor an old person looked
 * after ("隔壁大爷", "我照顾的阿婆" are), nobody is typed for.
 */
function householdOf(folded: string, kinshipWords: readonly RelationshipWordMatch[], cues: PeopleCues, spokenOf: string | null): Household {
  const { household } = cues;
  const owned = (start: number) => household.owned.test(folded.slice(Math.max(0, start - 6), start));
  const helpers = [...folded.matchAll(household.helper)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  // "我是这户人家请的保姆", "保姆帮东家老先生…": the typist is the helper ("我家保姆帮…" is someone else).
  const typists = helpers.filter((span) => household.introducer.test(folded.slice(0, span.start).split(clauseBreak).at(-1) ?? '') || (!owned(span.start) && household.acting.test(folded.slice(span.end))));
  const elders = [...folded.matchAll(household.elder)]
    .map((match) => ({ word: match[0], start: match.index, end: match.index + match[0].length }))
    .filter((elder) => !owned(elder.start) && !helpers.some((helper) => overlaps(helper, elder)))
    .map((elder) => ({ ...elder, said: nameBeforeElder(folded, elder.start, cues)?.start ?? elder.start }));
  const typistsOwn = kinshipWords.some((word) => word.match.kind === 'eligible' && typistOwns(folded, word) && !elders.some((elder) => overlaps(elder, word)));
  const looksAfter = (typists.length > 0 || elders.some((elder) => household.around.test(folded.slice(0, elder.said)))) && !typistsOwn;
  // "雇主家老人让我…，老先生出钱给老太太用": a word that tells the old person's sex says more of whom than 老人.
  const typedFor = looksAfter ? ((elders.find((elder) => household.sexOf.get(elder.word) !== null) ?? elders[0])?.word ?? null) : null;
  const elder = typedFor ?? (spokenOf !== null && household.sexOf.has(spokenOf) ? spokenOf : null);
  const sex = elder === null ? null : (household.sexOf.get(elder) ?? null);
  const other = sex === null ? undefined : elders.find((candidate) => candidate.word !== elder && household.sexOf.get(candidate.word) === (sex === 'male' ? 'female' : 'male'));
  const partner: RelationshipWordMatch | null = other === undefined ? null : { match: { kind: 'eligible', relationship: 'spouse', word: other.word }, start: other.start, end: other.end };
  return { typedFor, typists: looksAfter ? typists : [], partner };
}

/** "他的身份证", "我手机": each detail word outside an entity, with the role the cues before it give (as roleOf). */
function detailMentions(folded: string, cues: string, entities: readonly Entity[], words: PeopleCues): DetailMention[] {
  const mentions: DetailMention[] = [];
  for (const { field, pattern } of words.detailWords) {
    for (const match of folded.matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if ([...entities, ...mentions].some((other) => overlaps(other, span))) continue;
      // "身份证210202…": the word names the value that follows it in its clause.
      if (entities.some((entity) => entity.kind === field && entity.start >= span.end && !clauseBreak.test(folded.slice(span.end, entity.start)))) continue;
      let clauseStart = span.start;
      while (clauseStart > 0 && !clauseBreak.test(cues[clauseStart - 1] ?? '')) clauseStart -= 1;
      mentions.push({ field, ...span, role: lastCueRole(cues.slice(clauseStart, span.start), words) ?? lastCueRole(cues.slice(0, clauseStart), words) });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** The text with the given spans blanked, so that numbers inside a record number or a date are not read again. */
function blank(folded: string, spans: readonly Span[]): string {
  let result = folded;
  for (const span of spans) result = result.slice(0, span.start) + ' '.repeat(span.end - span.start) + result.slice(span.end);
  return result;
}

/**
 * "我替我爸办一下", "帮我妈申请", "我爸让我帮他弄", "爷爷要办共济，我帮他打字": the first relative the person does this for,
 * by the editors' words (flows/nlu/filingFor.yaml) around the relationship word. Whether that relative applies or is
 * the one to bind is decided by what is done (typing is done on their own account), by what else is named
 * (proxyApplicant) or, inside a form, by what the form holds.
 */
function doneForRelative(folded: string, relationships: readonly RelationshipWordMatch[], cues: FilingForCues, places: readonly Span[]): DoneFor | null {
  for (const word of relationships) {
    if (word.match.kind !== 'eligible') continue;
    const before = folded.slice(Math.max(0, word.start - 4), word.start);
    // "替我爸在北京办": where it is done says nothing of whom for.
    const place = places.find((span) => span.start === word.end || (span.start === word.end + 1 && folded[word.end] === '在'));
    const after = folded.slice(place?.end ?? word.end, (place?.end ?? word.end) + 10);
    const startsIt = cues.before.test(before) || (word.start <= 2 && /^(?:我|俺)?$/.test(folded.slice(0, word.start)) && cues.askedBy.test(after));
    if (startsIt && cues.done.test(after)) return { word, typing: cues.typing.test(after) };
    // "I'm typing for my wife", read 我是打字替我的老婆: what is done said before the relative.
    if (cues.typingBefore.test(folded.slice(Math.max(0, word.start - 10), word.start))) return { word, typing: true };
  }
  // "阿拉爷爷要办共济，我帮伊打字": the pronoun means the one relative named before it — the typist's own, not one to
  // bind ("来电人要给她闺女加共济，我替她录入", "孙阿姨想给老伴办，我帮她录入": 她 is the caller).
  const byPronoun = cues.forPronoun.exec(folded);
  if (byPronoun === null) return null;
  const named = relationships.filter((word) => word.match.kind === 'eligible' && word.end <= byPronoun.index);
  const [first] = named;
  if (first === undefined || named.some((word) => !sameRelative(word, first))) return null;
  const before = folded.slice(Math.max(0, first.start - 3), first.start);
  if (isBindingObject(folded, first, cues) || /[他她伊]的?$/.test(before) || /[给帮替为把](?:我|俺|咱)?的?$/.test(before)) return null;
  return { word: first, typing: cues.typing.test(byPronoun[1]!) };
}

type DoneFor = { word: RelationshipWordMatch; typing: boolean };

/** How far after the relative a word saying they apply may end: "帮我爸开个共济，他自己是申请人" (13 characters). */
const APPLIES_WITHIN = 14;
const APPLIES_WITHIN_BY_PRONOUN = 28;

/**
 * "帮我爸开个共济，他自己是申请人": soon after the first relative, that they apply (filingFor.yaml `applies`), with no word
 * of the person's own between ("帮我妈绑上，我是申请人" is the person applying).
 */
function appliesThemselves(folded: string, word: RelationshipWordMatch, cues: FilingForCues, people: PeopleCues): boolean {
  const after = folded.slice(word.end, word.end + APPLIES_WITHIN_BY_PRONOUN);
  const said = cues.applies.exec(after);
  if (said === null || people.applicantPronoun.test(after.slice(0, said.index))) return false;
  // Further on, only said of them by 他/她 ("我替我爸在手机上办家庭共济，他本人是申请人").
  return said.index < APPLIES_WITHIN || people.ownedByMemberPronoun.test(after.slice(0, said.index).replace(/(?:本人|自己)$/, ''));
}

/**
 * "我替我爸办一下……要绑我妈", "我爸让我帮他弄，给我妈绑上": the relative the person files for, who is the
 * applicant, when it is the first relative named and another one (the one to bind) is named after them. One relative
 * alone ("帮我妈办个共济") is the one to bind, as people mostly mean — unless the person types for them ("我帮我爷爷打字")
 * or the message says soon after that they apply ("帮我爸开个共济，他自己是申请人").
 */
function proxyApplicant(folded: string, relationships: readonly RelationshipWordMatch[], doneFor: DoneFor | null, cues: FilingForCues, people: PeopleCues): RelationshipWordMatch | null {
  const [first, ...rest] = relationships;
  const saidToApply = relationships.find((word) => word.match.kind === 'eligible' && saidToApplyBefore(folded, word, cues));
  if (saidToApply !== undefined && (doneFor === null || sameRelative(doneFor.word, saidToApply))) return doneFor?.word ?? saidToApply;
  if (first?.match.kind === 'eligible' && appliesThemselves(folded, first, cues, people)) return first;
  if (!first || doneFor?.word !== first) return null;
  if (doneFor.typing) return first;
  return rest.some((word) => !sameRelative(word, first) && isBindingObject(folded, word, cues)) ? first : null;
}

/**
 * "要绑我妈", "给我妈绑上", "把我妈加进去": the relative is named as the one to bind — not as one more of the same
 * ("帮我爸办一下，还有我妈" binds both).
 */
function isBindingObject(folded: string, word: RelationshipWordMatch, cues: FilingForCues): boolean {
  const around = folded.slice(Math.max(0, word.start - 6), word.end + 4);
  return cues.bindWords.some((bindWord) => around.includes(bindWord)) && !cues.also.test(folded.slice(Math.max(0, word.start - 4), word.start));
}

/** The same relative named again: the same relationship, and not the other of a grandparent couple ("爷爷…奶奶"). */
function sameRelative(word: RelationshipWordMatch, other: RelationshipWordMatch): boolean {
  return word.match.kind === 'eligible' && other.match.kind === 'eligible' && word.match.relationship === other.match.relationship && !namesGrandparentCouple(word.match.word, other.match.word);
}

/**
 * The proxy's word and its later mentions ("我替我爸办，我爸叫…") up to the first other relative named; after it, only
 * those said to apply ("…被绑的是我妈……申请人是我爸：赵国栋").
 */
function proxyMentions(folded: string, relationships: readonly RelationshipWordMatch[], proxy: RelationshipWordMatch | null, cues: FilingForCues): RelationshipWordMatch[] {
  if (proxy === null) return [];
  const mentions: RelationshipWordMatch[] = [];
  let another = false;
  for (const word of relationships.filter((candidate) => candidate.start >= proxy.start)) {
    another ||= !sameRelative(word, proxy);
    if (sameRelative(word, proxy) && (!another || saidToApplyBefore(folded, word, cues))) mentions.push(word);
  }
  return mentions;
}

/** "申请人是我爸": the words right before the relative say they apply (filingFor.yaml `appliesBefore`). */
function saidToApplyBefore(folded: string, word: RelationshipWordMatch, cues: FilingForCues): boolean {
  return cues.appliesBefore.test(folded.slice(Math.max(0, word.start - 8), word.start));
}

/**
 * Whom the person speaks of, when every relative the message names is theirs ("我妈……她老伴" is no retelling): the word
 * that described them ("有位大爷…想给他老伴办": 大爷, which later messages use for the caller), else the pronoun.
 */
function spokenOfIn(folded: string, relationships: readonly RelationshipWordMatch[], described: string | null, filingFor: FilingForCues): SpokenOf | null {
  const owners = new Set(ownersInList(folded, relationships, filingFor));
  const [owner] = owners;
  if (owners.size === 1 && owner !== undefined && owner !== null) return described ?? owner;
  // "来电人是刘大爷，他想给老伴办": someone described, and relatives owned by nobody in words, are that person's.
  return described !== null && owners.size === 1 && owner === null && !relationships.some((word) => typistOwns(folded, word)) ? described : null;
}

/**
 * The pronoun owning each relative; "他爱人和儿子": a relative joined to the one before by a word of filingFor.yaml
 * `alsoWords` (or a comma), owned by no one else in words, has the same owner.
 */
function ownersInList(folded: string, relationships: readonly RelationshipWordMatch[], filingFor: FilingForCues): ('她' | '他' | null)[] {
  const owners: ('她' | '他' | null)[] = [];
  relationships.forEach((word, index) => {
    const previous = relationships[index - 1];
    const between = previous === undefined ? '' : folded.slice(previous.end, word.start);
    const listed = previous !== undefined && between.length <= 3 && !typistOwns(folded, word) && (/^[,、]$/.test(between) || filingFor.also.test(between));
    owners.push(ownerPronoun(folded, word) ?? (listed ? owners[index - 1]! : null));
  });
  return owners;
}

/** "我老伴", "俺的闺女": the person typing owns the relative. */
function typistOwns(folded: string, word: RelationshipWordMatch): boolean {
  return /(?:我|俺|咱)的?$/.test(folded.slice(Math.max(0, word.start - 2), word.start));
}

/** "来电的是一位大爷", "来电人是刘大爷": the relationship word that describes someone and names no relative. */
function describedWord(folded: string, words: readonly RelationshipWordMatch[], cues: PeopleCues): string | null {
  const word = words.find((candidate) => describesSomeone(folded, candidate, cues));
  return word ? folded.slice(word.start, word.end) : null;
}

/** How far before a relationship word a describer (people.yaml `describers`) may start. */
const DESCRIBER_REACH = 8;

/** After a describer ("一位大爷"), or a word that addresses someone right after their surname ("刘大爷", "欧阳阿姨"). */
function describesSomeone(folded: string, word: RelationshipWordMatch, cues: PeopleCues): boolean {
  // The describer ends right before the word; the longest ("打电话来的老") is six characters.
  if (cues.describer.test(folded.slice(Math.max(0, word.start - DESCRIBER_REACH), word.start))) return true;
  if (!cues.describedBySurname.has(folded.slice(word.start, word.end))) return false;
  return [1, 2].some((length) => word.start >= length && surnameLength(folded.slice(word.start - length, word.start)) === length);
}

const pronouns = new Set(['她', '他']);

/** Whether the relative is one of the person spoken of: by their pronoun, or by the word that described them (either pronoun then). */
function ownedBySpokenOf(folded: string, word: RelationshipWordMatch, spokenOf: SpokenOf | null): boolean {
  if (spokenOf === null) return false;
  const pronoun = ownerPronoun(folded, word);
  if (pronoun !== null) return pronoun === spokenOf || !pronouns.has(spokenOf);
  if (pronouns.has(spokenOf) || relationshipRole(folded, word) === 'applicant') return false;
  // "大爷的老伴", and "刘大爷…想给老伴办": a relative owned by no one in words, after the one described.
  const before = folded.slice(0, word.start);
  return before.replace(/的$/, '').endsWith(spokenOf) || (before.includes(spokenOf) && !typistOwns(folded, word));
}

function relationshipEntity(folded: string, word: RelationshipWordMatch, doneFor: boolean, spokenOf: SpokenOf | null, cues: PeopleCues): Entity {
  const ownedBy = spokenOf !== null && ownedBySpokenOf(folded, word, spokenOf) ? spokenOf : null;
  const pointedBack = cues.pointingBack.test(folded.slice(0, word.start));
  return { kind: 'relationship', match: word.match, start: word.start, end: word.end, role: relationshipRole(folded, word), ...(doneFor ? { doneFor } : {}), ...(ownedBy ? { ownedBy } : {}), ...(pointedBack ? { pointedBack } : {}) };
}

/**
 * "她老伴", "他的闺女": the relative of someone the person speaks of — a hotline agent retelling a caller ("她说她叫
 * 孙桂芝，想给她老伴绑") — who is then the applicant. Not "我是她女儿", which says who the applicant is to her.
 */
function ownerPronoun(folded: string, word: RelationshipWordMatch): '她' | '他' | null {
  if (relationshipRole(folded, word) === 'applicant') return null;
  const owner = /(她|他)的?$/.exec(folded.slice(Math.max(0, word.start - 2), word.start));
  return owner ? (owner[1] as '她' | '他') : null;
}

function setRole(people: PersonEntity[], start: number, role: Role): void {
  const person = people.find((candidate) => candidate.start === start);
  if (person) person.role = role;
}

/** "我是她女儿": the word says what the applicant is to the member, not whom to bind. */
function relationshipRole(folded: string, word: RelationshipWordMatch): Role {
  return /(我|俺|本人)(是|系)(她|他|它|ta|其)的?$/.test(folded.slice(Math.max(0, word.start - 5), word.start)) ? 'applicant' : 'member';
}

type NameSpan = Span & { value: string };

/** How many characters a place said after a name cue may take, district with it, up to its 的 ("四川成都", "北京朝阳"). */
const PLACE_BEFORE_NAME = 6;

/**
 * Where the name starts when a place stands between the cue and it: right after the place's 的, the place starting
 * the stretch or ending it (a district or city said beside it is no known place: "北京朝阳的", "四川成都的"), or the
 * stretch ending as a district's or county's name does, though it names no one region ("朝阳区的", "长安区的").
 */
function afterPlace(folded: string, cueEnd: number, places: readonly Span[], cues: PeopleCues): number | null {
  const end = folded.indexOf('的', cueEnd);
  if (end <= cueEnd || end - cueEnd > PLACE_BEFORE_NAME || /[\s，。！？、,.!?：:；;]/.test(folded.slice(cueEnd, end))) return null;
  if (cues.placeEnding.test(folded.slice(cueEnd, end))) return end + 1;
  return places.some((place) => place.start >= cueEnd && place.end <= end && (place.start === cueEnd || place.end === end)) ? end + 1 : null;
}

/** "她叫耳东陈 陈桂兰": a character's gloss said right after the cue, before the name it spells, is passed over. */
function afterGloss(folded: string, start: number, cues: PeopleCues): number {
  const clause = /^[^\s，,。.;；!！?？:：、]+[\s，,、]+/.exec(folded.slice(start));
  return clause && cues.explainsCharacter(clause[0].replace(/[\s，,、]+$/, '')) ? start + clause[0].length : start;
}

/**
 * Names after the editors' cues: after a strong one whatever the word, after a weak one only a word with a surname.
 * A place said first is passed over: "我是北京的赵立新" names 赵立新, "我是北京朝阳的王建国" 王建国.
 */
function findCuedNames(folded: string, numbers: readonly Span[], cues: PeopleCues, places: readonly Span[]): NameSpan[] {
  const found: NameSpan[] = [];
  for (const cue of folded.matchAll(cues.nameCue)) {
    // "你的名字叫小美" names the assistant; "麻烦你我叫王芳" the person.
    if (cues.assistantBefore.test(folded.slice(0, cue.index)) && !cues.ownCue.test(cue[1] ?? '')) continue;
    const cueEnd = cue.index + cue[0].length;
    const start = afterGloss(folded, afterPlace(folded, cueEnd, places, cues) ?? cueEnd, cues);
    const strong = cues.strongNameCues.has(cue[1] ?? '');
    const name = nameAt(folded, start, !strong, cues, names(cue[1] ?? '', cues));
    if (name && !numbers.some((number) => overlaps(number, name)) && !found.some((other) => overlaps(other, name))) found.push(name);
  }
  return found;
}

/**
 * "我徐晨 3301…", "俺李国强，身份证…": after one of the editors' `beforeNumbers` cues, a word with a surname is a name
 * only when a number follows it (a space, a comma or the number's word between).
 */
function findNamesBeforeNumbers(folded: string, numbers: readonly Span[], taken: readonly Span[], cues: PeopleCues): NameSpan[] {
  const found: NameSpan[] = [];
  for (const cue of folded.matchAll(cues.beforeNumbersCue)) {
    const name = nameAt(folded, cue.index + cue[0].length, true, cues);
    if (name === null || [...taken, ...found].some((other) => overlaps(other, name))) continue;
    const next = numbers.find((number) => number.start >= name.end);
    if (next !== undefined && cues.beforeNumberGap.test(folded.slice(name.end, next.start))) found.push(name);
  }
  return found;
}

/**
 * Names right after a relationship word, each with that word's role: "我妈李秀英" the member, "我是她儿子张伟" the
 * applicant; "申请人是我爸，钟国栋": after a comma too, when the name is the whole clause there.
 */
function findNamesAfterRelationships(folded: string, relationships: readonly RelationshipWordMatch[], taken: readonly Span[], numbers: readonly Span[], cues: PeopleCues, nameAsked: boolean): (NameSpan & { role: Role })[] {
  const found: (NameSpan & { role: Role })[] = [];
  for (const word of relationships) {
    const gap = afterRelationship.exec(folded.slice(word.end))?.[0] ?? '';
    const start = word.end + gap.length;
    const name =
      nameAt(folded, start, true, cues, names(gap, cues)) ??
      (gap === '' ? fullNameRightAfter(folded, start, cues) : null) ??
      nameBeforeANumber(folded, start, numbers, cues) ??
      clauseNameAfterComma(folded, start, cues) ??
      (nameAsked && names(gap, cues) ? shortNameAnswering(folded, start, cues) : null);
    if (name && cues.verbsAfterRelative.some((verb) => name.value.startsWith(verb))) continue;
    if (name && joinsAnotherRelative(name, relationships, cues)) continue;
    if (name && ![...taken, ...found].some((other) => overlaps(other, name))) found.push({ ...name, role: relationshipRole(folded, word) });
  }
  return found;
}

/**
 * "再加我闺女孙可欣": right after a relative's word, a full name of three characters that is all its clause says (a
 * number may follow) names them, though 可 reads as a verb where nothing says a name follows. A surname that is also
 * a common word ("我妈都要绑") or a verb-like last character keeps it a word (people.yaml `surnamesAlsoWords`).
 */
function fullNameRightAfter(folded: string, start: number, cues: PeopleCues): NameSpan | null {
  const value = folded.slice(start, start + 3);
  const end = start + 3;
  if (value.length !== 3 || surnameLength(value) !== 1 || cues.surnamesAlsoWords.has(value[0]!) || cues.wordSeconds.has(value[2]!)) return null;
  if (!(end === folded.length || clauseEnd.test(folded[end] ?? ''))) return null;
  const name = nameAt(folded, start, true, cues, true);
  return name !== null && name.end === end ? name : null;
}

/**
 * "帮独居老人罗德明办", "帮辖区王根发大爷办": the name right after the old person a helper types for (who applies), or
 * else right before their word, is theirs.
 */
function namesOfTheOneTypedFor(folded: string, typedFor: string | null, taken: readonly Span[], cues: PeopleCues): NameSpan[] {
  if (typedFor === null) return [];
  const found: NameSpan[] = [];
  for (let index = folded.indexOf(typedFor); index >= 0; index = folded.indexOf(typedFor, index + typedFor.length)) {
    const end = index + typedFor.length;
    const gap = afterRelationship.exec(folded.slice(end))?.[0] ?? '';
    const name = nameAt(folded, end + gap.length, true, cues, names(gap, cues)) ?? nameBeforeElder(folded, index, cues);
    if (name && ![...taken, ...found].some((other) => overlaps(other, name))) found.push(name);
  }
  return found;
}

/**
 * The name said right before an old person's word, after a word that may stand before it (people.yaml `household`:
 * "帮王芳阿姨", "替院里孔庆文老人"); a three-character name is tried first, as most are.
 */
function nameBeforeElder(folded: string, end: number, cues: PeopleCues): NameSpan | null {
  for (const length of [3, 2, 4]) {
    const start = end - length;
    if (start < 1 || !cues.household.beforeName.test(folded.slice(0, start))) continue;
    const name = nameAt(folded.slice(0, end), start, true, cues, true);
    // Four characters only with a surname of two (欧阳, 司马): "社区孤寡老人" names no one.
    if (name?.end === end && (length < 4 || surnameLength(name.value) === 2)) return name;
  }
  return null;
}

/**
 * "老婆和崽": 和 (a surname, and a word that ends a name) joins the next relative's word; no one is called 和崽. A name
 * that merely holds a relationship word ("我妹李小妹") stays whole.
 */
function joinsAnotherRelative(name: NameSpan, relationships: readonly RelationshipWordMatch[], cues: PeopleCues): boolean {
  return cues.nameEndings.has(name.value[0] ?? '') && relationships.some((word) => word.start === name.start + 1);
}

/**
 * "我爸叫朝鲁" asked for his name: a two-character name without a Han surname (Mongolian, Tibetan) said to be one and
 * ending the message. Only while a name is asked — elsewhere "儿子叫不醒" would be a person.
 */
function shortNameAnswering(folded: string, start: number, cues: PeopleCues): NameSpan | null {
  const value = folded.slice(start).replace(/[。.!！~～\s]+$/, '');
  if (value.length !== 2 || ![...value].every((character) => hanCharacter.test(character))) return null;
  if (!parsePersonName(value).ok || !isPlausibleName(value, cues)) return null;
  return { value, start, end: start + value.length };
}

/** "我爸，钟国栋": a name that is the whole clause right after a comma at `start`. */
function clauseNameAfterComma(folded: string, start: number, cues: PeopleCues): NameSpan | null {
  const comma = commaBeforeClause.exec(folded.slice(start))?.[0];
  if (comma === undefined) return null;
  const clause = clausesOf(folded.slice(start + comma.length))[0];
  if (clause === undefined || clause.index !== 0) return null;
  const name = nameAt(folded, start + comma.length, true, cues);
  return name && name.end === start + comma.length + clause[0].length ? name : null;
}

/** Whether only naming words and a comma stand between a relationship word's end and a name: it names that relative. */
function namesRelative(folded: string, wordEnd: number, nameStart: number): boolean {
  if (nameStart < wordEnd) return false;
  const gap = folded.slice(wordEnd, nameStart);
  const naming = afterRelationship.exec(gap)?.[0] ?? '';
  return naming.length === gap.length || commaBeforeClause.exec(gap.slice(naming.length))?.[0].length === gap.length - naming.length;
}

/** The runs of text between punctuation and spaces, each with where it starts. */
function clausesOf(text: string): RegExpExecArray[] {
  return [...text.matchAll(/[^\s，,。.;；!！?？:：、]+/g)];
}

/**
 * A message that is nothing but a name (and perhaps numbers): "李秀英", "李秀英 13912345678". While a name is asked, a
 * name with no Han surname is one too when it is written as such names are ("其其格", "扎西多吉", "买买提·艾力").
 */
function findBareName(folded: string, numbers: readonly Span[], cues: PeopleCues, nameAsked: boolean): NameSpan[] {
  let rest = folded;
  for (const number of [...numbers].reverse()) rest = rest.slice(0, number.start) + ' '.repeat(number.end - number.start) + rest.slice(number.end);
  // "孙晓军，孙子的孙", "淑女的淑，何淑琼": a clause explaining how a character of the name is written is no second word.
  const words = clausesOf(rest).filter((word) => !cues.explainsCharacter(word[0]));
  // "王子墨，今年九岁": asked for a name, the first clause may give it with something said of its bearer after it.
  if (words.length === 0 || (words.length > 1 && !nameAsked)) return [];
  const word = words[0]!;
  const name = clauseName(folded, word, numbers, cues) ?? (nameAsked ? answerToNameQuestion(folded, word, cues) : null);
  return name && name.end === word.index + word[0].length ? [name] : [];
}

/**
 * A clause answering a name question: "汪可欣" is a name though 可 is verb-like (wordSeconds) — three characters at
 * least, as "都要" or "和我" are no answer of a name — or a name with no Han surname (surnamelessAnswer).
 */
function answerToNameQuestion(folded: string, clause: RegExpExecArray, cues: PeopleCues): NameSpan | null {
  if (!startsWithSurname(clause[0])) return surnamelessAnswer(clause[0], clause.index, cues);
  const name = nameAt(folded, clause.index, true, cues, true);
  return name !== null && name.value.length >= 3 ? name : null;
}

/**
 * A whole answer to a name question that is a Mongolian, Tibetan or Uyghur name: parts joined by the middle dot, or
 * two to six characters all of the kind such names are written in — no one character said over ("哈哈哈").
 */
function surnamelessAnswer(word: string, start: number, cues: PeopleCues): NameSpan | null {
  const parsed = parsePersonName(word);
  if (!parsed.ok || !isPlausibleName(parsed.value, cues)) return null;
  const characters = [...word];
  const dotted = word.includes('·') && characters.length <= longestName;
  const transliterated = characters.length <= longestSurnamelessName && new Set(characters).size > 1 && characters.every((character) => cues.transliterated.has(character));
  return dotted || transliterated ? { value: word, start, end: start + word.length } : null;
}

/**
 * "给我闺女绑，彭思雨，身份证…": in a message that gives numbers, a clause that is nothing but a name (with a
 * surname) is a name, whoever's the cues around it say.
 */
function findClauseNames(folded: string, taken: readonly Span[], numbers: readonly Span[], cues: PeopleCues): NameSpan[] {
  const found: NameSpan[] = [];
  for (const clause of clausesOf(folded)) {
    const name = clauseName(folded, clause, numbers, cues);
    if (name && name.end === clause.index + clause[0].length && ![...taken, ...found].some((other) => overlaps(other, name))) found.push(name);
  }
  return found;
}

/**
 * "那中，给俺丈夫绑，周建军": in a message naming a relative, a clause that is nothing but a full name of three
 * characters (as strict as `fullNameRightAfter`: no surname that is also a word, no verb-like last character). While a
 * relative's details are asked, a name of two closing the message too ("绑俺老公吧，郑伟").
 */
function findFullNameClauses(folded: string, taken: readonly Span[], cues: PeopleCues, memberAsked: boolean): NameSpan[] {
  const clauses = clausesOf(folded);
  return clauses.flatMap((clause, index) => {
    const closing = memberAsked && index === clauses.length - 1 && clause[0].length === 2;
    const name = clause[0].length === 3 ? fullNameRightAfter(folded, clause.index, cues) : closing ? twoCharacterName(folded, clause.index, cues) : null;
    // "王大爷" addresses someone; it names no one to file.
    return name !== null && !cues.describedBySurname.has(name.value.slice(1)) && !taken.some((other) => overlaps(other, name)) ? [name] : [];
  });
}

/** A name of two characters at `start` as strict as `fullNameRightAfter`: a surname that is no common word, no verb-like second character. */
function twoCharacterName(folded: string, start: number, cues: PeopleCues): NameSpan | null {
  const value = folded.slice(start, start + 2);
  if (surnameLength(value) !== 1 || cues.surnamesAlsoWords.has(value[0]!) || cues.wordSeconds.has(value[1]!)) return null;
  const name = nameAt(folded, start, true, cues);
  return name !== null && name.end === start + 2 ? name : null;
}

/**
 * The name a clause starts with. "沈可馨 3301…", "王可欣，身份证3301…": a clause standing right before a number (a word
 * for the number may stand between) says whose it is, so a name of three characters there is said to be one as much as
 * after 叫: 可 makes no verb of 沈可 (two, "都要 3301…", still may).
 */
function clauseName(folded: string, clause: RegExpExecArray, numbers: readonly Span[], cues: PeopleCues): NameSpan | null {
  return nameBeforeANumber(folded, clause.index, numbers, cues) ?? nameAt(folded, clause.index, true, cues);
}

/** A name of three characters at `start` standing right before a number ("郑可馨，4403…", "女儿郑可馨 4403…"). */
function nameBeforeANumber(folded: string, start: number, numbers: readonly Span[], cues: PeopleCues): NameSpan | null {
  const named = nameAt(folded, start, true, cues, true);
  if (named === null || named.value.length < 3) return null;
  return numbers.some((number) => number.start >= named.end && cues.beforeNumberGap.test(folded.slice(named.end, number.start))) ? named : null;
}

/**
 * "外婆名字打错了，是淑女的淑，何淑琼": a message that speaks of a name (名字, 叫) or spells a character of one gives it
 * in a clause of its own, as a message with numbers does.
 */
function speaksOfAName(folded: string, cues: PeopleCues): boolean {
  return names(folded, cues) || clausesOf(folded).some((clause) => cues.explainsCharacter(clause[0]));
}

/** Whether the words before a name say one follows ("叫", "名字是"). */
function names(before: string, cues: PeopleCues): boolean {
  return cues.namingWords.some((word) => before.includes(word));
}

/**
 * The name starting at `start`, if the characters there read as one. `named`: the words before it say a name follows,
 * so a second character that mostly makes a verb ("都要") does not stop it ("赵可欣").
 */
function nameAt(folded: string, start: number, needsSurname: boolean, cues: PeopleCues, named = false): NameSpan | null {
  let end = start;
  while (end < folded.length && end - start < longestName && hanCharacter.test(folded[end] ?? '')) end += 1;
  // The surname and the first character of the given name are never cut.
  for (let index = start + Math.max(surnameLength(folded.slice(start, end)), 1) + 1; index < end; index += 1) {
    const character = folded[index] ?? '';
    const lastOfName = () => index === end - 1 || cues.detailWordFirst.test(folded.slice(index + 1));
    if (cues.nameEndings.has(character) && !(cues.endingsAlsoInNames.has(character) && lastOfName())) {
      end = index;
      break;
    }
  }
  const value = folded.slice(start, end);
  // Mongolian and Tibetan names run to five or six characters without a dot ("乌云其木格"), when said to be a name.
  const longSurnameless = end - start <= longestSurnamelessName && !startsWithSurname(value) && isSurnamelessName(folded, start, end, named);
  if (end - start > longestHanName && !value.includes('·') && !longSurnameless) return null;
  const wholeClause = end === folded.length || clauseEnd.test(folded[end] ?? '');
  if (!parsePersonName(value).ok || !isPlausibleName(value, cues, named && wholeClause)) return null;
  if (needsSurname && !(startsWithSurname(value) ? named || !cues.wordSeconds.has(value[1] ?? '') : isSurnamelessName(folded, start, end, named))) return null;
  return { value, start, end };
}

/**
 * Tibetan, Uyghur and Mongolian names have no Han surname ("老婆叫央金卓玛", "我妈叫阿依古丽"): said to be a name, one
 * of three characters or more that is all its clause says is one. Two would take "儿子叫不醒" for a person.
 */
function isSurnamelessName(folded: string, start: number, end: number, named: boolean): boolean {
  return named && end - start >= 3 && (end === folded.length || clauseEnd.test(folded[end] ?? ''));
}

/**
 * `named`: the words before say a name follows and it is all its clause says, so a word for a relative right after the
 * surname is the given name, as in the names older women of 上海 and 江浙 carry ("名字叫沈阿妹", "叫王阿娣"); "叫王阿姨来
 * 帮忙" calls someone.
 */
export function isPlausibleName(value: string, cues: PeopleCues, named = false): boolean {
  if (/[我你您他她它咱俺]/.test(value)) return false;
  // "俺爹都八十了": an age said of a relative, a surname-like character before it (都, 快), is no name.
  if (startsWithSurname(value) && ageInTens.test(value.slice(surnameLength(value)))) return false;
  if (cues.notNames.some((word) => value.includes(word)) || cues.notWholeNames.has(value)) return false;
  const givenNameAfterSurname = (word: { start: number }) => named && word.start > 0 && word.start === surnameLength(value) && startsWithSurname(value);
  if (cues.kinship.resolve(value).kind !== 'unknown' || cues.kinship.find(value).some((word) => word.end - word.start >= 2 && !givenNameAfterSurname(word))) return false;
  return findRegion(value)?.aliases.includes(value) !== true;
}

/** A count of years in tens ("八十", "七十五", "一百"), which no given name is. */
const ageInTens = /^[一二三四五六七八九两]?[十百][一二三四五六七八九]?$/;

/** What may follow a relative the assistant is cast as: a particle or two, then the clause's end. */
const castEnds = /^[吧了呗啊呀哦嘛啦]*(?:[\s,，。.!！?？~～]|$)/;

/** Relationship words that are parts of other words here: 共济对象, 张先生, 小姐, 帅哥; or describe someone: 一位大爷. */
function isFalseRelationship(folded: string, word: RelationshipWordMatch, cues: PeopleCues): boolean {
  if (describesSomeone(folded, word, cues) || explainsACharacter(folded, word, cues) || addressesTheOneAnswering(folded, word, cues)) return true;
  // "你是我闺女介绍的那个客服吗" still names the daughter: the cast relative ends its clause ("你当我老婆吧").
  if (cues.castsAssistant.test(folded.slice(0, word.start)) && castEnds.test(folded.slice(word.end))) return true;
  const before = folded.slice(Math.max(0, word.start - 2), word.start);
  const value = folded.slice(word.start, word.end);
  if (value === '对象') return /共济|绑定|授权|使用/.test(before);
  // "来电的是位老太太": an old lady, not "my wife" (我家老太太 may still be either, and stays a relative).
  if (value === '太太') return before.endsWith('老') && !/[我俺咱家]$/.test(before.slice(0, -1));
  if (value === '先生') return surnameLength(before.slice(-1)) === 1;
  if (value === '姐') return before.endsWith('小');
  if (value === '哥') return before.endsWith('帅');
  return false;
}

/** "妹儿，我要给屋头人办": a word that opens the message to address the one answering names no relative. */
function addressesTheOneAnswering(folded: string, word: RelationshipWordMatch, cues: PeopleCues): boolean {
  const match = cues.addressing.exec(folded);
  if (match === null) return false;
  const [, before = '', addressed = ''] = match;
  return word.start === before.length && word.end <= before.length + addressed.length;
}

/**
 * "我是孙学民，同学的学", "孙晓军，孙子的孙": a word of two characters or more followed by one of its own characters
 * (people.yaml `characterGloss`) says how a name is written, and names nobody ("我妈的妈" is a grandmother: 妈 alone
 * is no such word).
 */
function explainsACharacter(folded: string, word: RelationshipWordMatch, cues: PeopleCues): boolean {
  const value = folded.slice(word.start, word.end);
  const explained = cues.glossAfter.exec(folded.slice(word.end))?.[1];
  return value.length > 1 && explained !== undefined && value.includes(explained);
}

/**
 * "他小没手机，用我女儿的号139…": the relative only lends the number, which is the member's contact; they are
 * nobody to bind. Their word still cues the number as the member's (not as the typist's, by the 我 before it).
 */
function lendsNumber(folded: string, word: RelationshipWordMatch, cues: PeopleCues, phoneAsked: boolean): boolean {
  const before = folded.slice(Math.max(0, word.start - 8), word.start);
  const after = folded.slice(word.end, word.end + 8);
  // Asked for the relative's phone, "填她爸的" needs no word for the number: the question gave it; nor does one with the
  // number itself after the 的 ("填他爸的：13803217745").
  const rest = folded.slice(word.end);
  // "电话139…，是他们儿子的号": the relative said after the number owns it.
  if (cues.numberBeforeLender.test(folded.slice(0, word.start)) && cues.lentNumberEnds.test(rest)) return true;
  return cues.lenderBefore.test(before) && (cues.lenderAfter.test(after) || cues.numberAfterOwner.test(rest) || (phoneAsked && cues.ownerAlone.test(rest)));
}

/**
 * "杨若汐，身份证…，她妈妈的手机189…" while a relative's details are asked: the relative of theirs whose number is typed
 * lends it as their contact, and says nothing of whose the name and ID number before it are.
 */
function lendsToMember(folded: string, word: RelationshipWordMatch, cues: PeopleCues, memberAsked: boolean): boolean {
  if (!memberAsked || !cues.ownedByMemberPronoun.test(folded.slice(Math.max(0, word.start - 2), word.start))) return false;
  const after = folded.slice(word.end, word.end + 8);
  return cues.lenderAfter.test(after) && /^\D{0,6}1\d{10}(?!\d)/.test(folded.slice(word.end));
}

/** "贴成我女儿的了": the relative owns what was typed by mistake, and is told of only as the reason for the correction. */
function ownsMistakenValue(folded: string, word: RelationshipWordMatch, cues: PeopleCues): boolean {
  return cues.mistakenOwnerBefore.test(folded.slice(Math.max(0, word.start - 6), word.start)) && folded.startsWith('的', word.end);
}

/**
 * "再加他女儿，也就是我妹杨晓蓉": a relative in a clause opening with a word saying the same one again (people.yaml
 * `sameOne`), right after a clause that ends with another relative, is that relative.
 */
function retellsOneNamed(folded: string, word: RelationshipWordMatch, named: readonly RelationshipWordMatch[], cues: PeopleCues): boolean {
  const clauseStart = folded.slice(0, word.start).search(/[，,:：]\s*[^，,:：]*$/);
  if (clauseStart < 0 || !cues.sameOne.test(folded.slice(clauseStart + 1).trimStart())) return false;
  return named.some((other) => other.match.kind === 'eligible' && other.end === clauseStart);
}

/**
 * "还有我孙女王小雨，身份证…，娃还没有手机": after a relative was named (in the message, or before it while their details
 * are asked), a bare word for a relative opening a clause with something said of them (no 我 owning it, no name or
 * number of its own) speaks of the one just named, and is nobody new to bind; like a pronoun it still cues what follows
 * as the member's.
 */
function speaksOfOneNamed(folded: string, word: RelationshipWordMatch, cues: PeopleCues): boolean {
  const before = folded.slice(Math.max(0, word.start - 1), word.start);
  // Only what explains a missing or borrowed detail: "妈也要绑", "妈还没办" name one more to bind.
  return (word.start === 0 || clauseBreak.test(before)) && cues.explainsMissing.test(folded.slice(word.end));
}

/**
 * 我自己/本人 say whose value follows ("本人身份证…") far more often than whom to bind; they name the person
 * to bind only as the object of binding ("给我自己绑定") or as the whole answer.
 */
function isSelfMarker(folded: string, word: RelationshipWordMatch): boolean {
  if (word.match.kind !== 'ineligible' || word.match.reason !== 'self') return false;
  const before = folded.slice(Math.max(0, word.start - 3), word.start);
  const wholeAnswer = folded.replace(/[\s，,。.!！?？]/g, '') === folded.slice(word.start, word.end);
  return !wholeAnswer && !/(给|帮|替|把|绑定?|添加|加)我?$/.test(before);
}

/**
 * "我是给老爷子做饭的保姆", "俺是隔壁的邻居": the person says what they are to someone — a carer or a neighbour typing
 * for them, nobody to bind nor an outsider whose wish it is.
 */
function introducesTypist(folded: string, word: RelationshipWordMatch): boolean {
  const clause = folded.slice(0, word.start).split(clauseBreak).at(-1) ?? '';
  if (word.match.kind === 'ineligible' && word.match.reason === 'nonRelative') return /^(?:我|俺|咱|本人)(?:就|呢)?是/.test(clause);
  // "我是闺女，替我爸办": a relative's word the person calls themselves, a clause of its own, is nobody to bind (alone,
  // the whole message may still answer "是您的什么人？").
  const wholeMessage = folded.replace(/[\s，,。.!！?？]/g, '').length === word.end - word.start + clause.replace(/[\s，,]/g, '').length;
  return !wholeMessage && /^(?:我|俺|咱|本人)(?:就|呢)?是(?:他|她)?的?$/.test(clause) && (word.end === folded.length || clauseBreak.test(folded[word.end] ?? ''));
}

/**
 * Whose number or name it is: a name right after a relationship word is that relative's; otherwise the last cue
 * before it in its own clause decides (我的… / 她的… / a relationship word), then the last cue earlier in the
 * message; in a message that names a relative, what comes before the first relationship word is the applicant's.
 */
function roleOf(cues: string, person: PersonEntity, relationships: readonly RelationshipWordMatch[], relativeNames: readonly (Span & { role: Role })[], words: PeopleCues): Role {
  const relative = relativeNames.find((name) => name.start === person.start);
  if (relative) return relative.role;
  let clauseStart = person.start;
  while (clauseStart > 0 && !clauseBreak.test(cues[clauseStart - 1] ?? '')) clauseStart -= 1;
  const role = lastCueRole(cues.slice(clauseStart, person.start), words) ?? lastCueRole(cues.slice(0, clauseStart), words);
  if (role) return role;
  const first = relationships[0];
  if (!first) return null;
  return person.start < first.start ? 'applicant' : 'member';
}

const relationshipMark = '\u0001';
/** A relationship word that says who the applicant is to the member ("我是她女儿"): what follows is the applicant's. */
const applicantRelationshipMark = '\u0002';

const cuePatterns = new WeakMap<PeopleCues, RegExp>();
/** A relationship word's mark or a pronoun, global; built once for each set of cues. */
function cuePatternOf(words: PeopleCues): RegExp {
  let pattern = cuePatterns.get(words);
  if (!pattern) {
    pattern = new RegExp(`${relationshipMark}|${applicantRelationshipMark}|${words.pronoun.source}`, 'g');
    cuePatterns.set(words, pattern);
  }
  return pattern;
}

/**
 * The text with every relationship word (and the 我/我的 that owns it, so 我妈 is no 我) replaced by a mark,
 * and names and numbers blanked, so that only cues remain readable.
 */
function cueText(folded: string, relationships: readonly RelationshipWordMatch[], people: readonly Span[], words: PeopleCues, proxies: readonly RelationshipWordMatch[] = [], spokenOf: SpokenOf | null = null): string {
  // Code units, not code points: positions must stay those of the text.
  const characters = folded.split('');
  for (const person of people) for (let index = person.start; index < person.end; index += 1) characters[index] = ' ';
  // "她的身份证号我抄错了": the one who made the mistake, not whose detail it is.
  for (const erring of folded.matchAll(words.erringPronoun)) for (let index = erring.index; index < erring.index + erring[1]!.length; index += 1) characters[index] = ' ';
  for (const word of relationships) {
    for (let index = word.start; index < word.end; index += 1) characters[index] = ' ';
    characters[word.start] = proxies.includes(word) || relationshipRole(folded, word) === 'applicant' ? applicantRelationshipMark : relationshipMark;
    const owner = /(?:我的|俺的|我|俺)$/.exec(folded.slice(Math.max(0, word.start - 2), word.start)) ?? (spokenOf && ownedBySpokenOf(folded, word, spokenOf) ? new RegExp(`(?:${[...pronouns, spokenOf].join('|')})的?$`).exec(folded.slice(0, word.start)) : null);
    if (owner) for (let index = word.start - owner[0].length; index < word.start; index += 1) characters[index] = ' ';
  }
  // Someone spoken of applies: their pronoun ("她说她叫…", "她身份证…") cues the applicant's details, as 我 does.
  // The word that described them ("大爷身份证…") does too, and so does either pronoun.
  if (spokenOf && !pronouns.has(spokenOf)) {
    for (let index = folded.indexOf(spokenOf); index >= 0; index = folded.indexOf(spokenOf, index + spokenOf.length)) {
      if (characters.slice(index, index + spokenOf.length).join('') !== spokenOf) continue;
      for (let offset = 0; offset < spokenOf.length; offset += 1) characters[index + offset] = ' ';
      characters[index] = applicantRelationshipMark;
    }
  }
  if (spokenOf) for (let index = 0; index < characters.length; index += 1) if (characters[index] === spokenOf || (!pronouns.has(spokenOf) && pronouns.has(characters[index] ?? ''))) characters[index] = applicantRelationshipMark;
  const [proxy] = proxies;
  if (proxy) {
    // Until the relative to bind is named, 他/她 is the one the person files for ("我替我爸办，他身份证…"), and
    // 我 is the typist, whose own details are not asked: what they type there is the applicant's.
    const next = relationships.find((word) => word.start > proxy.start && !proxies.includes(word))?.start ?? folded.length;
    for (let index = proxy.end; index < next; index += 1) if (/[他她我俺]/.test(characters[index] ?? '')) characters[index] = applicantRelationshipMark;
  }
  return characters.join('');
}

/** The role the last cue in the window gives: a relationship word's mark, or a pronoun (flows/nlu/people.yaml). */
function lastCueRole(window: string, words: PeopleCues): Role {
  let role: Role = null;
  for (const match of window.matchAll(cuePatternOf(words))) role = match[0] === relationshipMark || words.memberPronouns.has(match[0]) ? 'member' : 'applicant';
  return role;
}

/**
 * The region the text names, as the reader reads it (the most specific, else the first, though not one said as where
 * someone only lives or stays when another is named: "我住昆山但医保是上海单位交的" is insured in 上海), where it is
 * not part of another entity; a one-character abbreviation only as the whole text ("粤"). An area code only while no
 * form question waits (then four digits answer it: a birthday's "0315") or while where the person is insured is asked,
 * when a bare one ("0411") is the answer.
 */
function findRegionSpan(folded: string, taken: readonly Span[], regions: RegionReader, context: ReadContext): Extract<Entity, { kind: 'region' }> | null {
  const regionAsked = context.pending === 'region';
  const free = (mention: RegionMention) => !taken.some((other) => overlaps(other, mention)) && (mention.via !== 'areaCode' || context.pending === null || regionAsked);
  const whole = regions.wholeAnswer(folded);
  const named = regions.mentions(folded).filter(free);
  const mention = named.find((candidate) => !candidate.staying) ?? named[0] ?? (whole && free(whole) && (whole.via !== 'areaCode' || regionAsked) ? whole : undefined);
  return mention ? { kind: 'region', code: mention.region.code, name: mention.region.name, via: mention.via, start: mention.start, end: mention.end } : null;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
