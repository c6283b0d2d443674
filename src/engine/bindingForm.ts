import type { Flow, Relationship, SlotKey } from '../content/schema.js';
import { maskIdNumber, maskPhone, relativeThrough, type Kinship } from '../domain/index.js';
import { kinshipOf } from '../nlu/kinshipOf.js';
import { intentScore, type Entity, type Extraction, type Reading, type Role } from '../nlu/reading.js';
import type { Intent, PeopleFile } from '../content/nluSchema.js';
import { clauseSpans } from '../nlu/askingClauses.js';
import { INTENT_THRESHOLD } from '../nlu/read.js';
import type { EngineContext } from './engineContext.js';
import { bindingFlow, completeMember, newForm, nextSlot, slotOf, slotValue, withSlot } from './formSlots.js';
import { memberGuidance, placeOfInsurance, proofsText, regionName, relationshipChoices, relationshipLabel } from './memberGuidance.js';
import { policyFor } from './policyFor.js';
import { fillTemplate, say } from './render.js';
import type { ConsentRecord } from '../ports/bindingBackend.js';
import type { ConversationState, Effect, FillingStatus, FormState, Member, Person } from './state.js';
import { validate } from './validators.js';
import { formMeaning, type FormMeaning } from './formMeaning.js';
import { askFix, continueFix, startFix, type FixReading, type FixSteps, type FixTurn } from './formFix.js';
import { changedPersonLabel, editableFields, fieldLabel, maskedValue, membersMeantBy, relationshipMeant, peopleOf, personLabel, personNamed, valueOf, type EditableField } from './formPeople.js';
import { memberProblem } from './memberProblem.js';
import { applicantRelative, applicantsWords, formForApplicantRelative, forApplicantRelative, type ApplicantRelative } from './filingFor.js';
import { membersRemoved, ownedByMember, type Removal } from './memberRemoval.js';

/** What the form made of one turn: the new form, the words to say, and effects for the runner. */
export type FormTurn = {
  form: FormState;
  texts: string[];
  quickReplies?: string[];
  effects: Effect[];
  offeredHuman: boolean;
};

/**
 * `isQuestion`: the message asks something or requests something else rather than answering; `asksQuestion`: its
 * strongest intent is a question ("我老婆能用我的钱买药吗"), which no relationship word in it turns into an answer.
 */
export type TurnReading = { text: string; normalised: string; extraction: Extraction; mentions: Reading['mentions']; typedFor: Reading['typedFor']; lentBy: Reading['lentBy']; intents: readonly Intent[]; intentScores: Reading['intentScores']; target: Reading['target']; isQuestion: () => boolean; asksQuestion: boolean; asksInWords: Reading['asksInWords']; namesTheSharing: Reading['namesTheSharing']; topicScore: number };

export type Assignment = { slot: SlotKey; raw: string };

const nameSlots: readonly SlotKey[] = ['applicant.name', 'member.name'];
const idSlots: readonly SlotKey[] = ['applicant.idNumber', 'member.idNumber'];
const phoneSlots: readonly SlotKey[] = ['applicant.phone', 'member.phone'];
/** A digit: what an attempt at an ID or phone number has, however mistyped. */
const attemptsNumber = /\d/;

/**
 * "我姓刘", "她还没来": a message opening with a pronoun (the editors' list in flows/nlu/people.yaml) speaks of someone,
 * so at a name's question it is no name typed as is, whatever its characters.
 */
function speaksOfSomeone(context: EngineContext, text: string): boolean {
  const { member, applicant } = context.content.nlu.people.pronouns;
  const opening = text.trim();
  return [...member, ...applicant].some((pronoun) => opening.startsWith(pronoun));
}

/**
 * "没手机就填我的", "用我的号就行", "俺娃没手机，留俺的": the person lends their own phone number to the relative, without
 * typing it again. Read from what the reading learnt (flows/nlu/whose.yaml, fields.yaml): a clause with no number of its
 * own, read as the person's own and as a phone (its detail or a phone spoken of in it or in the clause before it) —
 * or, while the relative's phone is asked, a message read as the person's own that says it has none of its own to
 * give ("我不知道他的号" is the relative's). Where that clause starts, or null. `evenAsked` finds it also where it asks
 * whether it may be done ("填我的行不行").
 */
function lendingClause(form: FormState, reading: TurnReading, { evenAsked = false } = {}): number | null {
  if (reading.intents.includes('correction') || reading.intents.includes('pause')) return null;
  const { target, mentions, extraction } = reading;
  if (extraction.entities.some((entity) => entity.kind === 'phone')) return null;
  const clauses = target.clauses ?? [{ start: 0, end: reading.normalised.length, field: target.field, own: target.own, asks: reading.asksQuestion }];
  // A question the classifier hears in no clause's words is a question of the whole message, which lends nothing.
  if (reading.asksQuestion && !clauses.some((clause) => clause.asks)) return null;
  const namesPhone = (clause: (typeof clauses)[number] | undefined) =>
    clause !== undefined && (clause.field === 'phone' || mentions.some((mention) => mention.field === 'phone' && mention.start >= clause.start && mention.end <= clause.end));
  for (const [index, clause] of clauses.entries()) {
    // "孙子哪有手机，写我的": a question before the lending clause is said in passing; one in it or after it ("写我的行不行",
    // "填我的，可以吗") asks whether it may be done, and is answered.
    if (!evenAsked && reading.asksQuestion && clauses.slice(index).some((later) => later.asks)) continue;
    if (!clause.own || extraction.entities.some((entity) => isPersonFact(entity) && entity.start >= clause.start && entity.end <= clause.end)) continue;
    // At "请输入您子女…常用的手机号码", "就用我的" needs no word for the phone: the question gave it.
    const asked = form.pending === 'member.phone' && clauses.length === 1 && !reading.intents.includes('non_answer');
    if (namesPhone(clause) || namesPhone(clauses[index - 1]) || asked || onlyPhoneLeft(form, reading, clauses, index)) return clause.start;
  }
  return null;
}

/**
 * "娃叫马小军，身份证…，用我的号就行": the clauses before this one gave the relative's name and ID number, so the phone is
 * the one detail of theirs left, and a last clause of the person's own that names no detail and nobody ("用我的就行",
 * "留我的") can only lend that — as it does when the phone question is asked. Said with no name or no ID before it, it
 * may mean anything of the person's own and is left to the questions that follow.
 */
function onlyPhoneLeft(form: FormState, reading: TurnReading, clauses: readonly { start: number; end: number; field: string | null }[], index: number): boolean {
  const clause = clauses[index]!;
  if (index === 0 || index !== clauses.length - 1 || clause.field !== null) return false;
  const entities = reading.extraction.entities;
  if (entities.some((entity) => entity.start >= clause.start && entity.end <= clause.end)) return false;
  const before = entities.filter((entity) => entity.end <= clause.start && !('role' in entity && entity.role === 'applicant'));
  const known = (kind: 'name' | 'idNumber', slot: 'member.name' | 'member.idNumber') => before.some((entity) => entity.kind === kind) || slotValue(form, slot) !== undefined;
  const givenHere = before.some((entity) => entity.kind === 'name' || entity.kind === 'idNumber');
  return givenHere && known('name', 'member.name') && known('idNumber', 'member.idNumber') && slotValue(form, 'member.phone') === undefined;
}

/**
 * "…；儿子黎小明，身份证…，他没手机，填我的138…": the person's own number, already on the form, typed again among a
 * relative's details is lent to that relative — they had no reason to give it again for themselves.
 */
function ownPhoneRetypedForRelative(form: FormState, entities: readonly Entity[]): Entity[] {
  const own = slotValue(form, 'applicant.phone');
  if (own === undefined) return [...entities];
  let afterRelative = false;
  return entities.map((entity) => {
    if (entity.kind === 'relationship' && entity.role !== 'applicant') afterRelative = true;
    return afterRelative && entity.kind === 'phone' && entity.role === 'applicant' && entity.raw === own ? { ...entity, role: 'member' as const } : entity;
  });
}

/**
 * "外婆冇得手机，她跟我妈住一起，填我妈的139…" while the grandmother's phone is asked: the mother, accepted before, is
 * named in passing and by the number that is hers on file, lent — no name or ID number of hers follows her word. Her
 * word is left out, so that the number is the grandmother's rather than the start of the mother's details.
 */
function lenderNamedInPassing(form: FormState, entities: readonly Entity[]): Entity[] {
  if (form.pending !== 'member.phone') return [...entities];
  return entities.filter((entity, index) => {
    if (entity.kind !== 'relationship' || entity.role === 'applicant' || entity.match.kind !== 'eligible') return true;
    const relationship = entity.match.relationship;
    const accepted = form.members.filter((member) => member.relationship === relationship);
    if (accepted.length === 0 || form.current.relationship === relationship) return true;
    const details = followingDetails(entities, index);
    const lentPhone = details.find((detail) => detail.kind === 'phone');
    return !(lentPhone?.kind === 'phone' && details.every((detail) => detail.kind === 'phone') && accepted.some((member) => member.phone === lentPhone.raw));
  });
}

/** The applicant's own phone number, lent to the relative being collected (lendingClause), and where it was said. */
function lentPhone(form: FormState, reading: TurnReading): { raw: string; at: number } | null {
  const own = slotValue(form, 'applicant.phone');
  if (own === undefined || (form.pending !== 'member.phone' && !givesMembersDetails(form, reading))) return null;
  const at = lendingClause(form, reading);
  return at === null ? null : { raw: own, at };
}

/** Whether the message lends the applicant's own phone number to the relative being collected ("就填我这个号"). */
export function lendsOwnPhone(form: FormState, reading: TurnReading): boolean {
  return lentPhone(form, reading) !== null;
}

/** The message names a relative's details (a relative, a name or an ID number not the applicant's) while one is collected. */
function givesMembersDetails(form: FormState, reading: TurnReading): boolean {
  const member = reading.extraction.entities.some((entity) => (entity.kind === 'relationship' || entity.kind === 'name' || entity.kind === 'idNumber') && entity.role !== 'applicant');
  return member && (isMemberPending(form) || form.status === 'adding' || form.current.relationship !== undefined);
}

/**
 * The member accepted before whose number the message lends to the relative being collected, by their relationship to
 * the person — said of the relative being collected ("用他妈的号" for a child: the spouse), read as theirs to the person.
 */
function memberLendingPhone(form: FormState, reading: TurnReading): FormState['members'][number] | undefined {
  const { lentBy } = reading;
  if (lentBy === null) return undefined;
  const member = form.current.relationship;
  const relationship = !lentBy.ofMember ? lentBy.relationship : member === undefined ? null : relativeThrough(member, lentBy.relationship);
  return relationship === null ? undefined : form.members.find((kept) => kept.relationship === relationship);
}

/** What is said when a relative's phone is lent, the person's own or (`lender`) another member's: whose, the number masked. */
function lentPhoneNote(context: EngineContext, form: FormState, phone: string, lender?: FormState['members'][number]): string {
  const { relationship, name } = form.current;
  const member = `${relationship ? relationshipLabel(context.content, relationship) : say(context.content, 'engine.member.defaultLabel')}${name ?? ''}`;
  if (lender === undefined) return say(context.content, 'engine.form.lentOwnPhone', { member, phone: maskPhone(phone) });
  return say(context.content, 'engine.form.lentMembersPhone', { member, lender: `${relationshipLabel(context.content, lender.relationship)}${lender.name}`, phone: maskPhone(phone) });
}

/** Starts a binding form, filling whatever the opening message already contains. */
export function startForm(context: EngineContext, state: ConversationState, reading: TurnReading, now: Date): FormTurn {
  const flow = bindingFlow(context.content);
  const form = { ...newForm(flow, state.region), spokenOf: spokenOfIn(reading) };
  const intro = [say(context.content, 'engine.form.started', { title: flow.title }), say(context.content, 'engine.form.retention', { hours: String(context.formRetentionHours) })].join('');
  const applicantIs = applicantRelative(null, reading.extraction.entities);
  if (applicantIs !== null) {
    const filed = forApplicantRelative(context, applicantIs, reading.extraction.entities);
    const forRelative = { ...form, applicantIs: applicantIs.relationship, applicantWord: applicantIs.word };
    const turn = noOneElseAfter(context, flow, collect(context, flow, forRelative, withEntities(reading, filed.entities), now, { fallbackToPending: () => false }) ?? askNext(context, flow, forRelative, [], null), reading);
    return { ...turn, texts: [intro, ...filed.texts, ...turn.texts] };
  }
  const turn = noOneElseAfter(context, flow, collect(context, flow, form, reading, now, { fallbackToPending: () => false }) ?? askNext(context, flow, form, [], null), reading);
  return { ...turn, texts: [intro, ...regionTakenFrom(context, form, reading), ...turn.texts] };
}

/** How surely a message must decline more members to go on to the pledge by itself ("就他一个" reads 0.99). */
const SURE_DECLINE = 0.9;

/**
 * "…他身份证3101…，手机1891…，就他一个": a message that completes the last relative it names and says there is no one
 * else goes on to the pledge, instead of asking whether to add anyone.
 */
function noOneElseAfter(context: EngineContext, flow: Flow, turn: FormTurn, reading: TurnReading): FormTurn {
  // Whether it asks, not whether it requests: the opening message is a request to bind ("…，就绑她一个") by its nature.
  if (turn.form.status !== 'adding' || intentScore(reading, 'decline_more') < SURE_DECLINE || reading.asksQuestion) return turn;
  const consent = askConsent(context, flow, turn.form);
  // The question whether to add anyone (askAddAnother's last text) is answered already.
  return { ...consent, texts: [...turn.texts.slice(0, -1), ...consent.texts], effects: turn.effects };
}

/**
 * The region the form goes by, said when the opening message named it by something other than its name — an app
 * (闽政通), a district (浦东), a code (210200) — so that a wrong guess is seen and put right (regionPutRight).
 */
function regionTakenFrom(context: EngineContext, form: FormState, reading: TurnReading): string[] {
  const entity = reading.extraction.entities.find((candidate) => candidate.kind === 'region' && candidate.code === form.region);
  if (entity?.kind !== 'region') return [];
  const typed = reading.normalised.slice(entity.start, entity.end);
  const region = regionName(context.content, form.region);
  return typed.startsWith(region) ? [] : [say(context.content, 'engine.form.regionTakenFrom', { region, typed })];
}

/**
 * "我想给我妈绑" and then, asked for "您的姓名", "我是替我爸办的，他叫李福贵": the person files for their father, who
 * is the applicant. What the form held is taken as the father's (the mother is his spouse); the details typed as
 * "您的" were the typist's and are asked again; the rest of the message is read for him.
 */
function fileForRelative(context: EngineContext, flow: Flow, form: FormState, reading: TurnReading, applicantIs: ApplicantRelative, now: Date): FormTurn {
  const message = forApplicantRelative(context, applicantIs, reading.extraction.entities);
  const held = formForApplicantRelative(context, form, applicantIs);
  const [told = '', ...relatives] = message.texts;
  const turn = collect(context, flow, held.form, withEntities(reading, message.entities), now, { fallbackToPending: () => false }) ?? askNext(context, flow, held.form, [], null);
  return { ...turn, texts: [told, ...held.texts, ...relatives, ...turn.texts] };
}

/**
 * "我爸已经被我弟绑走了", "我哥那边已经给他弄了": the relative who bound someone already is told of as a reason, and is
 * nobody the form reads — no one to bind, switch to, or correct a member into (flows/nlu/people.yaml `removal`).
 */
function withoutBinders(context: EngineContext, reading: TurnReading): TurnReading {
  const { boundBy, bound, boundFor } = context.content.nlu.people.removal;
  const { normalised } = reading;
  const binder = (entity: Entity) => {
    if (entity.kind !== 'relationship') return false;
    const before = normalised.slice(Math.max(0, entity.start - 4), entity.start).replace(/(?:我的|俺的|我|俺|咱)$/, '');
    const after = normalised.slice(entity.end, entity.end + 8);
    // Done, not asked for: "我孙子给他绑上吧" names the grandson to bind.
    if (!bound.some((word) => after.includes(word))) return false;
    return boundBy.some((word) => before.endsWith(word)) || boundFor.some((word) => after.replace(/^(?:那边|那儿|那里)?(?:已经|早就|早都|早|都)?/, '').startsWith(word));
  };
  const entities = reading.extraction.entities.filter((entity) => !binder(entity));
  return entities.length === reading.extraction.entities.length ? reading : withEntities(reading, entities);
}

/**
 * "她说她叫孙桂芝，想给她老伴绑": the person types for someone they speak of, by the pronoun that owns the relative (or, with
 * no relative owned by a pronoun, the old person a helper at home says they type for: `typedFor`).
 */
function spokenOfIn(reading: TurnReading): FormState['spokenOf'] {
  for (const entity of reading.extraction.entities) if (entity.kind === 'relationship' && entity.ownedBy !== undefined) return entity.ownedBy;
  return reading.typedFor;
}

function withEntities(reading: TurnReading, entities: readonly Entity[]): TurnReading {
  return { ...reading, extraction: { ...reading.extraction, entities } };
}

/** One turn of an active form; null when the message is not for the form (a question, a digression). */
export function continueForm(context: EngineContext, state: ConversationState, stored: FormState, said: TurnReading, now: Date): FormTurn | null {
  const flow = bindingFlow(context.content);
  const typed = withoutBinders(context, said);
  // Whom the form is typed for is said before anyone's details: later, "她老伴" is a relative of someone in the form.
  const nobodyYet = Object.keys(stored.applicant).length === 0 && Object.keys(stored.current).length === 0 && stored.members.length === 0;
  const held = stored.spokenOf === null && nobodyYet ? { ...stored, spokenOf: spokenOfIn(typed) } : stored;
  if (held.status === 'collecting' && held.fix === null) {
    const applicantIs = applicantRelative(held, typed.extraction.entities);
    if (applicantIs !== null) return fileForRelative(context, flow, held, typed, applicantIs, now);
  }
  const reading = withEntities(typed, applicantsWords(context, held, typed.extraction.entities));
  const form = turnsFromRefusedToSomeoneElse(context, held, reading) ? { ...held, current: {}, issues: otherThanMemberIssues(held) } : held;
  const { extraction, intents } = reading;
  const meaning = formMeaning(reading);
  const yes = extraction.yesNo === 'yes';
  const no = extraction.yesNo === 'no';
  const fixReading = fixReadingOf(context, reading, meaning);
  const removed = removedBy(context, form, reading);
  if (removed?.kind === 'remove') return switchFromMembers(context, flow, form, reading, removed.members, now) ?? removeMembers(context, flow, form, removed.members, now);
  if (removed?.kind === 'which') return askWhichToRemove(context, form, removed.members);
  if (form.fix === null && form.status === 'collecting') {
    const switched = switchRelative(context, flow, form, reading, now);
    if (switched !== null) return switched;
  }
  // "还是先给我闺女绑吧，儿子的下回再说": one relative put off while another is bound now is no pause.
  // "等下 他要不要自己刷脸啊": a wait that opens a question asks it, and steps nowhere.
  // "等等，我妈的手机号好像填错了": a wait that names a wrong detail stops to fix it, not to leave.
  const correctsNamedDetail = intents.includes('correction') && meaning.field !== null;
  if (meaning.pause && !hasValues(extraction) && !bindsSomeoneNow(reading) && !reading.asksQuestion && !correctsNamedDetail) return pause(context, waitingFor(form, reading.mentions));
  // "参保地不对，是广州", "我其实是在广州参保的，不是深圳", or a region named when asked what to change: the region the
  // application was started for, put right (asked which field instead, the person found no button for it).
  const region = regionPutRight(form, reading);
  if (region !== null) {
    const moved = applyAssignments(context, flow, { ...form, fix: null }, [{ slot: 'region', raw: region }], now);
    // "参保地不对，是香港": why that place cannot be, and the application as it stood.
    if (moved.failedSlot !== null) return fromFix(fixSteps(context, flow, now).after({ ...form, fix: null }, moved.texts));
    const changed = say(context.content, 'engine.fix.regionChanged', { region: regionName(context.content, moved.form.region) });
    return fromFix(fixSteps(context, flow, now).after(moved.form, [...moved.texts, changed, ...membersAgainstRegion(context, moved.form)]));
  }
  // "没有要改的，同意" when asked what to change, "问过儿子了，号没错，交吧" when asked whose number or which of one's
  // details: nothing is, and the yes answers what the form asked before (at the summary, it files).
  // A relative named who is in no line of the form (儿子, asked about the number) is no answer to "whose?".
  const namesFormPerson = extraction.entities.some((entity) => entity.kind === 'relationship' && (entity.role === 'applicant' || form.members.some((member) => entity.match.kind === 'eligible' && member.relationship === entity.match.relationship)));
  // "对，是我的" when asked whose: the person's own (meaning.self), to change.
  const nothingToChange = form.fix?.step === 'what' ? !hasAnswers(extraction) : !hasValues(extraction) && !namesFormPerson && !(form.fix?.step === 'whose' && meaning.self);
  if (form.fix !== null && form.fix.step !== 'value' && yes && nothingToChange && meaning.field === null) {
    // At the summary, once a detail was said to be wrong, the yes never files straight away: "改好了，交上去吧" while
    // still asked whose name it is believes a change was made that was not. The summary, unchanged, is shown again for
    // a yes of its own. ("莫交噻", "修改一下" name nothing wrong: asked what, a yes goes on as it would have.)
    if (form.status === 'confirming' && form.fix.step !== 'what') return fromFix(fixSteps(context, flow, now).after({ ...form, fix: null }, [say(context.content, 'engine.fix.unchanged')]));
    return continueForm(context, state, { ...form, fix: null }, said, now);
  }
  if (form.fix !== null) {
    const fixed = continueFix(context, flow, form, form.fix, fixReading, now, fixSteps(context, flow, now));
    return fixed ? fromFix(fixed) : null;
  }
  // "手机号填错了", "修改一下": a correction that names no new value asks what, and whose.
  // A relationship named without a field ("不对，是我岳母") corrects the relationship itself, below.
  const namesTarget = !hasValues(extraction) && (meaning.field !== null || !hasAnswers(extraction));
  if (intents.includes('correction') && (namesTarget || ambiguousCorrection(form, reading, meaning, kinshipOf(context.content.nlu.kinship))) && form.status !== 'consent') {
    return fromFix(startFix(context, flow, form, fixReading, now, fixSteps(context, flow, now)));
  }
  switch (form.status) {
    case 'collecting': {
      const accepted = acceptedMemberCorrected(form, reading, meaning, kinshipOf(context.content.nlu.kinship));
      if (accepted !== null) return correctAcceptedMember(context, flow, form, reading, accepted, now);
      if (correctsWithValue(reading) && unclearWhichMember(context, form, reading)) return fromFix(startFix(context, flow, form, fixReading, now, fixSteps(context, flow, now)));
      // Before the non-answer and "就他一个": "她没手机，就用我的", "他还小没手机，就留我的" say she has none and give the number to use.
      // "他没手机，用我老婆的号" with the wife accepted before: her number, as recorded for her.
      const lendable = form.pending === 'member.phone' && !hasValues(extraction);
      const lent = lendable ? lentPhone(form, reading) : null;
      const lender = lendable && lent === null ? memberLendingPhone(form, reading) : undefined;
      const phone = lent?.raw ?? lender?.phone;
      if (phone !== undefined) {
        const applied = applyAssignments(context, flow, form, [{ slot: 'member.phone', raw: phone }], now);
        const told = applied.failedSlot === null ? [lentPhoneNote(context, form, phone, lender)] : [];
        return advance(context, flow, applied.form, [...told, ...applied.texts], applied.failedSlot, now);
      }
      // "小孩没手机，填我的行不行" asks whether the person's own number will do: the phone question's own help says it
      // will, and the number waits for "那就填我的" (an FAQ answer about proofs said nothing of it). "能用俺的钱给她交居民
      // 医保不" asks about the person's own account, and is answered as the question it is; so does one naming the sharing
      // ("沪惠保好用共济的钱来买伐"), which speaks of the money, not of whose number to file.
      const speaksOfTheMoney = () => reading.namesTheSharing || context.reader.model.vocabulary.people.ownAccount.test(reading.normalised);
      if (lendable && lender === undefined && slotValue(form, 'applicant.phone') !== undefined && !speaksOfTheMoney() && lendingClause(form, reading, { evenAsked: true }) !== null) return nonAnswer(context, flow, form);
      // "15937108826，就他一个" at his phone: the number is his, and nobody comes after him.
      const valuesThenNoOneElse = meaning.declineMore && isMemberPending(form) && hasValues(extraction) && !namesNewMember(form, extraction) ? collect(context, flow, form, reading, now, { fallbackToPending: () => false }) : null;
      if (valuesThenNoOneElse !== null) return noOneElseAfter(context, flow, valuesThenNoOneElse, reading);
      // "算了，女儿的身份证号我记不到，这次就老公一个" while the daughter is collected: she is spoken of, no one new (a
      // message giving her details gives them: "那就不查了 我老伴是于桂兰 2102…").
      if (meaning.declineMore && isMemberPending(form) && !namesNewMember(form, hasValues(extraction) ? extraction : besidesCurrent(form, extraction))) {
        // "就他一个" while the named relative's ID number is asked: nobody after him, not "drop him".
        // A relative refused for their relationship is no one to keep: "就这些" then leaves them out.
        const refused = relationshipRefused(form);
        if (form.current.name !== undefined && form.pending !== 'member.name' && !refused && form.current.relationship !== undefined) return askNext(context, flow, form, [], null);
        // "就他俩" while the mother's name is asked and the father's details, typed earlier, wait: nobody after them —
        // neither she nor he is dropped; only relatives named without any detail are.
        const given = form.queued.filter((member) => member.some(({ slot }) => slot !== 'member.relationship'));
        if (given.length > 0 && !refused) return askNext(context, flow, { ...form, queued: given }, [], null);
        return declineMore(context, flow, form);
      }
      // "同意", "那行吧，提交吧", "就这样吧" right after a relative was refused for whom they are, with others accepted:
      // a yes naming no one goes on with the members accepted (the pledge next) — asked "是您的什么人？" again, the
      // person who meant to go on was stuck there.
      if (yes && refusedWithMembersKept(form) && !hasAnswers(extraction) && !intents.includes('correction')) return declineMore(context, flow, form);
      // "好吧，那只办女儿", "中，老丈人不弄了，光俺媳妇一个": settling for the members kept names them, or the refused relative
      // again, and no one new — offered "也可以就办已添加的…", it takes the offer.
      if (refusedWithMembersKept(form) && namesOnlyKeptOrRefused(form, extraction) && (yes || meaning.declineMore || namesKeptMember(form, extraction)) && !reading.asksQuestion && !intents.includes('correction')) {
        return declineMore(context, flow, form);
      }
      if (reading.text.trim() === say(context.content, 'engine.quick.otherMember')) return askNext(context, flow, { ...form, current: {} }, [], null);
      // "老伴" at "请告诉我您配偶的姓名": the word for the relative again is no name; say plainly which name is wanted.
      if (form.pending === 'member.name' && namesOnlyTheRelative(form, extraction) && !reading.isQuestion()) {
        const relationship = relationshipLabel(context.content, form.current.relationship!);
        const word = extraction.entities[0]?.kind === 'relationship' ? extraction.entities[0].match.word : relationship;
        return askNext(context, flow, form, [say(context.content, 'engine.form.nameNotRelationship', { relationship, word })], null);
      }
      if (meaning.nonAnswer && !hasAnswers(extraction) && form.pending !== null) return nonAnswer(context, flow, form);
      // "女儿，还是个小宝宝" asked whom: the relative asked for, with something said of them that asks nothing in words
      // (its 还是 leans a clause to a question), answers.
      const answersWhom = form.pending === 'member.relationship' && !reading.asksInWords && extraction.entities.some((entity) => entity.kind === 'relationship' && entity.role !== 'applicant');
      // "那绑我老公行不行", "噉绑我老公得唔得" asked whom: whether the one relative named may be bound is answered by going
      // on with them (the form says so when they may not).
      const asksToBindThem = form.pending === 'member.relationship' && asksToBindTheOneNamed(context, extraction, reading.normalised);
      if ((asksRatherThanBinds(reading) && !hasValues(extraction) && !answersWhom && !asksToBindThem) || requestsAccountDialog({ intentScores: reading.intentScores, yesNo: extraction.yesNo })) return null;
      // Typed as is: only a message nothing else was read in ("我老婆" is no name), and at a number's question only an
      // attempt at a number ("我回来了" is no ID number).
      const typedAsIs = () =>
        extraction.entities.length === 0 &&
        !(form.pending !== null && [...idSlots, ...phoneSlots].includes(form.pending) && !attemptsNumber.test(reading.text)) &&
        !(form.pending !== null && nameSlots.includes(form.pending) && speaksOfSomeone(context, reading.text)) &&
        !reading.isQuestion() &&
        extraction.yesNo === null &&
        !meaning.declineMore &&
        !meaning.nonAnswer;
      return collect(context, flow, form, reading, now, { fallbackToPending: typedAsIs });
    }
    case 'adding': {
      const mentionsMember = namesNewMember(form, extraction, intents.includes('correction') && !meaning.addMore);
      const choice = reading.text.trim();
      if (choice === say(context.content, 'engine.quick.noMoreMembers') || meaning.declineMore || finishesAdding(flow, reading)) {
        return mentionsMember ? startNextMember(context, flow, form, reading, now) : askConsent(context, flow, { ...form, status: 'consent' });
      }
      if ((asksRatherThanBinds(reading) && !hasValues(extraction)) || requestsAccountDialog({ intentScores: reading.intentScores, yesNo: extraction.yesNo })) return null;
      const wantsMore = choice === say(context.content, 'engine.quick.addMember') || meaning.addMore;
      if (wantsMore || mentionsMember) return startNextMember(context, flow, form, reading, now);
      // "不对不对，于淑琴的手机号错了，是…": a no that brings a value corrects (below), never declines.
      if (no && !hasValues(extraction)) {
        // "不对", "错了" alone right after a relative was recorded: something recorded is wrong, or no more? Asked once.
        if (state.form?.asked !== 'moreOrFix' && saysWrongRatherThanNo(context, reading)) return askMoreOrFix(context, form);
        return askConsent(context, flow, { ...form, status: 'consent' });
      }
      if (yes && !intents.includes('correction')) {
        // The pledge's own button ("同意") pressed here says nothing of adding anyone: ask, with both buttons.
        if (slotOf(flow, 'consent').quickReplies.includes(choice)) return askAddAnother(context, form, [], say(context.content, 'engine.form.addOrGoOn'));
        // "是的", "对", "嗯" to "还要再添加其他家人吗？": one more member.
        return startNextMember(context, flow, form, reading, now);
      }
      if (!hasValues(extraction)) return null;
      // The last answer sent twice (a double tap, a retry after a dropped connection): nothing new, nothing changed.
      if (repeatsWhatIsHeld(form, extraction)) return askAddAnother(context, form, []);
      // "王淑珍的手机号是…", "我的身份证号输错了…": details of someone already in the form change them. Details of no
      // one in the form (a bare ID number typed after "还要再添加其他家人吗？") are the next relative's, never typed
      // over the last one's: the relationship is asked for them.
      if (intents.includes('correction') || namesSomeoneInForm(form, reading)) return correctAndSummarise(context, flow, form, reading, now, 'adding');
      return startNextMember(context, flow, form, reading, now, { bareNameIsMember: true });
    }
    case 'consent':
      if (yes) return askConfirm(context, flow, { ...form, consent: true, consentRecord: consentRecord(context, flow, now, null), status: 'confirming' }, now);
      // "我妈手机号填错了，应该是139…" before agreeing: the value is changed and the pledge asked again, as at the summary.
      if (hasAnswers(extraction) && !namesRelativeInPassing(reading) && !asksOfRelatives(context, reading)) return correctAndSummarise(context, flow, form, reading, now, 'consent');
      // A bare "不对", "错了" at the pledge, or "她的手机号错了": something recorded is wrong — what is asked, as at the
      // summary; only a plain no ("不同意") is refusing the pledge.
      if (!hasValues(extraction) && ((no && saysWrongRatherThanNo(context, reading)) || (intents.includes('correction') && meaning.field !== null))) {
        return fromFix(startFix(context, flow, form, fixReading, now, fixSteps(context, flow, now)));
      }
      if (no) {
        return {
          form: { ...form, pending: 'consent' },
          texts: [say(context.content, 'engine.consent.required')],
          quickReplies: slotOf(flow, 'consent').quickReplies,
          effects: [],
          offeredHuman: false,
        };
      }
      return null;
    case 'confirming':
      if (hasAnswers(extraction) && !namesRelativeInPassing(reading) && !asksOfRelatives(context, reading)) return correctAndSummarise(context, flow, form, reading, now, 'confirming');
      // "就这样", "就这些吧" at the summary: nothing more to change, so it goes in (a "不要" there is a no).
      if (yes || meaning.enough) return submit(context, state, form);
      if (no) return fromFix(startFix(context, flow, form, fixReading, now, fixSteps(context, flow, now)));
      return null;
    default:
      return null;
  }
}

/**
 * Whether a cancel-like message ends the application: words that end it all do; "算了" while members are being
 * collected, with some already accepted, is asked about (go on with them, or cancel everything); "不用了，下一步" and
 * "那算了，就绑我妈一个" decline one more member and cancel nothing. At the pledge or the summary, where no member is
 * being added, "算了" ends it (as the pledge's own wording says). Asked once: the answer to that question is read
 * here — "算了" again or "不办了" cancels, a yes, a no or "不用了" goes on with the members (nothing is filed without
 * the pledge and a confirmation, while a cancellation would lose what was typed).
 */
export function cancelDecision(context: EngineContext, form: FormState, said: TurnReading, cancels: boolean): 'cancel' | 'ask' | 'goOn' | 'none' {
  const reading = withoutBinders(context, said);
  const declines = formMeaning(reading).declineMore;
  const text = reading.text.trim();
  if (text === say(context.content, 'engine.quick.cancelAll')) return 'cancel';
  // "我妈先不办了，给我闺女办": the relative being collected is put off for another, and the application goes on; so
  // it does when one member is taken out ("我爸不办了，只给我妈办").
  const switches = switchesRelative(context, form, reading);
  // "嗯嗯 那就不查了 我老伴是…，210…，138…": whatever a message stops, one that brings a person's numbers goes on with
  // the form, which reads them; a cancel never throws away what was typed with it.
  if (reading.extraction.entities.some((entity) => entity.kind === 'idNumber' || entity.kind === 'phone')) return 'none';
  // "算了，承诺书我看了，同意": at the pledge or the summary a yes said after the 算了 answers the question asked; the
  // 算了 leaves what came before it. ("同意个啥，算了不办了" ends with the cancel and cancels.)
  if ((form.status === 'consent' || form.status === 'confirming') && reading.extraction.yesNo === 'yes' && reading.intents.findLast((intent) => intent === 'cancel' || intent === 'affirm') === 'affirm') return 'none';
  // "不办了", "全部取消": the whole application, whatever else the message says, unless it goes on with someone. A no
  // beside it ("算了 不办了 我爸说他不用") goes on with nobody while no member is accepted; at the pledge or the
  // summary no more members are asked about, so "先不要提交，我老公说他不需要了，取消吧" declines nothing but the whole.
  const askedForMore = form.status === 'collecting' || form.status === 'adding';
  if ((cancels || reading.intents.includes('cancel')) && reading.target.whole && (!declines || form.members.length === 0 || !askedForMore) && !switches) return 'cancel';
  if (form.asked === 'goOnOrCancel') {
    if (declines || reading.extraction.yesNo !== null || text === say(context.content, 'engine.quick.noMoreMembers')) return 'goOn';
    return cancels ? 'cancel' : 'none';
  }
  // "唉，他说不需要，这个就算了" reads as declining more members as much as cancelling: the only relative collected drops out.
  const dropsOnlyOne = (cancels || declines || reading.intents.includes('cancel')) && !reading.asksQuestion && dropsTheOnlyOneCollected(context, form, reading);
  if (!cancels && !dropsOnlyOne) return 'none';
  if ((declines && !dropsOnlyOne) || (form.status === 'adding' && reading.extraction.yesNo === 'no')) return 'none';
  if (switches) return 'none';
  if (form.fix !== null) return 'none';
  return form.members.length > 0 && (form.status === 'collecting' || form.status === 'adding') ? 'ask' : 'cancel';
}

/**
 * "算了，他说先不用" while the only relative is collected and nobody is accepted: he drops out (a word of people.yaml
 * `removal.drop` after his pronoun, in one clause), and no one is left to go on with — no "就他一个" (just him). A
 * clause speaking of a detail ("他手机不用了") drops no one, as with accepted members.
 */
function dropsTheOnlyOneCollected(context: EngineContext, form: FormState, reading: TurnReading): boolean {
  if (form.members.length > 0 || form.current.relationship === undefined) return false;
  const { removal, pronouns } = context.content.nlu.people;
  return clauseSpans(reading.normalised).some(({ start, end }) => {
    if (reading.mentions.some((mention) => mention.start < end && mention.end > start)) return false;
    const clause = reading.normalised.slice(start, end);
    return removal.drop.some((word) => {
      const at = clause.indexOf(word);
      return at > 0 && pronouns.member.some((pronoun) => clause.slice(0, at).includes(pronoun));
    });
  });
}

/**
 * "算了，他单位有医保，改成给我儿子吧", "那算了，给我外孙女绑吧" (after one refused), "我爸不办了，只给我妈办": the message
 * turns from one relative to another, or takes an accepted member out — a change of mind about whom to bind, which the
 * form makes; no cancel of the application, and no request the router refuses (route.ts).
 */
export function switchesRelative(context: EngineContext, form: FormState, said: TurnReading): boolean {
  const reading = withoutBinders(context, said);
  const collecting = form.status === 'collecting' && form.fix === null;
  return (collecting && (relativeSwitchedTo(context, form, reading) !== null || turnsFromRefused(context, form, reading))) || removedBy(context, form, reading) !== null;
}

/**
 * "算了，还是先给我爸绑吧", "不对，不是我妈，是我爸", "先给我爸绑，我妈下回再说", "算了，她自己有医保，不给她办了，改成给我
 * 女儿办": while a relative's details are collected, the person turns (with a no, a cancel, a correction or a "later")
 * to another relative. The one named that is neither the relative being collected nor dropped in the message (a clause
 * with one of the editors' `removal.drop` words, up to a `removal.switchTo` word: flows/nlu/people.yaml); null when
 * there is none, or more than one.
 */
function relativeSwitchedTo(context: EngineContext, form: FormState, reading: TurnReading): Extract<Entity, { kind: 'relationship' }> | null {
  const alone = anotherRelativeAlone(context, form, reading);
  if (alone !== null) return alone;
  const target = switchTarget(context, form, reading);
  // "我妈的手机号错了" corrects a detail; "算了老婆不用办，换成我女儿吧，叫麦诗琪" names a detail of the one switched to.
  if (reading.target.field !== null && !(target !== null && switchesInWords(reading.normalised, target, context.content.nlu.people.removal))) return null;
  // "…医保钱包是么子东西，我儿子在广东，他能往我们这里转钱不" at the spouse's phone: a question that speaks of another
  // relative turns to nobody, unless it says so in words ("能不能改成给我儿子办？").
  if (target !== null && reading.intents.includes('question') && !switchesInWords(reading.normalised, target, context.content.nlu.people.removal)) return null;
  if (target === null || !hasValues(reading.extraction)) return target;
  // "不对，是我爸，叫王大山" brings details the form reads itself; "算了老婆不用办，换成我女儿吧，叫麦诗琪" switches in
  // words, and the details said after the relative switched to are that relative's (switchRelative reads them).
  // Only while nothing of the relative put off is typed: "哦不对，那是我妈的…先给我妈绑，她叫曾凤" after the father's
  // name and an ID number re-reads what was typed, which the form does itself.
  if (editableFields.some((field) => form.current[field] !== undefined)) return null;
  const details = reading.extraction.entities.filter(isPersonFact);
  return switchesInWords(reading.normalised, target, context.content.nlu.people.removal) && details.every((entity) => entity.start >= target.end) ? target : null;
}

/**
 * "孙子" (or "是孙子") asked "请告诉我您子女的姓名", before anything of that relative was typed: only the word for another
 * relative, asking and adding nothing, says whom to bind — as "不对，是孙子" does.
 */
function anotherRelativeAlone(context: EngineContext, form: FormState, reading: TurnReading): Extract<Entity, { kind: 'relationship' }> | null {
  const [only, ...rest] = reading.extraction.entities;
  const current = form.current.relationship;
  if (form.pending !== 'member.name' || current === undefined || only === undefined || rest.length > 0 || editableFields.some((field) => form.current[field] !== undefined)) return null;
  if (only.kind !== 'relationship' || only.role === 'applicant' || only.match.kind !== 'eligible' || only.match.relationship === current || onlySpeaks(context, reading, only)) return null;
  // "就妈妈一个", "光俺奶奶" with the mother or grandmother already added: no one else, not a switch to her.
  const relationship = only.match.relationship;
  if (form.members.some((member) => member.relationship === relationship)) return null;
  return reading.isQuestion() || ['add_member', 'decline_more'].some((intent) => reading.intents.includes(intent as Intent)) ? null : only;
}

/**
 * A relative who is only consulted ("回头跟我爸商量下") or who says something ("算了，孩子他爸说他来绑，我这边先不办了"):
 * nobody to switch to — unless what they say is to do it for them ("我爸说先给他办").
 */
function onlySpeaks(context: EngineContext, reading: TurnReading, entity: Entity): boolean {
  const { removal, relaying } = context.content.nlu.people;
  const said = (words: readonly string[]) => words.some((word) => reading.normalised.startsWith(word, entity.end));
  return said(removal.consulted) || (said(relaying) && !removal.boundFor.some((word) => reading.normalised.includes(word, entity.end)));
}

/** The kinds of relative a person has one of: naming the kind again names the same person. */
const onePersonOnly: ReadonlySet<string> = new Set(['father', 'mother', 'spouse']);

/** The relative a message turns to, whatever else it gives (relativeSwitchedTo). */
function switchTarget(context: EngineContext, form: FormState, reading: TurnReading): Extract<Entity, { kind: 'relationship' }> | null {
  const current = form.current.relationship;
  if (!['deny', 'cancel', 'correction', 'pause'].some((intent) => reading.intents.includes(intent as Intent))) return null;
  const { removal } = context.content.nlu.people;
  const named = reading.extraction.entities.filter(
    (entity): entity is Extract<Entity, { kind: 'relationship' }> => entity.kind === 'relationship' && entity.role !== 'applicant' && !onlySpeaks(context, reading, entity),
  );
  const turnedTo = named.filter((entity) => !droppedIn(reading.normalised, entity, removal) && !givenUpAfter(reading.normalised, entity, reading.extraction.entities, removal));
  // At "是您的什么人？", "本来想给老婆办，算了，改成给女儿办吧": the last relative, named after a word that switches
  // from one named before, is the answer; one relative alone is an answer the form reads itself.
  if (current === undefined || form.pending === 'member.relationship') {
    const [first, last] = [named[0], named.at(-1)];
    if (current !== undefined || form.pending !== 'member.relationship' || first === undefined || last === undefined || first === last || !turnedTo.includes(last)) return null;
    return removal.switchTo.some((word) => reading.normalised.slice(first.end, last.start).includes(word)) ? last : null;
  }
  // "不对，是给我闺女办" after the son's name: a relative of the same kind is another person once the first has details.
  const someoneNamed = editableFields.some((field) => form.current[field] !== undefined);
  if (someoneNamed && named.length === 1) {
    const only = turnedTo.length === 1 ? turnedTo[0]! : null;
    // A father, a mother or a spouse is one person: "等一下，咋让我爸刷我的卡还不被看出来" at the father's ID number (a
    // pause, and the father named) speaks of the father being collected and switches to nobody, so a refusal of its
    // words is not overruled as a change of mind (route.ts); a switch said in words ("算了，改成给我爸办") still is one.
    // Dropped in words ("我爸身份证不在我这，今天先不弄了") the same person is put off, never switched to.
    const samePerson = only !== null && only.match.kind === 'eligible' && only.match.relationship === current && onePersonOnly.has(current);
    return samePerson && !switchesTo(reading.normalised, only, removal) ? null : only;
  }
  // The relative being collected, spoken of by their word ("我爸单位有医保，不给他弄了"), is who is put off.
  const others = turnedTo.filter((entity) => !(entity.match.kind === 'eligible' && entity.match.relationship === current));
  if (new Set(others.map((entity) => (entity.match.kind === 'eligible' ? entity.match.relationship : entity.match.word))).size !== 1) return null;
  // Once the relative has details, "她不是我妈，是我老婆" corrects whom those details are of (the form reads it); only
  // a message that drops someone or switches in words ("改成给我女儿办") puts them off for another.
  const target = others.at(-1)!;
  // "算了，女儿的身份证号我记不到，这次就老公一个" while the daughter is collected and the husband already accepted: the
  // one relative kept is in the application already, nobody to switch to (the daughter is dropped as nobody more).
  if (isAccepted(form, target)) return null;
  return !someoneNamed || switchesInWords(reading.normalised, target, removal) ? target : null;
}

/**
 * "算了，还是等孩子她妈回来一块商量，先不办了，取消吧": a relative followed by a clause that gives up, with no word
 * switching to them, is someone spoken of on the way to giving up (whom to ask first), nobody to bind instead.
 */
function givenUpAfter(normalised: string, entity: Entity, entities: readonly Entity[], removal: PeopleFile['removal']): boolean {
  if (switchesTo(normalised, entity, removal)) return false;
  // "给我老婆办吧，闺女先不办了" drops the daughter, whose clause names her: only a clause naming nobody gives up.
  const namesNobody = ({ start, end }: { start: number; end: number }) => !entities.some((other) => other.kind === 'relationship' && other.start >= start && other.end <= end);
  return clauseSpans(normalised, { spaces: true }).some(
    (clause) => clause.start >= entity.end && namesNobody(clause) && removal.drop.some((word) => normalised.slice(clause.start, clause.end).includes(word)),
  );
}

/** A father, a mother or a spouse named who is already among the accepted members: one person, not one more. */
function isAccepted(form: FormState, entity: Extract<Entity, { kind: 'relationship' }>): boolean {
  const { match } = entity;
  return match.kind === 'eligible' && onePersonOnly.has(match.relationship) && form.members.some((member) => member.relationship === match.relationship);
}

/** Whether the message says in words that it drops someone ("算了", "不给他办了") or switches to the relative named ("改成给…"). */
function switchesInWords(normalised: string, target: Entity, removal: PeopleFile['removal']): boolean {
  return removal.drop.some((word) => normalised.includes(word)) || switchesTo(normalised, target, removal);
}

/** Whether a word that switches to someone ("改成给", "换成") stands before the relative named. */
function switchesTo(normalised: string, target: Entity, { switchTo }: PeopleFile['removal']): boolean {
  return switchTo.some((word) => normalised.slice(0, target.start).includes(word));
}

/**
 * "不给我爸办了", "我妈先不弄了": the relative's clause drops them. A clause ends at a word that switches to someone
 * ("我爸不办了改成给我儿子办"), so the relative after it is never dropped.
 */
function droppedIn(normalised: string, entity: Entity, { drop, switchTo }: PeopleFile['removal']): boolean {
  const clause = clauseSpans(normalised, { spaces: true }).find(({ start, end }) => entity.start >= start && entity.end <= end);
  if (clause === undefined) return false;
  let { start, end } = clause;
  for (const word of switchTo) {
    for (let at = normalised.indexOf(word, clause.start); at >= 0 && at < clause.end; at = normalised.indexOf(word, at + 1)) {
      if (at + word.length <= entity.start) start = Math.max(start, at + word.length);
      else if (at >= entity.end) end = Math.min(end, at);
    }
  }
  const part = normalised.slice(start, end);
  return start === clause.start && drop.some((word) => part.includes(word));
}

/**
 * "那算了，给我外孙女绑吧" right after a relative was refused for their relationship: the 算了 gives that relative up,
 * not the application — a relative who can be bound is named, and no clause drops them.
 */
function turnsFromRefused(context: EngineContext, form: FormState, reading: TurnReading): boolean {
  if (!relationshipRefused(form) || form.current.relationship !== undefined) return false;
  const { removal } = context.content.nlu.people;
  return reading.extraction.entities.some((entity) => entity.kind === 'relationship' && entity.role !== 'applicant' && entity.match.kind === 'eligible' && !droppedIn(reading.normalised, entity, removal));
}

/**
 * "我岳母，孙淑珍，身份证…" refused for whom she is, then "那给我父亲办吧，他叫韩德茂": the details held are the refused
 * relative's, and a relative who can be bound, named by another name, is someone else — never filed with her ID number.
 * Named by no name ("哦说错了，是我妈") or by the same one, it is the relationship put right, and what was typed stays.
 */
function turnsFromRefusedToSomeoneElse(context: EngineContext, form: FormState, reading: TurnReading): boolean {
  if (!editableFields.some((field) => form.current[field] !== undefined) || !turnsFromRefused(context, form, reading)) return false;
  return reading.extraction.entities.some((entity) => entity.kind === 'name' && entity.role !== 'applicant' && entity.value !== form.current.name);
}

/** The relative switched to replaces the one being collected, whose details (if any were typed) are dropped. */
function switchRelative(context: EngineContext, flow: Flow, form: FormState, reading: TurnReading, now: Date): FormTurn | null {
  const word = relativeSwitchedTo(context, form, reading);
  if (word === null) return null;
  // Who is put off by their name too ("子女刘小刚"): with two of one kind, the kind alone says nothing. Asked whom to
  // bind, the one put off is the relative named first, and what was typed for the relative asked about is kept.
  const first = reading.extraction.entities.find((entity) => entity.kind === 'relationship' && entity.role !== 'applicant');
  const putOff = form.current.relationship ?? (first?.kind === 'relationship' && first.match.kind === 'eligible' ? first.match.relationship : null);
  const previous = putOff === null ? say(context.content, 'engine.member.defaultLabel') : `${relationshipLabel(context.content, putOff)}${form.current.name ?? ''}`;
  const cleared: FormState = form.current.relationship === undefined ? form : { ...form, current: {}, issues: otherThanMemberIssues(form) };
  const applied = applyAssignments(context, flow, cleared, [{ slot: 'member.relationship', raw: word.match.word }], now);
  const switched = applied.failedSlot === null && applied.form.current.relationship !== undefined;
  const note = switched ? [say(context.content, 'engine.form.memberSwitched', { previous, relationship: relationshipLabel(context.content, applied.form.current.relationship!) })] : [];
  // "…换成我女儿吧，叫麦诗琪": what the message says after the relative switched to is read for them.
  const told = reading.extraction.entities.filter((entity) => entity.start >= word.start);
  const details = switched && told.some(isPersonFact) ? collect(context, flow, applied.form, withEntities(reading, told), now, { fallbackToPending: () => false }) : null;
  if (details !== null) return { ...details, texts: [...note, ...applied.texts, ...details.texts] };
  return advance(context, flow, applied.form, [...note, ...applied.texts], applied.failedSlot, now);
}

/** The accepted members the message takes out ("把郭凤霞去掉", "只绑我妈"), while the form can still change. */
function removedBy(context: EngineContext, form: FormState, reading: TurnReading): Removal | null {
  if (form.fix !== null || !['collecting', 'adding', 'consent', 'confirming'].includes(form.status)) return null;
  const { normalised, extraction, mentions } = reading;
  // "哦不对，我爸已经被我弟绑走了，把我爸去掉吧": a reason told beside the removal may lean to a question; only a
  // message that asks in words ("我爸去掉的话我妈还能绑吗") is answered instead.
  const asksQuestion = reading.asksQuestion && reading.asksInWords;
  const { removal, pronouns } = context.content.nlu.people;
  return membersRemoved(form, { normalised, entities: extraction.entities, mentions, asksQuestion, declines: reading.intents.includes('decline_more') }, removal, kinshipOf(context.content.nlu.kinship), pronouns.member);
}

/**
 * The members taken out, said by name, and the form goes on where it was (the summary again where there is one).
 * With nobody left, one member is needed: asked as after declining every relative.
 */
function removeMembers(context: EngineContext, flow: Flow, form: FormState, removed: readonly number[], now: Date): FormTurn {
  const taken = form.members.filter((_, index) => removed.includes(index));
  const left: FormState = { ...form, members: form.members.filter((_, index) => !removed.includes(index)) };
  const told = say(context.content, 'engine.form.membersRemoved', { members: memberNames(context, { ...form, members: taken }) });
  // Where no summary follows (a relative still being collected), who is left is said.
  const still = left.members.length > 0 && form.status === 'collecting' ? [say(context.content, 'engine.form.membersLeft', { members: memberNames(context, left) })] : [];
  if (left.members.length === 0 && Object.keys(left.current).length === 0) {
    const turn = declineMore(context, flow, left);
    return { ...turn, texts: [told, ...turn.texts] };
  }
  return afterChange(context, flow, left, [told, ...still], now);
}

/**
 * "算了，老婆不办了，换成给我闺女办" once the wife was accepted: she is taken out and the relative switched to (named
 * after the drop, in no clause dropping them, of no kind taken out or being collected) is collected next.
 */
function switchFromMembers(context: EngineContext, flow: Flow, form: FormState, reading: TurnReading, removed: readonly number[], now: Date): FormTurn | null {
  const taken = form.members.filter((_, index) => removed.includes(index));
  // "儿子不办了，只给我老婆办" with the wife accepted: she stays, and is nobody to switch to; nor is "他妈", his mother.
  const staying = form.members.filter((_, index) => !removed.includes(index)).map((member) => member.relationship);
  const kinds = new Set<string>([...taken.map((member) => member.relationship), ...staying, ...(form.current.relationship ? [form.current.relationship] : [])]);
  const memberPronouns = context.content.nlu.people.pronouns.member;
  const turnedTo = reading.extraction.entities.filter(
    (entity): entity is Extract<Entity, { kind: 'relationship' }> =>
      entity.kind === 'relationship' &&
      entity.role !== 'applicant' &&
      entity.match.kind === 'eligible' &&
      !kinds.has(entity.match.relationship) &&
      !ownedByMember(reading.normalised, entity, memberPronouns) &&
      !droppedIn(reading.normalised, entity, context.content.nlu.people.removal),
  );
  if (new Set(turnedTo.map((entity) => (entity.match as { relationship: string }).relationship)).size !== 1) return null;
  const left: FormState = { ...form, status: 'collecting', members: form.members.filter((_, index) => !removed.includes(index)), current: {}, pending: null, issues: otherThanMemberIssues(form) };
  const applied = applyAssignments(context, flow, left, [{ slot: 'member.relationship', raw: turnedTo.at(-1)!.match.word }], now);
  if (applied.failedSlot !== null || applied.form.current.relationship === undefined) return null;
  const note = say(context.content, 'engine.form.memberSwitched', { previous: memberNames(context, { ...form, members: taken }), relationship: relationshipLabel(context.content, applied.form.current.relationship) });
  return advance(context, flow, applied.form, [note, ...applied.texts], null, now);
}

/**
 * "我儿子不办了" with two sons accepted: which one, with a button each ("去掉子女孟凡宇", which the removal words read
 * by name); the form stays where it was, so any other answer goes on as before.
 */
function askWhichToRemove(context: EngineContext, form: FormState, candidates: readonly number[]): FormTurn {
  const choices = form.members.filter((_, index) => candidates.includes(index));
  const members = memberNames(context, { ...form, members: choices });
  return {
    form,
    texts: [say(context.content, 'engine.form.whichToRemove', { members })],
    quickReplies: choices.map((member) => say(context.content, 'engine.quick.removeMember', { member: memberNames(context, { ...form, members: [member] }) })),
    effects: [],
    offeredHuman: false,
  };
}

/** "算了" with members already accepted: go on with them, or cancel the whole application? */
export function askGoOnOrCancel(context: EngineContext, form: FormState): FormTurn {
  return {
    form: { ...form, asked: 'goOnOrCancel' },
    texts: [say(context.content, 'engine.form.goOnOrCancel', { members: memberNames(context, form) })],
    quickReplies: [say(context.content, 'engine.quick.noMoreMembers'), say(context.content, 'engine.quick.cancelAll')],
    effects: [],
    offeredHuman: false,
  };
}

/** Going on with the members accepted: the one being collected (if any) is dropped, then the pledge. */
export function goOnWithMembers(context: EngineContext, form: FormState): FormTurn {
  return declineMore(context, bindingFlow(context.content), { ...form, asked: null });
}

/** The person steps away: the form is kept (FORM_RETENTION_HOURS) and resumed where it was. */
function pause(context: EngineContext, form: FormState): FormTurn {
  const hours = String(context.formRetentionHours);
  const pausedFrom = form.status === 'paused' ? form.pausedFrom : (form.status as FillingStatus);
  return { form: { ...form, status: 'paused', pausedFrom }, texts: [say(context.content, 'engine.form.paused', { hours })], effects: [], offeredHuman: false };
}

/**
 * "他的身份证在抽屉里，我去拿" while the person's own ID number is asked: what they went to fetch is the relative's,
 * so the number they come back with is the relative's, never typed into their own (theirs is asked after it); the
 * other way round for "我的身份证在抽屉里" while the relative's is asked. Only a detail still empty is waited for.
 */
function waitingFor(form: FormState, mentions: TurnReading['mentions']): FormState {
  const mention = mentions.findLast((candidate) => candidate.role !== null);
  if (mention === undefined || form.status !== 'collecting' || form.pending === null || !form.pending.endsWith(`.${mention.field}`)) return form;
  const slot: SlotKey = `${mention.role === 'applicant' ? 'applicant' : 'member'}.${mention.field}`;
  return slotValue(form, slot) === undefined ? { ...form, pending: slot } : form;
}

/** A paused form back at the stage it was paused at. */
export function resumeForm(form: FormState): FormState {
  return form.status === 'paused' ? { ...form, status: form.pausedFrom ?? 'collecting', pausedFrom: null } : form;
}

/**
 * "不知道", "没有了" at a question that wants a value: never a value; ask again, and offer to pause — or, where the
 * slot says what else will do ("他没手机": a relative's number may be a family member's), say that.
 */
function nonAnswer(context: EngineContext, flow: Flow, form: FormState): FormTurn {
  const help = form.pending === null ? undefined : slotOf(flow, form.pending).withoutValue;
  const told = help === undefined ? say(context.content, 'engine.form.nonAnswer', { hours: String(context.formRetentionHours) }) : fillTemplate(help, promptValues(context, form));
  const again = askNext(context, flow, form, [told], null);
  return { ...again, quickReplies: [say(context.content, 'engine.quick.pause'), ...(again.quickReplies ?? [])] };
}

/**
 * No more members: the one being collected (if any) is dropped alone, the accepted ones go on to the pledge. A relative
 * whose name or numbers were typed while whom they are was still asked ("就她一个" after "孙秀荣 4101… 138…" at "是您
 * 的什么人？") is the one meant, never dropped: the relationship is asked for them (one refused for their relationship
 * is left out, as before).
 */
function declineMore(context: EngineContext, flow: Flow, form: FormState): FormTurn {
  const refused = relationshipRefused(form);
  if (form.current.relationship === undefined && !refused && editableFields.some((field) => form.current[field] !== undefined)) {
    const person = form.current.name ?? say(context.content, 'engine.member.defaultLabel');
    const asked = askNext(context, flow, { ...form, pending: 'member.relationship' }, [], null);
    return { ...asked, texts: [say(context.content, 'engine.form.relationshipOfDetails', { person })] };
  }
  const dropped = Object.keys(form.current).length > 0 ? [say(context.content, 'engine.form.memberDropped')] : [];
  const kept: FormState = { ...form, current: {}, queued: [], issues: otherThanMemberIssues(form) };
  if (form.members.length === 0) {
    return {
      form: { ...kept, status: 'collecting', pending: 'member.relationship' },
      texts: [...dropped, say(context.content, 'engine.form.needOneMember')],
      quickReplies: [say(context.content, 'engine.quick.otherMember'), say(context.content, 'engine.quick.cancelAll')],
      effects: [],
      offeredHuman: false,
    };
  }
  return askConsent(context, flow, { ...kept, status: 'consent' }, dropped);
}

/** `bareNameIsMember`: a name with no word of whose it is ("张亮 210202…") is the new relative's. */
function startNextMember(context: EngineContext, flow: Flow, form: FormState, reading: TurnReading, now: Date, options = { bareNameIsMember: false }): FormTurn | null {
  const next: FormState = { ...form, status: 'collecting', current: {}, pending: options.bareNameIsMember ? 'member.name' : null };
  return collect(context, flow, next, reading, now, { fallbackToPending: () => false });
}

/**
 * The accepted member a correction with a new value names, by name or relationship ("不对，李红的手机号错了，是…"),
 * while another relative is being collected; null otherwise.
 */
function acceptedMemberCorrected(form: FormState, reading: TurnReading, meaning: FormMeaning, kinship: Kinship): number | null {
  if (form.members.length === 0 || !correctsWithValue(reading)) return null;
  const person = personNamed(form, { text: reading.text, entities: reading.extraction.entities }, meaning, kinship);
  return typeof person === 'number' ? person : null;
}

/** "不对，…是139…", "…错了，应该是…": a correction or a no that brings a new value. */
function correctsWithValue(reading: TurnReading): boolean {
  return hasValues(reading.extraction) && (reading.intents.includes('correction') || reading.extraction.yesNo === 'no');
}

/** "手机号填错了，应该是…" with more than one phone number in the form and no word of whose. */
function ambiguousCorrection(form: FormState, { text, extraction }: TurnReading, meaning: FormMeaning, kinship: Kinship): boolean {
  const facts = extraction.entities.filter((entity) => entity.kind === 'name' || entity.kind === 'idNumber' || entity.kind === 'phone');
  if (facts.length !== 1 || facts[0]!.role !== null || personNamed(form, { text, entities: extraction.entities }, meaning, kinship) !== null) return false;
  const field = facts[0]!.kind === 'name' ? 'name' : facts[0]!.kind;
  const holders = peopleOf(form).filter((person) => valueOf(form, person, field as EditableField) !== undefined).length;
  // "名字打错了，是李小燕" while the relative's name is asked: nothing of theirs was typed to be wrong, so it puts
  // right a name typed before, not answers the question.
  // But after a value for the question was just turned down ("23986071452" is no phone number), "打错了，头一位是1，
  // 1398…" puts that one right: it answers the question asked again.
  if (form.pending !== null && form.pending.endsWith(`.${field}`) && slotValue(form, form.pending) === undefined) return holders > 0 && (form.attempts[form.pending] ?? 0) === 0;
  return holders > 1;
}

/** The relative being collected was refused for whom they are (an in-law, or one the region does not allow). */
function relationshipRefused(form: FormState): boolean {
  return form.issues.some((issue) => issue.slot === 'member.relationship');
}

/** A relative was just refused for whom they are, nothing of another is typed yet, and some members are accepted. */
function refusedWithMembersKept(form: FormState): boolean {
  return relationshipRefused(form) && form.members.length > 0 && form.current.relationship === undefined && form.pending === 'member.relationship';
}

/** Relatives only, each a member already accepted or one who cannot be bound: nobody new and no details. */
function namesOnlyKeptOrRefused(form: FormState, extraction: Extraction): boolean {
  return (
    extraction.entities.length > 0 &&
    extraction.entities.every((entity) => entity.kind === 'relationship' && entity.role !== 'applicant' && (entity.match.kind !== 'eligible' || isKeptMember(form, entity)))
  );
}

/** Whether a relative named is one of the members accepted ("那就光办媳妇吧" with the wife accepted). */
function namesKeptMember(form: FormState, extraction: Extraction): boolean {
  return extraction.entities.some((entity) => isKeptMember(form, entity));
}

function isKeptMember(form: FormState, entity: Entity): boolean {
  if (entity.kind !== 'relationship' || entity.match.kind !== 'eligible') return false;
  const { relationship } = entity.match;
  return form.members.some((member) => member.relationship === relationship);
}

/** The form's problems once the relative being collected is set aside: only the applicant's stay. */
function otherThanMemberIssues(form: FormState): FormState['issues'] {
  return form.issues.filter((issue) => !issue.slot.startsWith('member.'));
}

/** The message names the relative being collected by their word only ("老伴", "就是我老婆"): no name, no number. */
function namesOnlyTheRelative(form: FormState, extraction: Extraction): boolean {
  return (
    extraction.entities.length > 0 &&
    extraction.entities.every((entity) => entity.kind === 'relationship' && entity.role !== 'applicant' && entity.match.kind === 'eligible' && entity.match.relationship === form.current.relationship)
  );
}

function isMemberPending(form: FormState): boolean {
  return form.pending !== null && form.pending.startsWith('member.');
}

/**
 * The one region, other than the form's, that a message saying something is wrong (or answering what is to change)
 * names and nothing else ("不是深圳，是广州参保"): a region named beside a relative or a detail is theirs ("不对，我妈在
 * 广州"), and one asked about is a question ("不对，广州那边要户口本吗").
 */
function regionPutRight(form: FormState, { extraction, intents, isQuestion }: TurnReading): string | null {
  if (form.region === undefined || form.pending === 'region' || !(intents.includes('correction') || intents.includes('deny') || form.fix?.step === 'what')) return null;
  if (extraction.entities.some((entity) => entity.kind !== 'region') || isQuestion()) return null;
  const named = new Map(extraction.entities.flatMap((entity) => (entity.kind === 'region' && entity.code !== form.region ? [[entity.code, entity.name] as const] : [])));
  return named.size === 1 ? [...named.values()][0]! : null;
}

/**
 * What the region the form moved to does not allow of the members already accepted — a relationship it does not bind,
 * more of one kind or more in all than it allows — said with how to go on, so that nobody is filed only to be refused.
 * Nobody is taken out unasked: the region may be the one that is wrong.
 */
function membersAgainstRegion(context: EngineContext, form: FormState): string[] {
  const { content } = context;
  const policy = policyFor(content, form.region);
  const region = regionName(content, form.region, policy);
  const problems = [...new Set(form.members.map((member) => member.relationship))].flatMap((relationship) => {
    const rule = policy.relationships[relationship];
    const label = relationshipLabel(content, relationship);
    const count = form.members.filter((member) => member.relationship === relationship).length;
    if (!rule.allowed) return [say(content, 'engine.relationship.notAllowedInRegion', { relationship: label, region, reason: rule.reason ?? '' })];
    return rule.max !== undefined && count > rule.max ? [say(content, 'engine.fix.regionOverLimit', { relationship: label, region, max: String(rule.max), count: String(count) })] : [];
  });
  if (policy.totalLimit !== null && form.members.length > policy.totalLimit) {
    problems.push(say(content, 'engine.fix.regionOverTotal', { region, max: String(policy.totalLimit), count: String(form.members.length) }));
  }
  return problems.length === 0 ? [] : [...problems, say(content, 'engine.fix.regionMembersAtOdds', { name: form.members.at(-1)!.name })];
}

/** "好了", "行了" as the whole answer to "还要再添加其他家人吗？": the list is complete (the flow's `addingFinished`). */
function finishesAdding(flow: Flow, reading: TurnReading): boolean {
  const bare = reading.normalised.replace(/[\p{P}\s~～]+/gu, '');
  return flow.addingFinished.includes(bare);
}

/**
 * The entities but the word for the relative being collected, when it is the one relative of that kind named ("儿子先不
 * 加，先加我闺女" names two children: the daughter is someone new).
 */
function besidesCurrent(form: FormState, extraction: Extraction): Extraction {
  const current = form.current.relationship;
  const ofCurrent = (entity: Entity) => entity.kind === 'relationship' && entity.match.kind === 'eligible' && entity.match.relationship === current;
  if (extraction.entities.filter(ofCurrent).length !== 1) return extraction;
  return { ...extraction, entities: extraction.entities.filter((entity) => !ofCurrent(entity)) };
}

/**
 * A relationship named that is not one of the members already added ("还有我爸"), or one of the same kind with a name
 * none of them has ("还有小儿子张亮" after 张明). Said as a correction, a name for the only member of that kind puts
 * theirs right ("我妈名字是李晓燕，刚才打错了" after 李小燕 was added): it adds no one.
 */
function namesNewMember(form: FormState, extraction: Extraction, correcting = false): boolean {
  const names = extraction.entities.flatMap((entity) => (entity.kind === 'name' && entity.role !== 'applicant' ? [entity.value] : []));
  return extraction.entities.some((entity) => {
    if (entity.kind !== 'relationship' || entity.role === 'applicant' || entity.pointedBack === true) return false;
    if (entity.match.kind !== 'eligible') return true;
    const wanted = entity.match.relationship;
    const sameKind = form.members.filter((member) => member.relationship === wanted);
    if (correcting && sameKind.length === 1) return false;
    return sameKind.length === 0 || (names.length > 0 && !names.some((name) => sameKind.some((member) => member.name === name)));
  });
}

/** Whether every name, ID and phone number in the message is one the form already holds, for the same person. */
function repeatsWhatIsHeld(form: FormState, extraction: Extraction): boolean {
  const held = [form.applicant, ...form.members];
  const plain = (value: string | undefined) => value?.replace(/[\s-]/g, '').toUpperCase();
  return extraction.entities.filter(isPersonFact).every((fact) => held.some((person) => plain(person[fact.kind]) === plain(factValue(fact))));
}

/**
 * Whether the message speaks of someone already in the form: the applicant's own details, a member's kind, or a
 * member's name, also where no name was read around it ("李梅的手机号是…": the value the form holds, mentioned).
 */
function namesSomeoneInForm(form: FormState, { text, extraction }: TurnReading): boolean {
  if (form.members.some((member) => text.includes(member.name))) return true;
  return extraction.entities.some(
    (entity) =>
      (isPersonFact(entity) && entity.role === 'applicant') ||
      (entity.kind === 'name' && form.members.some((member) => member.name === entity.value)) ||
      (entity.kind === 'relationship' && entity.match.kind === 'eligible' && form.members.some((member) => member.relationship === (entity.match as { relationship: string }).relationship)),
  );
}

function memberNames(context: EngineContext, form: FormState): string {
  return form.members.map((member) => `${relationshipLabel(context.content, member.relationship)}${member.name}`).join('、');
}

export function fixSteps(context: EngineContext, flow: Flow, now: Date): FixSteps {
  return {
    after: (form, texts) => afterChange(context, flow, form, texts, now),
    resume: (form, texts) => {
      const turn = askPending(context, form, now);
      return { ...turn, texts: [...texts, ...turn.texts.filter((text) => text !== say(context.content, 'engine.form.backTo'))] };
    },
  };
}

/** After any change: the summary again where there is one, else the question that was pending. */
function afterChange(context: EngineContext, flow: Flow, form: FormState, texts: string[], now: Date): FormTurn {
  switch (form.status) {
    case 'confirming':
    case 'consent': {
      const turn = askConfirm(context, flow, form, now);
      return { ...turn, form: { ...turn.form, status: form.status === 'consent' ? 'consent' : 'confirming', pending: form.status === 'consent' ? 'consent' : 'confirm' }, texts: [...texts, ...turn.texts] };
    }
    case 'adding':
      return askAddAnother(context, form, [...texts, formSummary(context, flow, form, now)]);
    default:
      return askNext(context, flow, form, texts, null);
  }
}

function fromFix(turn: FixTurn): FormTurn {
  return { effects: [], offeredHuman: false, ...turn };
}

/** The question the form is waiting on, asked again after a digression. */
export function askPending(context: EngineContext, form: FormState, now: Date): FormTurn {
  const flow = bindingFlow(context.content);
  if (form.fix !== null) return fromFix(askFix(context, form));
  switch (form.status) {
    case 'adding':
      return askAddAnother(context, form, []);
    case 'consent':
      return { form, texts: [say(context.content, 'engine.form.backTo'), slotOf(flow, 'consent').prompt], quickReplies: slotOf(flow, 'consent').quickReplies, effects: [], offeredHuman: false };
    case 'confirming':
      return askConfirm(context, flow, form, now);
    default: {
      const turn = askNext(context, flow, form, [], null);
      return { ...turn, texts: [say(context.content, 'engine.form.backTo'), ...turn.texts] };
    }
  }
}

/** Intents that give or change a detail: a relative named with one of them is an answer, not a mention. */
const givesDetail: readonly Intent[] = ['answer', 'correction', 'deny', 'start_binding', 'add_member'];

/** "问过儿子了，号没错，交吧", "我闺女看过了，没问题": a plain yes naming a relative only as someone asked changes nothing. */
function namesRelativeInPassing(reading: TurnReading): boolean {
  return reading.extraction.yesNo === 'yes' && !hasValues(reading.extraction) && !givesDetail.some((intent) => reading.intents.includes(intent));
}

/**
 * "我爸被我哥绑了的话，我妈还能绑吗" at the pledge or the summary: a question in words naming relatives, with no name or
 * number, asks about them and changes nobody.
 */
function asksOfRelatives(context: EngineContext, reading: TurnReading): boolean {
  return reading.asksQuestion && !hasValues(reading.extraction) && reading.asksInWords;
}

/**
 * "顺便帮我查查我弟弟沈涛绑了谁": a request to check an application or to unbind, made in the middle of the form, is
 * no answer to it — the brother's name is never typed into the wife's — and is answered on the side.
 */
export function requestsAccountDialog(reading: { intentScores: Reading['intentScores']; yesNo: Extraction['yesNo'] }): boolean {
  const [top] = reading.intentScores;
  // "没" at "还要再添加其他家人吗？" is a no, however much it leans to "好了没".
  return reading.yesNo === null && top !== undefined && top.score >= INTENT_THRESHOLD && (top.intent === 'status' || top.intent === 'unbind');
}

/**
 * A question on the side, to be answered rather than taken as an answer: "婆婆不行啊，那给我闺女绑吧" leans to a
 * question in its first clause, yet binding the daughter is what it says most surely, so it binds her. So does
 * "公公不行啊，那绑我亲妈", which the classifier hears as a question more than as binding: no word of it asks.
 */
function asksRatherThanBinds(reading: TurnReading): boolean {
  return reading.asksQuestion && !(bindsSomeoneNow(reading) && (!reading.asksInWords || intentScore(reading, 'start_binding') > intentScore(reading, 'question')));
}

/**
 * One relative named, a word of binding them beside the word (filingFor.yaml `bindWords`), and no more after it than
 * a question's ending: "绑我老公行不行", "我老公能绑吗". ("绑我老公以后他在外地能用吗" asks something else.)
 */
function asksToBindTheOneNamed(context: EngineContext, extraction: Extraction, normalised: string): boolean {
  const relatives = extraction.entities.filter((entity) => entity.kind === 'relationship');
  const [relative] = relatives;
  if (relatives.length !== 1 || relative === undefined || relative.role === 'applicant') return false;
  const after = normalised.slice(relative.end).replace(/[\s\p{P}]+/gu, '');
  if (after.length > QUESTION_ENDING_LENGTH) return false;
  const around = normalised.slice(Math.max(0, relative.start - 4), relative.end + after.length);
  return context.content.nlu.filingFor.bindWords.some((word) => around.includes(word));
}
/** "可不可以", "得唔得", "行不行": what may follow the relative in a question only of whether to bind them. */
const QUESTION_ENDING_LENGTH = 4;

function bindsSomeoneNow(reading: TurnReading): boolean {
  return reading.intents.includes('start_binding') && reading.extraction.entities.some((entity) => entity.kind === 'relationship' && entity.role !== 'applicant');
}

/** A name, ID or phone number: values of a person, as opposed to who the person is. */
function hasValues(extraction: Extraction): boolean {
  return extraction.entities.some((entity) => entity.kind === 'name' || entity.kind === 'idNumber' || entity.kind === 'phone');
}

function hasAnswers(extraction: Extraction): boolean {
  return extraction.entities.some((entity) => isPersonFact(entity) || entity.kind === 'relationship');
}

type PersonFact = Extract<Entity, { kind: 'idNumber' | 'phone' | 'name' }>;

function isPersonFact(entity: Entity): entity is PersonFact {
  return entity.kind === 'idNumber' || entity.kind === 'phone' || entity.kind === 'name';
}

function collect(
  context: EngineContext,
  flow: Flow,
  form: FormState,
  reading: TurnReading,
  now: Date,
  /** Whether a message with nothing recognisable answers the pending question as typed (asked only when needed: it may rank FAQ). */
  options: { fallbackToPending: () => boolean },
): FormTurn | null {
  const kinship = kinshipOf(context.content.nlu.kinship);
  const correcting = reading.intents.includes('correction');
  // "娃叫马小龙，身份证…，没手机就填我的": the person's own number, lent where they said so, is the relative's as if typed there.
  const lent = lentPhone(form, reading);
  const said = lent === null ? reading.extraction.entities : [...reading.extraction.entities, { kind: 'phone' as const, raw: lent.raw, start: lent.at, end: lent.at, role: 'member' as const }].sort((left, right) => left.start - right.start);
  const entities = besideRefusedRelative(form, correcting ? said : lenderNamedInPassing(form, ownPhoneRetypedForRelative(form, said)));
  const [first = [], ...rest] = correcting ? [entities] : membersApart(entities, kinship, reading.normalised);
  if (!correcting && startsWithAnotherRelative(form, first)) {
    const turnedFirst = takeNamedRelativeFirst(form, first, kinship, answersWithName(reading, entities));
    if (turnedFirst !== null) form = turnedFirst;
  }
  const another = !correcting && startsWithAnotherRelative(form, first);
  // "哦对了，我哥王强的共济绑了谁" while the mother's name is asked: the brother's name is never hers. Given with a
  // number ("我爸叫张建国，身份证…"), that relative's details wait as the next member; a name alone is no answer here.
  if (another && !first.some((entity) => (entity.kind === 'idNumber' || entity.kind === 'phone') && entity.role !== 'applicant')) return null;
  const own = another ? first.filter((entity) => !isMembersOwn(entity)) : first;
  const others = another ? [first.filter(isMembersOwn), ...rest] : rest;
  let assignments = assignEntities(form, own, reading.intents);
  const queued = others.map(memberAssignments).filter((member) => member.length > 0);
  if (assignments.length === 0 && form.pending && slotValue(form, form.pending) === undefined && options.fallbackToPending()) {
    assignments = [{ slot: form.pending, raw: reading.text }];
  }
  const waiting = another ? queued : [];
  if (assignments.length === 0 && waiting.length === 0 && form.pending !== null) return null;
  const applied = applyAssignments(context, flow, { ...form, queued: withDetailsOfNamed(form.queued, queued, kinship) }, assignments, now);
  const lentTo = lent !== null && slotValue(applied.form, 'member.phone') === lent.raw && slotValue(form, 'member.phone') === undefined ? [lentPhoneNote(context, applied.form, lent.raw)] : [];
  const noted = [...lentTo, ...notedAside(context, flow, form, applied.form, assignments, waiting)];
  const [next, ...later] = applied.form.queued;
  if (next !== undefined && refusedForRelationship(assignments, applied.failedSlot, kinship)) {
    // "岳母刘桂芝 …；老婆李红 …": the mother-in-law cannot be bound (as just said), so her details are set aside and
    // the next relative the message named goes on — never left waiting behind a relationship asked again.
    const onward: FormState = { ...applied.form, current: {}, queued: later, issues: otherThanMemberIssues(applied.form) };
    const moved = applyAssignments(context, flow, onward, next, now);
    return advance(context, flow, moved.form, [...noted, ...applied.texts, ...moved.texts], moved.failedSlot, now);
  }
  return advance(context, flow, applied.form, [...noted, ...applied.texts], applied.failedSlot, now);
}

/** Whether the relationship given is a known one that cannot be bound (an in-law, or one the region does not allow). */
function refusedForRelationship(assignments: readonly Assignment[], failedSlot: SlotKey | null, kinship: Kinship): boolean {
  const given = assignments.find(({ slot }) => slot === 'member.relationship');
  return failedSlot === 'member.relationship' && given !== undefined && kinship.resolve(given.raw).kind !== 'unknown';
}

/**
 * "岳父办不了的话，就给我儿子办吧" right after the father-in-law was refused: the relative refused, spoken of again
 * beside one who can be bound, is no second refusal — the one who can be bound is meant. So is one who cannot be bound
 * told of with nothing of theirs before one given with details ("婆婆绑不了，那绑我老公胡建平"), whenever it is said.
 */
function besideRefusedRelative(form: FormState, entities: readonly Entity[]): readonly Entity[] {
  const relatives = entities.filter((entity) => entity.kind === 'relationship' && entity.role !== 'applicant');
  const detailsOf = (relative: Entity) => {
    const next = relatives.find((other) => other.start > relative.start);
    return entities.some((entity) => isPersonFact(entity) && entity.start >= relative.end && (next === undefined || entity.start < next.start));
  };
  const bindable = relatives.filter((entity) => entity.kind === 'relationship' && entity.match.kind === 'eligible');
  if (bindable.length === 0) return entities;
  if (relationshipRefused(form)) return entities.filter((entity) => entity.kind !== 'relationship' || entity.match.kind === 'eligible');
  // Not one named again later with details ("想给丈母娘和媳妇都办上。丈母娘黄翠英 …"): that one is asked for, and refused.
  const namedAgain = (entity: Extract<Entity, { kind: 'relationship' }>) => relatives.some((other) => other.kind === 'relationship' && other.start > entity.start && other.match.word === entity.match.word);
  const toldOfOnly = (entity: Entity) =>
    entity.kind === 'relationship' && entity.match.kind !== 'eligible' && !detailsOf(entity) && !namedAgain(entity) && bindable.some((other) => other.start > entity.start && detailsOf(other));
  return entities.filter((entity) => !toldOfOnly(entity));
}

/**
 * "俺要给俺儿和俺爹绑", then the father's details while the son's name is asked: both were named at the start, so the
 * one whose details come first is taken now and the other waits for their turn (with nothing of theirs typed yet,
 * nothing is lost). One not named before is taken so too when the message is only their word and their name, said
 * as an answer ("老婆覃小燕" while the son's name is asked: she was misread at the start, or left out of it). Null when
 * the current relative has details already.
 */
function takeNamedRelativeFirst(form: FormState, entities: readonly Entity[], kinship: Kinship, answeredWithName: boolean): FormState | null {
  const { relationship, ...details } = form.current;
  if (relationship === undefined || Object.values(details).some((value) => value !== undefined)) return null;
  const word = entities.find((entity) => entity.kind === 'relationship' && entity.role !== 'applicant');
  if (word?.kind !== 'relationship' || word.match.kind !== 'eligible') return null;
  const wanted = word.match.relationship;
  const named = form.queued.findIndex((member) => member.length === 1 && member[0]!.slot === 'member.relationship' && relationshipOf(member[0]!.raw, kinship) === wanted);
  if (named < 0 && !answeredWithName) return null;
  const waiting = [{ slot: 'member.relationship' as const, raw: kinship.plainWord(relationship) }];
  return { ...form, current: {}, queued: [waiting, ...form.queued.filter((_, index) => index !== named)] };
}

/** A message that is only a relative's word and a name, given as an answer or as one more ("还有我老爸韦光明"), asking nothing. */
function answersWithName(reading: TurnReading, entities: readonly Entity[]): boolean {
  const kinds = entities.map((entity) => entity.kind).join(',');
  return kinds === 'relationship,name' && (reading.intents.includes('answer') || reading.intents.includes('add_member')) && !reading.isQuestion();
}

/**
 * "给老婆和儿子办", then "老婆…；儿子刘子豪 5101… 电话…": the son named at the start waits in the queue with nothing but
 * his relationship, so the details now given for a son are his, in his place — never a second son after him, whom a
 * later "就他们两个" would drop with everything typed for him.
 */
function withDetailsOfNamed(waiting: readonly Assignment[][], arriving: readonly Assignment[][], kinship: Kinship): Assignment[][] {
  const joined = [...waiting];
  for (const member of arriving) {
    const word = member.find(({ slot }) => slot === 'member.relationship');
    const relationship = word === undefined ? null : relationshipOf(word.raw, kinship);
    const named = relationship === null ? -1 : joined.findIndex((held) => held.length === 1 && held[0]!.slot === 'member.relationship' && relationshipOf(held[0]!.raw, kinship) === relationship && !sexesDiffer(held[0]!.raw, word!.raw, kinship));
    if (named >= 0) joined[named] = member;
    else joined.push(member);
  }
  return joined;
}

function relationshipOf(raw: string, kinship: Kinship): Relationship | null {
  const match = kinship.find(raw)[0]?.match ?? kinship.resolve(raw);
  return match.kind === 'eligible' ? match.relationship : null;
}

/** The relationship word and the details of a relative, as opposed to the applicant's details and the region. */
function isMembersOwn(entity: Entity): boolean {
  return (entity.kind === 'relationship' || isPersonFact(entity)) && entity.role !== 'applicant';
}

/**
 * While one relative's details are collected, the message opens with another relative (an eligible one: an
 * ineligible word is refused, with its reason, as the relative being named).
 */
function startsWithAnotherRelative(form: FormState, entities: readonly Entity[]): boolean {
  const current = form.current.relationship;
  if (current === undefined || form.pending === 'member.relationship') return false;
  const word = entities.find((entity) => entity.kind === 'relationship' && entity.role !== 'applicant');
  if (word?.kind !== 'relationship' || word.match.kind !== 'eligible') return false;
  // "还有儿子王子豪…" then, his phone asked, "再加闺女王梓萱，…": a second child named is another person, never typed
  // over the first (a father, a mother or a spouse named again is the same one, correcting).
  const named = form.current.name;
  const anotherOfTheKind = word.match.relationship === current && !onePersonOnly.has(current) && named !== undefined && entities.some((entity) => entity.kind === 'name' && entity.role !== 'applicant' && entity.value !== named);
  // A phone number alone is what relatives lend ("用俺闺女的 159…"): only a name or an ID number is someone's own.
  return (word.match.relationship !== current || anotherOfTheKind) && entities.some((entity) => (entity.kind === 'name' || entity.kind === 'idNumber') && entity.role !== 'applicant');
}

/**
 * "找着了 手机是138…" while the ID number is asked: the phone number is kept, and the person is told so before the
 * same question comes again — else it reads as if what they typed was ignored, and an elderly person types it again.
 */
function notedAside(context: EngineContext, flow: Flow, before: FormState, after: FormState, assignments: readonly Assignment[], waiting: readonly Assignment[][] = []): string[] {
  const pending = before.pending;
  if (pending === null) return [];
  // A relative's number the form waited for (fetched after a pause) answered while the person's own come next: said
  // too, so that "请输入您的…" does not read as if it had been taken for theirs.
  const waitedFor = pending.startsWith('member.') && nextSlot(flow, after)?.key.startsWith('applicant.') === true;
  if (slotValue(after, pending) !== undefined && !waitedFor) return [];
  // Another relative's details, kept for after the one being collected: "您父亲的姓名、身份证号…已经记下了".
  const waitingItems = waiting.flatMap((member) => {
    const word = member.find(({ slot }) => slot === 'member.relationship')?.raw;
    const match = word === undefined ? null : kinshipOf(context.content.nlu.kinship).resolve(word);
    const label = match?.kind === 'eligible' ? relationshipLabel(context.content, match.relationship) : say(context.content, 'engine.member.defaultLabel');
    // A kind one may have several of is said by name too ("您子女王梓萱的…" beside the son being asked about).
    const byName = match?.kind === 'eligible' && !onePersonOnly.has(match.relationship);
    const relationship = `${label}${byName ? (member.find(({ slot }) => slot === 'member.name')?.raw ?? '') : ''}`;
    return member.flatMap(({ slot }) => {
      const field = slot.split('.')[1];
      return field === undefined || field === 'relationship' ? [] : [say(context.content, 'engine.form.notedMember', { field: say(context.content, `engine.field.${field}`), relationship })];
    });
  });
  const items = [...waitingItems, ...assignments.flatMap(({ slot }) => {
    const [owner, field] = slot.split('.') as [string, string | undefined];
    if ((slot === pending && !waitedFor) || field === undefined || field === 'relationship' || slotValue(after, slot) === undefined) return [];
    const fieldName = say(context.content, `engine.field.${field}`);
    if (owner === 'applicant') return [say(context.content, 'engine.form.notedApplicant', { field: fieldName })];
    const relationship = after.current.relationship;
    return [say(context.content, 'engine.form.notedMember', { field: fieldName, relationship: relationship ? relationshipLabel(context.content, relationship) : say(context.content, 'engine.member.defaultLabel') })];
  })];
  return items.length === 0 ? [] : [say(context.content, 'engine.form.notedAside', { items: items.join('、') })];
}

/**
 * The message's entities by member: a second relative named ("…我妈李秀英…，我爸张国强，身份证…") starts that
 * member's details, and what follows its word is its own until another relative is named. Everything else (the
 * applicant's, the region) stays with the first. One relative named, or none: the message whole.
 */
function membersApart(entities: readonly Entity[], kinship: Kinship, normalised: string): Entity[][] {
  const groups: { relationship: string | null; entities: Entity[] }[] = [{ relationship: null, entities: [] }];
  let current = groups[0]!;
  for (const [index, entity] of entities.entries()) {
    if (restatesWhoCannotBeBound(entities, index, normalised)) continue;
    if (entity.kind === 'relationship' && entity.role !== 'applicant') {
      const key = entity.match.kind === 'eligible' ? entity.match.relationship : entity.match.word;
      const named = groups.findLast((group) => group.relationship === key);
      // "大儿子张明…，小儿子张亮…": the same kind of relative again, with details the first one already has, is a
      // second person of that kind ("两个儿子"), never the first one's details typed over; so is one of the other sex
      // ("儿子和闺女").
      if (named && !detailsClash(named.entities, followingDetails(entities, index)) && !otherSex(named.entities, entity, kinship)) current = named;
      else if (groups[0]!.relationship === null) current = Object.assign(groups[0]!, { relationship: key });
      else groups.push((current = { relationship: key, entities: [] }));
      current.entities.push(entity);
      continue;
    }
    const belongsHere = isPersonFact(entity) && entity.role !== 'applicant';
    (belongsHere ? current : groups[0]!).entities.push(entity);
  }
  return groups.map((group) => group.entities);
}

/**
 * "俺侄子，俺哥家的孩子", "内弟，我老婆的亲弟弟": a relative who cannot be bound, said again in other words right after,
 * only a comma or whose between — one person, refused once (with "和" or "还有" between they are two).
 */
function restatesWhoCannotBeBound(entities: readonly Entity[], index: number, normalised: string): boolean {
  const [previous, entity] = [entities[index - 1], entities[index]];
  if (previous?.kind !== 'relationship' || entity?.kind !== 'relationship' || previous.match.kind !== 'ineligible' || entity.match.kind !== 'ineligible') return false;
  return previous.match.reason === entity.match.reason && /^[，,、\s]+(?:就是|也就是)?(?:[我俺咱]的?)?$/.test(normalised.slice(previous.end, entity.start));
}

/** Whether the relationship word names someone of the other sex than the group's own words do (儿子 and 闺女). */
function otherSex(held: readonly Entity[], word: Extract<Entity, { kind: 'relationship' }>, kinship: Kinship): boolean {
  return held.some((entity) => entity.kind === 'relationship' && sexesDiffer(entity.match.word, word.match.word, kinship));
}

function sexesDiffer(word: string, other: string, kinship: Kinship): boolean {
  const [sex, otherSex] = [kinship.sexOf(word), kinship.sexOf(other)];
  return sex !== null && otherSex !== null && sex !== otherSex;
}

/** The member's details a relationship word introduces: what follows it up to the next relative named. */
function followingDetails(entities: readonly Entity[], index: number): PersonFact[] {
  const details: PersonFact[] = [];
  for (const entity of entities.slice(index + 1)) {
    if (entity.kind === 'relationship' && entity.role !== 'applicant') break;
    if (isPersonFact(entity) && entity.role !== 'applicant') details.push(entity);
  }
  return details;
}

/** Whether the details name a person other than the one already holding these: another name, ID or phone number. */
function detailsClash(held: readonly Entity[], details: readonly PersonFact[]): boolean {
  return details.some((detail) => held.some((other) => other.kind === detail.kind && isPersonFact(other) && other.role !== 'applicant' && factValue(other) !== factValue(detail)));
}

function factValue(entity: PersonFact): string {
  return entity.kind === 'name' ? entity.value : entity.raw;
}

/** A further member's details, as typed, for the member slots. */
function memberAssignments(entities: readonly Entity[]): Assignment[] {
  return entities.flatMap((entity): Assignment[] => {
    switch (entity.kind) {
      case 'relationship':
        return [{ slot: 'member.relationship', raw: entity.match.word }];
      case 'name':
        return [{ slot: 'member.name', raw: entity.value }];
      case 'idNumber':
        return [{ slot: 'member.idNumber', raw: entity.raw }];
      case 'phone':
        return [{ slot: 'member.phone', raw: entity.raw }];
      default:
        return [];
    }
  });
}

/** What a correction reads of the turn. */
function fixReadingOf(context: EngineContext, reading: TurnReading, meaning: FormMeaning): FixReading {
  // "这个要收费吗？" while a new number is asked asks in words, however its intents lean (question just below sure once
  // it reads as in scope): the number on file is not kept silently and the form does not move on past the question.
  const asks = () => reading.isQuestion() || reading.asksInWords;
  return { text: reading.text, entities: reading.extraction.entities, meaning, yesNo: reading.extraction.yesNo, asks };
}

/** During confirmation or the add-another question, a message with details corrects them and shows the summary again. */
function correctAndSummarise(context: EngineContext, flow: Flow, form: FormState, reading: TurnReading, now: Date, stage: 'adding' | 'consent' | 'confirming'): FormTurn {
  // "我儿子手机号错了，是…" with two sons: which one is asked, never guessed.
  if (unclearWhichMember(context, form, reading)) {
    return fromFix(startFix(context, flow, form, fixReadingOf(context, reading, formMeaning(reading)), now, fixSteps(context, flow, now)));
  }
  // "钱建国的手机号错了，应该是…": the applicant named by their own name, as "我的手机号" names them.
  const applicantNamed = form.applicant.name !== undefined && reading.text.includes(form.applicant.name) && !form.members.some((member) => reading.text.includes(member.name));
  const target = applicantNamed ? null : correctionTarget(context, form, reading);
  const corrected = correctMember(context, flow, form, reading, target, applicantNamed ? 'applicant' : null, now);
  if (!corrected.ok) return advance(context, flow, { ...corrected.form, status: 'collecting', correctingFrom: stage === 'adding' ? null : stage }, corrected.texts, corrected.failedSlot, now);
  const { form: working, texts: told } = corrected;
  if (stage === 'adding') return askAddAnother(context, working, told);
  if (stage === 'consent') return askConsent(context, flow, working, [...told, formSummary(context, flow, working, now)]);
  const turn = askConfirm(context, flow, working, now);
  return { ...turn, texts: [...told, ...turn.texts] };
}

/**
 * "李红的手机号错了，是…" while the next relative's details are asked: the accepted member named is corrected — never
 * the one being collected, whose details are kept — and the pending question asked again. A value that fails its
 * check changes nothing: why is said, and the question asked again.
 */
function correctAcceptedMember(context: EngineContext, flow: Flow, form: FormState, reading: TurnReading, target: number, now: Date): FormTurn {
  const corrected = correctMember(context, flow, { ...form, current: {} }, reading, target, null, now);
  if (!corrected.ok) return askNext(context, flow, form, corrected.texts.slice(0, 1), null);
  return askNext(context, flow, { ...corrected.form, current: form.current, status: 'collecting' }, corrected.texts, null);
}

/**
 * A correction's values applied to the member at `target` (or, with none, by whose they are), with what changed said
 * (numbers masked); not ok when a value failed its check or left the member incomplete.
 */
function correctMember(
  context: EngineContext,
  flow: Flow,
  form: FormState,
  reading: TurnReading,
  target: number | null,
  owner: Role,
  now: Date,
): { ok: true; form: FormState; texts: string[] } | { ok: false; form: FormState; texts: string[]; failedSlot: SlotKey | null } {
  let working: FormState = target === null ? form : { ...form, current: { ...form.members[target] }, members: form.members.filter((_, index) => index !== target) };
  // "孙玉兰电话记错了，改成…": a value of no one's in particular is the one's the message speaks of — never the
  // applicant's because their phone was the last one typed, nor the last member's when the applicant is named. A
  // member named by name is spoken of, whatever "我" says ("沈美娟的身份证号我抄错了").
  const namedByName = target !== null && reading.text.includes(form.members[target]!.name);
  const whose: Role = owner ?? (target !== null && (namedByName || !formMeaning(reading).self) ? 'member' : null);
  const entities = whose === null ? reading.extraction.entities : reading.extraction.entities.map((entity) => (isPersonFact(entity) && entity.role === null ? { ...entity, role: whose } : entity));
  const assignments = assignEntities(working, entities, ['correction'], true);
  const applied = applyAssignments(context, flow, working, assignments, now);
  working = applied.form;
  const member = completeMember(working);
  if (target !== null && member) {
    const members = [...working.members];
    members.splice(target, 0, member);
    working = { ...working, members, current: {} };
  }
  if (applied.failedSlot || (target !== null && !member)) return { ok: false, form: working, texts: applied.texts, failedSlot: applied.failedSlot };
  return { ok: true, form: working, texts: [...applied.texts, ...changesSaid(context, form, working, target)] };
}

/** What a correction changed, said field by field (numbers masked): "已把配偶于淑琴的手机号改为 136****0983。" */
function changesSaid(context: EngineContext, before: FormState, after: FormState, target: number | null): string[] {
  const people: Person[] = target === null ? ['applicant'] : ['applicant', target];
  const said = people.flatMap((person) =>
    editableFields.flatMap((field) => {
      const value = valueOf(after, person, field);
      if (value === undefined || value === valueOf(before, person, field)) return [];
      return [say(context.content, 'engine.fix.changed', { person: changedPersonLabel(context, after, person, field), field: fieldLabel(context, field), value: maskedValue(field, value) })];
    }),
  );
  return said.length > 0 ? said : [say(context.content, 'engine.form.corrected')];
}

/** A correction that names accepted members only by a relationship word more than one of them shares. */
function unclearWhichMember(context: EngineContext, form: FormState, { text, normalised, extraction: { entities } }: TurnReading): boolean {
  if (form.members.some((member) => text.includes(member.name))) return false;
  const { seniority } = context.content.nlu.people;
  const relationship = relationshipMeant(normalised, entities, seniority);
  return relationship !== undefined && membersMeantBy(form, relationship, kinshipOf(context.content.nlu.kinship), { normalised, seniority }).length > 1;
}

/**
 * Which completed member a correction is about: the one the message names ("李梅的手机号是…"), else the one whose
 * relationship it names, else the last one.
 */
function correctionTarget(context: EngineContext, form: FormState, { text, normalised, extraction: { entities } }: TurnReading): number | null {
  if (form.members.length === 0) return null;
  const named = form.members.findIndex((member) => text.includes(member.name));
  if (named >= 0) return named;
  const { seniority } = context.content.nlu.people;
  const relationship = relationshipMeant(normalised, entities, seniority, true);
  const memberFacts = entities.some((entity) => isPersonFact(entity) && entity.role !== 'applicant');
  if (relationship !== undefined) {
    const [index] = membersMeantBy(form, relationship, kinshipOf(context.content.nlu.kinship), { normalised, seniority });
    if (index !== undefined) return index;
  }
  return memberFacts && !entities.some((entity) => 'role' in entity && entity.role === 'applicant') ? form.members.length - 1 : null;
}

function slotsOf(fact: PersonFact): readonly SlotKey[] {
  return fact.kind === 'name' ? nameSlots : fact.kind === 'idNumber' ? idSlots : phoneSlots;
}

function assignEntities(form: FormState, entities: readonly Entity[], intents: readonly Intent[], overwrite = false): Assignment[] {
  const correcting = overwrite || intents.includes('correction');
  const assignments: Assignment[] = [];
  const taken = new Set<SlotKey>();
  // "他身份证2102…31X 不对 是2102…238": one person's detail given twice in a message (whose it is shown, or something
  // put right) takes the later value; two numbers nothing tells apart are never typed over each other.
  const putsRight = correcting || intents.includes('deny');
  const add = (slot: SlotKey | null, raw: string, whose: Role = null) => {
    if (slot === null || (taken.has(slot) && !putsRight && whose === null)) return;
    if (taken.has(slot)) assignments.splice(assignments.findIndex((assignment) => assignment.slot === slot), 1);
    taken.add(slot);
    assignments.push({ slot, raw });
  };
  const pick = (slots: readonly SlotKey[], role: Role, value: string): SlotKey | null => {
    const [applicantSlot, memberSlot] = slots as [SlotKey, SlotKey];
    if (role === 'applicant') {
      // The applicant's details, once given, change only by a correction: while a member's is asked, it is the member's
      // — also the applicant's own number given for them ("老头没手机，就用她的号 136…"), unless the message gives the
      // member one of their own (the applicant's typed again beside it is a repeat).
      if (correcting || slotValue(form, applicantSlot) === undefined) return applicantSlot;
      const membersOwn = entities.some((entity) => isPersonFact(entity) && entity.role !== 'applicant' && slots === slotsOf(entity));
      if (form.pending === memberSlot) return slotValue(form, applicantSlot) !== value || !membersOwn ? memberSlot : null;
      // "我娘叫易桂香 身份证… 她冇得手机 填我的139…" while her name is asked: the applicant's own number typed again,
      // beside the member's other details, is lent to the member (a different one would be the applicant's changed).
      return isMemberPending(form) && slotValue(form, memberSlot) === undefined && slotValue(form, applicantSlot) === value && !membersOwn ? memberSlot : null;
    }
    if (role === 'member') return slots[1]!;
    if (form.pending && slots.includes(form.pending)) return form.pending;
    if (correcting) return [...form.lastFilled].reverse().find((slot) => slots.includes(slot)) ?? null;
    return slots.find((slot) => slotValue(form, slot) === undefined) ?? null;
  };
  // "何淑芬，5101…，136…" opening the form: a name no word gives to anyone, typed with numbers no word gives to anyone
  // either, is of the person those numbers go to, when that person has no name yet.
  const nameBesideNumbers = (name: Extract<Entity, { kind: 'name' }>): SlotKey | null => {
    const number = entities.find((entity): entity is PersonFact => (entity.kind === 'idNumber' || entity.kind === 'phone') && entity.role === null);
    const slot = number === undefined ? null : pick(slotsOf(number), null, factValue(number));
    const nameSlot = slot === null ? null : (slot.replace(/\.\w+$/, '.name') as SlotKey);
    return nameSlot !== null && nameSlots.includes(nameSlot) && slotValue(form, nameSlot) === undefined && name.value !== form.applicant.name ? nameSlot : null;
  };
  // "搞错了 刚才贴的是我老婆的身份证 我的是4201…": a correction of the person's own details that names a relative says
  // whose the wrong value was, not whom to bind.
  const facts = entities.filter(isPersonFact);
  const correctsOwnDetails = facts.length > 0 && facts.every((fact) => fact.role === 'applicant');
  for (const entity of entities) {
    switch (entity.kind) {
      case 'region':
        if (form.region === undefined || form.pending === 'region' || correcting) add('region', entity.name);
        break;
      case 'relationship':
        if (form.pending === 'member.relationship' || form.current.relationship === undefined || (correcting && !correctsOwnDetails)) add('member.relationship', entity.match.word);
        break;
      case 'name': {
        // "孙秀荣 4101… 138…" at "是您的什么人？": a name no word gives to anyone is the relative's whose kinship is asked.
        const relativesAsked = entity.role === null && form.pending === 'member.relationship' && form.current.name === undefined && entity.value !== form.applicant.name;
        const slot = relativesAsked ? 'member.name' : entity.role === null && !(form.pending && nameSlots.includes(form.pending)) && !correcting ? nameBesideNumbers(entity) : pick(nameSlots, entity.role, entity.value);
        add(slot, entity.value);
        break;
      }
      case 'idNumber':
        add(pick(idSlots, entity.role, entity.raw), entity.raw, entity.role);
        break;
      case 'phone':
        add(pick(phoneSlots, entity.role, entity.raw), entity.raw, entity.role);
        break;
    }
  }
  return assignments;
}

export function applyAssignments(context: EngineContext, flow: Flow, form: FormState, assignments: Assignment[], now: Date) {
  const repeated = repeatedMember(context, flow, form, assignments, now);
  // "还得加俺娘，她叫刘玉兰，身份证3709…" with her already accepted: the same person told again is nobody new. What the
  // message says of her is left out (a name kept would go to the next relative), and the relationship is asked again.
  if (repeated !== undefined) return { form: { ...form, current: {} }, texts: [say(context.content, 'engine.member.alreadyAdded', { name: repeated.name })], failedSlot: null };
  let working = form;
  const texts: string[] = [];
  let failedSlot: SlotKey | null = null;
  // Region first: which relationships are allowed depends on it.
  const ordered = [...assignments].sort((left, right) => Number(right.slot === 'region') - Number(left.slot === 'region'));
  for (const { slot, raw } of ordered) {
    const slotDefinition = slotOf(flow, slot);
    const validated = validate(slotDefinition.validator, raw, { content: context.content, now, region: working.region ?? null });
    const problem = validated.ok ? memberProblem(context, working, slot, validated.value, now) : validated;
    if (problem === null && validated.ok) {
      if (slot === 'region' && policyFor(context.content, validated.value).code === 'national') {
        texts.push(say(context.content, 'engine.region.nationalDefault', { region: regionName(context.content, validated.value) }));
      }
      working = withSlot(working, slot, validated.value);
      working = {
        ...working,
        attempts: { ...working.attempts, [slot]: 0 },
        issues: working.issues.filter((issue) => issue.slot !== slot),
        lastFilled: [...working.lastFilled.filter((filled) => filled !== slot), slot],
      };
      continue;
    }
    const failure = problem ?? (validated.ok ? null : validated);
    if (!failure) continue;
    const message = say(context.content, failure.messageId, failure.values ?? {});
    texts.push(message);
    failedSlot = slot;
    working = {
      ...withSlot(working, slot, undefined),
      attempts: { ...working.attempts, [slot]: (working.attempts[slot] ?? 0) + 1 },
      issues: [...working.issues.filter((issue) => issue.slot !== slot), { slot, message }],
    };
  }
  return { form: working, texts, failedSlot };
}

/** An accepted member given again whole: their ID number, with their name said in the same message or already held. */
function repeatedMember(context: EngineContext, flow: Flow, form: FormState, assignments: readonly Assignment[], now: Date): Member | undefined {
  const valueOf = (slot: SlotKey) => {
    const raw = assignments.find((assignment) => assignment.slot === slot)?.raw;
    if (raw === undefined) return undefined;
    const validated = validate(slotOf(flow, slot).validator, raw, { content: context.content, now, region: form.region ?? null });
    return validated.ok ? validated.value : undefined;
  };
  const idNumber = valueOf('member.idNumber');
  const name = valueOf('member.name') ?? form.current.name;
  return idNumber === undefined ? undefined : form.members.find((member) => member.idNumber === idNumber && member.name === name);
}

/** After answers were applied: a finished member is checked against the region's limits, then the next question. */
export function advance(context: EngineContext, flow: Flow, form: FormState, texts: string[], failedSlot: SlotKey | null, now: Date): FormTurn {
  const member = completeMember(form);
  // The applicant's own detail typed again after a correction at the summary failed its check: back to the summary
  // (with no relative in progress, the next question would be a new relative's).
  const asked = nextSlot(flow, form);
  if (member === null && form.correctingFrom !== null && Object.keys(form.current).length === 0 && (asked === null || asked.key.startsWith('member.'))) return backWhereCorrected(context, flow, form, texts, now);
  // A complete member waits, whole, until the applicant's own details are in: a form never reaches the pledge (nor
  // the filing) without them, and what the person typed about the member is kept meanwhile.
  if (member === null || asked !== null) return askNext(context, flow, form, texts, failedSlot);
  const policy = policyFor(context.content, form.region);
  const rule = policy.relationships[member.relationship];
  const sameRelationship = form.members.filter((existing) => existing.relationship === member.relationship).length;
  const label = relationshipLabel(context.content, member.relationship);
  const region = regionName(context.content, form.region, policy);
  if (rule.max !== undefined && sameRelationship + 1 > rule.max) {
    const limited = { ...form, current: {}, status: 'collecting' as const };
    return askNext(context, flow, limited, [...texts, say(context.content, 'engine.member.relationshipLimit', { relationship: label, max: String(rule.max), region })], null);
  }
  if (policy.totalLimit !== null && form.members.length + 1 > policy.totalLimit) {
    const full = { ...form, current: {} };
    return askConsent(context, flow, { ...full, status: 'consent' }, [...texts, say(context.content, 'engine.member.totalLimit', { max: String(policy.totalLimit), region })]);
  }
  const added: FormState = { ...form, members: [...form.members, member], current: {}, issues: [] };
  if (policy.totalLimit !== null && added.members.length >= policy.totalLimit) {
    const full = say(context.content, 'engine.member.totalLimit', { max: String(policy.totalLimit), region });
    return askConsent(context, flow, { ...added, status: 'consent' }, [...texts, memberGuidance(context.content, policy, member, now), full]);
  }
  // A relative's detail typed again after a correction failed its check: the summary shows it, no guidance again.
  if (form.correctingFrom !== null) return backWhereCorrected(context, flow, added, texts, now);
  const guided = [...texts, memberGuidance(context.content, policy, member, now)];
  const [next, ...later] = added.queued;
  if (next !== undefined) {
    // The next member the same message named: its details go in as if typed now.
    const applied = applyAssignments(context, flow, { ...added, queued: later }, next, now);
    return advance(context, flow, applied.form, [...guided, ...applied.texts], applied.failedSlot, now);
  }
  return askAddAnother(context, added, guided);
}

/** Back at the pledge or the summary where a correction was made, once its value passed its check. */
function backWhereCorrected(context: EngineContext, flow: Flow, form: FormState, texts: string[], now: Date): FormTurn {
  const back = { ...form, correctingFrom: null };
  if (form.correctingFrom === 'consent') return askConsent(context, flow, back, [...texts, formSummary(context, flow, back, now)]);
  const turn = askConfirm(context, flow, back, now);
  return { ...turn, texts: [...texts, ...turn.texts] };
}

function askNext(context: EngineContext, flow: Flow, form: FormState, texts: string[], failedSlot: SlotKey | null): FormTurn {
  const slot = nextSlot(flow, form);
  if (slot === null) return askAddAnother(context, form, texts);
  const attempts = form.attempts[slot.key] ?? 0;
  const retry = failedSlot === slot.key;
  const values = promptValues(context, form);
  if (retry && attempts >= slot.maxAttempts) {
    const offer = say(context.content, 'engine.form.offerHuman', { hotline: policyFor(context.content, form.region).hotlines[0] ?? '12393' });
    return {
      form: { ...form, status: 'collecting', pending: slot.key, attempts: { ...form.attempts, [slot.key]: 0 } },
      texts: [...texts, offer],
      quickReplies: [say(context.content, 'engine.quick.human'), say(context.content, 'engine.quick.continue')],
      effects: [],
      offeredHuman: true,
    };
  }
  const question = fillTemplate(retry ? slot.reprompt : slot.prompt, values);
  const relationshipAsked = slot.key === 'member.relationship';
  const quickReplies = relationshipAsked ? relationshipReplies(context, slot.quickReplies, form) : slot.quickReplies;
  // After a refused relative the accepted ones are not lost: say so, and offer to go on with them.
  const keptNote = relationshipAsked && retry && form.members.length > 0 ? [say(context.content, 'engine.form.goOnWith', { members: memberNames(context, form) })] : [];
  return {
    form: { ...form, status: 'collecting', pending: slot.key },
    texts: [...texts, ...keptNote, question],
    ...(quickReplies.length > 0 ? { quickReplies } : {}),
    effects: [],
    offeredHuman: false,
  };
}

/**
 * The relationship buttons: only relationships the region allows and that are still under its limit (read through
 * policyFor), and, once a member is accepted, a way to go on with those.
 */
function relationshipReplies(context: EngineContext, offered: readonly string[], form: FormState): string[] {
  const policy = policyFor(context.content, form.region);
  const kinship = kinshipOf(context.content.nlu.kinship);
  const open = relationshipChoices(policy, offered, kinship).filter((word) => {
    const match = kinship.resolve(word);
    if (match.kind !== 'eligible') return true;
    const max = policy.relationships[match.relationship].max;
    return max === undefined || form.members.filter((member) => member.relationship === match.relationship).length < max;
  });
  return form.members.length > 0 ? [...open, say(context.content, 'engine.quick.noMoreMembers')] : open;
}

function promptValues(context: EngineContext, form: FormState): Record<string, string> {
  const relationship = form.current.relationship;
  return {
    region: regionName(context.content, form.region),
    'applicant.name': form.applicant.name ?? '',
    'member.relationship': relationship ? relationshipLabel(context.content, relationship) : say(context.content, 'engine.member.defaultLabel'),
    'member.name': form.current.name ?? '',
  };
}

function askAddAnother(context: EngineContext, form: FormState, texts: string[], question = say(context.content, 'engine.form.addAnother')): FormTurn {
  return {
    form: { ...form, status: 'adding', pending: null },
    texts: [...texts, question],
    quickReplies: [say(context.content, 'engine.quick.addMember'), say(context.content, 'engine.quick.noMoreMembers')],
    effects: [],
    offeredHuman: false,
  };
}

/**
 * A no at "还要再添加其他家人吗？" that is no decline ("不用了", "不行") but a judgement of what was just recorded
 * ("不对", "错了", "不是": the editors' judgement words in flows/nlu/negation.yaml).
 */
function saysWrongRatherThanNo(context: EngineContext, reading: TurnReading): boolean {
  if (!reading.intents.includes('deny') || reading.intents.includes('decline_more')) return false;
  return context.content.nlu.negation.judgements.some((word) => reading.normalised.includes(word));
}

function askMoreOrFix(context: EngineContext, form: FormState): FormTurn {
  return {
    form: { ...form, status: 'adding', pending: null, asked: 'moreOrFix' },
    texts: [say(context.content, 'engine.form.moreOrFix')],
    quickReplies: [say(context.content, 'engine.quick.changeSomething'), say(context.content, 'engine.quick.noMoreMembers')],
    effects: [],
    offeredHuman: false,
  };
}

function askConsent(context: EngineContext, flow: Flow, form: FormState, texts: string[] = []): FormTurn {
  const slot = slotOf(flow, 'consent');
  return {
    form: { ...form, status: 'consent', pending: 'consent' },
    texts: [...texts, `${flow.consent.title}\n${flow.consent.text.trim()}`, flow.consent.prompt],
    quickReplies: slot.quickReplies,
    effects: [],
    offeredHuman: false,
  };
}

/** The applicant's agreement to the 承诺书 as filed: online, or read aloud by the agent `readBy` on a call. */
export function consentRecord(context: EngineContext, flow: Flow, now: Date, readBy: string | null): ConsentRecord {
  return { channel: readBy === null ? 'online' : 'phone', givenAt: now.toISOString(), readBy, pledgeVersion: `${flow.id}@${context.content.version}` };
}

/** The summary with every ID and phone number masked. */
export function formSummary(context: EngineContext, flow: Flow, form: FormState, now: Date): string {
  const policy = policyFor(context.content, form.region);
  const members = form.members
    .map((member, index) =>
      fillTemplate(flow.memberSummaryTemplate, {
        index: String(index + 1),
        'member.relationship': relationshipLabel(context.content, member.relationship),
        'member.name': member.name,
        'member.idNumber': maskIdNumber(member.idNumber),
        'member.phone': maskPhone(member.phone),
        proofs: proofsText(context.content, policy, member, now),
      }),
    )
    .join('\n');
  return fillTemplate(flow.summaryTemplate, {
    region: placeOfInsurance(context.content, form.region, policy),
    'applicant.name': form.applicant.name ?? '',
    'applicant.idNumber': form.applicant.idNumber ? maskIdNumber(form.applicant.idNumber) : '',
    'applicant.phone': form.applicant.phone ? maskPhone(form.applicant.phone) : '',
    members,
  });
}

export function askConfirm(context: EngineContext, flow: Flow, form: FormState, now: Date): FormTurn {
  const slot = slotOf(flow, 'confirm');
  return {
    form: { ...form, status: 'confirming', pending: 'confirm' },
    texts: [formSummary(context, flow, form, now), slot.prompt],
    quickReplies: slot.quickReplies,
    effects: [],
    offeredHuman: false,
  };
}

export function submit(context: EngineContext, state: ConversationState, form: FormState): FormTurn {
  const { name, idNumber, phone } = form.applicant;
  if (!name || !idNumber || !phone || !form.region || form.members.length === 0) {
    throw new Error('a form reached confirmation without its required slots');
  }
  // The turn number is committed together with the outbox entry under this key, so it never names two filings.
  const filingKey = form.filingKey ?? form.idempotencyKey ?? `${state.conversationId}-${state.turn}`;
  return {
    form: { ...form, status: 'submitting', pending: null, filingKey },
    texts: [say(context.content, 'engine.submit.sending')],
    effects: [
      {
        type: 'submit-application',
        idempotencyKey: filingKey,
        request: { region: form.region, applicant: { name, idNumber, phone }, members: form.members, ...(form.consentRecord ? { consent: form.consentRecord } : {}) },
      },
    ],
    offeredHuman: false,
  };
}
