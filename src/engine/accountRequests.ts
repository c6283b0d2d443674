import { maskIdNumber, parseIdNumber } from '../domain/index.js';
import type { Intent } from '../content/nluSchema.js';
import type { Extraction } from '../nlu/reading.js';
import type { Access, Application, Binding, CodeSubject } from '../ports/bindingBackend.js';
import type { EngineContext } from './engineContext.js';
import { relationshipLabel } from './memberGuidance.js';
import { policyFor } from './policyFor.js';
import { reviewText } from './regionAnswers.js';
import { rejectionReason } from './rejectionReason.js';
import { say } from './render.js';
import type { ConversationState, DialogView, Effect, Member, Reply, UnbindState, VerificationState } from './state.js';

/**
 * Status questions and unbinding: dialogs that read from and write to the back end through effects. Nothing about
 * a person's applications is shown or changed on an ID or record number alone: the conversation either filed the
 * application itself, or the person proves control of the phone on file with a one-time code first.
 */
export type AccountTurn = { state: ConversationState; replies: Reply[]; effects: Effect[] };

/** What the account dialogs read from a message: its entities and its normalised text (for codes and record numbers). */
export type AccountReading = { text: string; extraction: Extraction; intents: readonly Intent[] };

/** How many applications this conversation remembers having filed (their keys prove it to the back end). */
const filedKept = 5;

function idFrom(extraction: Extraction): string | null {
  const entity = extraction.entities.find((candidate) => candidate.kind === 'idNumber');
  return entity?.kind === 'idNumber' ? entity.raw : null;
}

/**
 * The one relative a message names, if it names only one. "我姐要来绑我爸，先把我爸解绑" names two: it picks nobody,
 * so every binding is offered and the confirmation names who would be unbound.
 */
function relationshipFrom(extraction: Extraction): Member['relationship'] | null {
  const named = new Set(extraction.entities.flatMap((entity) => (entity.kind === 'relationship' && entity.match.kind === 'eligible' ? [entity.match.relationship] : [])));
  return named.size === 1 ? [...named][0]! : null;
}

/** An authorization record number (GJ + 19 digits), typed in any width or case, with spaces tolerated. */
export function recordNumberIn(text: string): string | null {
  const match = /gj\s*((?:\d\s*){19})(?!\d)/.exec(text);
  return match ? `GJ${match[1]!.replace(/\s+/g, '')}` : null;
}

/** A 6-digit one-time code: the only run of digits in the message once spaces between digits are closed up. */
export function codeIn(text: string): string | null {
  const runs = text.replace(/(?<=\d)\s+(?=\d)/g, '').match(/\d+/g) ?? [];
  return runs.length === 1 && runs[0]!.length === 6 ? runs[0]! : null;
}

/** What the back end accepts as proof for this subject without a new code, if the conversation holds any. */
export function accessFor(state: ConversationState, subject: CodeSubject, now: Date): Access | null {
  for (const proof of [...state.access].reverse()) {
    if (proof.kind === 'filed') {
      const matches = subject.kind === 'idNumber' ? proof.applicantIdNumber === subject.value : proof.recordNumber === subject.value;
      if (matches) return { filingKey: proof.filingKey };
    } else if (proof.subject.kind === subject.kind && proof.subject.value === subject.value && Date.parse(proof.expiresAt) > now.getTime()) {
      return { grant: proof.grant };
    }
  }
  return null;
}

/** Remembers an application this conversation filed, so its status and bindings need no code here. */
export function rememberFiling(state: ConversationState, application: Application, filingKey: string | null): ConversationState {
  if (filingKey === null) return state;
  const proof = { kind: 'filed' as const, applicantIdNumber: application.applicant.idNumber, recordNumber: application.recordNumber, filingKey };
  return { ...state, access: [...state.access.filter((kept) => kept.kind !== 'filed' || kept.filingKey !== filingKey), proof].slice(-filedKept) };
}

/** "我的申请审核到哪了": asks for the applicant's ID (or a record number) unless the conversation already knows it. */
export function startStatusQuery(context: EngineContext, state: ConversationState, reading: AccountReading, now: Date): AccountTurn {
  const recordNumber = recordNumberIn(reading.text);
  if (recordNumber !== null) return proceed(context, { ...state, awaitingStatusId: false }, 'status', { kind: 'recordNumber', value: recordNumber }, now);
  const typed = idFrom(reading.extraction);
  const applicantIdNumber = typed ?? state.knownApplicantIdNumber;
  if (applicantIdNumber === null) {
    return { state: { ...state, awaitingStatusId: true }, replies: [{ text: say(context.content, 'engine.status.askId') }], effects: [] };
  }
  return withId(context, state, applicantIdNumber, now, 'status');
}

export function continueStatusQuery(context: EngineContext, state: ConversationState, reading: AccountReading, now: Date): AccountTurn | null {
  const recordNumber = recordNumberIn(reading.text);
  if (recordNumber !== null) return proceed(context, { ...state, awaitingStatusId: false }, 'status', { kind: 'recordNumber', value: recordNumber }, now);
  const typed = idFrom(reading.extraction);
  // "我不知道他身份证号啊": the mother asking about what her son filed; where to find either is said, and still asked.
  if (typed === null && reading.intents.includes('non_answer')) return { state, replies: [{ text: say(context.content, 'engine.status.idUnknown') }], effects: [] };
  return typed === null ? null : withId(context, { ...state, awaitingStatusId: false }, typed, now, 'status');
}

function withId(context: EngineContext, state: ConversationState, raw: string, now: Date, purpose: VerificationState['purpose']): AccountTurn {
  const parsed = parseIdNumber(raw, now);
  if (!parsed.ok) {
    return { state, replies: [{ text: say(context.content, `validation.idNumber.${parsed.problem}`) }], effects: [] };
  }
  const applicantIdNumber = parsed.value.value;
  const unbind: UnbindState | null = purpose === 'unbind' && state.unbind ? { ...state.unbind, applicantIdNumber } : state.unbind;
  return proceed(context, { ...state, awaitingStatusId: false, knownApplicantIdNumber: applicantIdNumber, unbind }, purpose, { kind: 'idNumber', value: applicantIdNumber }, now);
}

/** With access, looks the records up; without, asks the back end to text a code to the phone on file. */
function proceed(context: EngineContext, current: ConversationState, purpose: VerificationState['purpose'], subject: CodeSubject, now: Date): AccountTurn {
  // A status question replaces an unbinding left half-way; the answer must not be taken as a choice of whom to unbind.
  const state = purpose === 'status' ? { ...current, unbind: null } : current;
  const access = accessFor(state, subject, now);
  if (access === null) {
    const unbind = purpose === 'unbind' && state.unbind ? { ...state.unbind, status: 'verifying' as const } : state.unbind;
    return { state: { ...state, unbind, verifying: { purpose, subject, status: 'sending' } }, replies: [], effects: [{ type: 'send-code', subject }] };
  }
  return lookUp(context, state, purpose, subject, access);
}

function lookUp(context: EngineContext, state: ConversationState, purpose: VerificationState['purpose'], subject: CodeSubject, access: Access): AccountTurn {
  const unbind = purpose === 'unbind' && state.unbind ? { ...state.unbind, status: 'looking-up' as const } : state.unbind;
  const next = { ...state, unbind, verifying: null };
  if (subject.kind === 'recordNumber') {
    return {
      state: next,
      replies: [{ text: say(context.content, 'engine.status.lookingUpRecord', { recordNumber: subject.value }) }],
      effects: [{ type: 'query-record', recordNumber: subject.value, access }],
    };
  }
  return {
    state: next,
    replies: [{ text: say(context.content, 'engine.status.lookingUp', { idNumber: maskIdNumber(subject.value) }) }],
    effects: [{ type: 'query-status', applicantIdNumber: subject.value, access }],
  };
}

/** While a code is awaited: the code itself, a request to send another, or (null) something else to answer. */
export function continueVerification(context: EngineContext, state: ConversationState, reading: AccountReading, now: Date): AccountTurn | null {
  const verifying = state.verifying;
  if (verifying === null || verifying.status !== 'awaiting-code') return null;
  // "弄错了，那是俺媳妇的号。俺的是4101…": another ID typed as the person's own instead of the code is the one to verify.
  const instead = ownIdInstead(reading.extraction, verifying.subject);
  if (instead !== null && !reading.intents.includes('start_binding')) return withId(context, { ...state, verifying: null }, instead, now, verifying.purpose);
  // "没收到", "再发一次": the code is sent again (the back end holds to its pace: 60 s apart, a few an hour).
  if (reading.text.trim() === say(context.content, 'engine.quick.resendCode') || (reading.intents.includes('resend') && codeIn(reading.text) === null)) {
    return { state: { ...state, verifying: { ...verifying, status: 'sending' } }, replies: [], effects: [{ type: 'send-code', subject: verifying.subject }] };
  }
  const code = codeIn(reading.text);
  if (code === null) {
    // Digits that are not a code (too few, too many): say what a code looks like rather than answer something else.
    const looksLikeATry = /\d/.test(reading.text) && idFrom(reading.extraction) === null && recordNumberIn(reading.text) === null;
    return looksLikeATry ? askForCode(context, state, verifying, say(context.content, 'engine.verify.notACode')) : null;
  }
  return { state: { ...state, verifying: { ...verifying, status: 'checking' } }, replies: [], effects: [{ type: 'verify-code', subject: verifying.subject, code }] };
}

/** The one ID number a message gives that is not a relative's and not the one being verified, if any. */
function ownIdInstead(extraction: Extraction, subject: CodeSubject): string | null {
  const typed = extraction.entities.flatMap((entity) => (entity.kind === 'idNumber' && entity.role !== 'member' ? [entity.raw] : []));
  return typed.length === 1 && typed[0]!.toUpperCase() !== subject.value.toUpperCase() ? typed[0]! : null;
}

/** "算了" while verifying: nothing is looked up or changed. */
export function cancelVerification(context: EngineContext, state: ConversationState): AccountTurn {
  const text = state.verifying?.purpose === 'unbind' ? say(context.content, 'engine.unbind.kept') : say(context.content, 'engine.verify.cancelled');
  return { state: { ...state, verifying: null, unbind: null }, replies: [{ text }], effects: [] };
}

function askForCode(context: EngineContext, state: ConversationState, verifying: VerificationState, text: string): AccountTurn {
  return {
    state: { ...state, verifying: { ...verifying, status: 'awaiting-code' } },
    replies: [{ text, quickReplies: [say(context.content, 'engine.quick.resendCode'), say(context.content, 'engine.quick.stopVerifying')] }],
    effects: [],
  };
}

/** The back end's answer to a code request. */
export function receiveCodeSent(context: EngineContext, state: ConversationState): AccountTurn {
  const verifying = state.verifying;
  if (verifying === null) return { state, replies: [], effects: [] };
  const key = verifying.subject.kind === 'idNumber' ? 'engine.verify.sentForId' : 'engine.verify.sentForRecord';
  return askForCode(context, state, verifying, say(context.content, key));
}

/** A right code: the grant is kept (short-lived) and the question the person asked is answered. */
export function receiveGrant(context: EngineContext, state: ConversationState, grant: { grant: string; expiresAt: string }): AccountTurn {
  const verifying = state.verifying;
  if (verifying === null) return { state, replies: [], effects: [] };
  const proof = { kind: 'grant' as const, subject: verifying.subject, grant: grant.grant, expiresAt: grant.expiresAt };
  const withGrant = { ...state, access: [...state.access.filter((kept) => kept.kind !== 'grant'), proof] };
  const turn = lookUp(context, withGrant, verifying.purpose, verifying.subject, { grant: grant.grant });
  return { ...turn, replies: [{ text: say(context.content, 'engine.verify.passed') }, ...turn.replies] };
}

/** A code not sent or not accepted: the person may try again where that can help; otherwise the dialog ends. */
export function receiveCodeRefused(context: EngineContext, state: ConversationState, code: string): AccountTurn {
  const verifying = state.verifying;
  if (verifying === null) return { state, replies: [], effects: [] };
  const hotline = policyFor(context.content, state.region).hotlines[0] ?? '12393';
  const again = (key: string) => askForCode(context, state, verifying, say(context.content, key, { hotline }));
  const end = (key: string): AccountTurn => ({ state: { ...state, verifying: null, unbind: null }, replies: [{ text: say(context.content, key, { hotline }) }], effects: [] });
  switch (code) {
    case 'code_invalid':
      return again('engine.verify.wrongCode');
    case 'code_expired':
      return again('engine.verify.expired');
    case 'resend_too_soon':
      return again('engine.verify.tooSoon');
    case 'code_locked':
      return end('engine.verify.locked');
    case 'too_many_codes':
      return end('engine.verify.tooMany');
    default:
      // Unreachable back end, or a refusal this dialog cannot help with: nothing was shown or changed.
      return state.verifying?.status === 'checking' ? again('engine.verify.unavailable') : end('engine.verify.unavailable');
  }
}

/** The back end refused the access the conversation held (a grant ran out): ask again from the start. */
export function receiveAccessDenied(context: EngineContext, state: ConversationState): AccountTurn {
  return {
    state: { ...state, access: state.access.filter((proof) => proof.kind !== 'grant'), verifying: null, unbind: null },
    replies: [{ text: say(context.content, 'engine.verify.accessExpired') }],
    effects: [],
  };
}

/** "解绑我妈": find the binding, confirm, then unbind. */
export function startUnbind(context: EngineContext, state: ConversationState, reading: AccountReading, now: Date): AccountTurn {
  const unbind: UnbindState = { status: 'awaiting-id', relationship: relationshipFrom(reading.extraction), applicantIdNumber: null, member: null, candidates: [] };
  const withUnbind = { ...state, unbind };
  const typed = idFrom(reading.extraction) ?? state.knownApplicantIdNumber;
  if (typed === null) return { state: withUnbind, replies: [{ text: say(context.content, 'engine.unbind.askId') }], effects: [] };
  return withId(context, withUnbind, typed, now, 'unbind');
}

export function continueUnbind(context: EngineContext, state: ConversationState, reading: AccountReading, now: Date, turn: number): AccountTurn | null {
  const { extraction } = reading;
  const unbind = state.unbind;
  if (unbind === null) return null;
  if (unbind.status === 'awaiting-id') {
    const typed = idFrom(extraction);
    return typed === null ? null : withId(context, state, typed, now, 'unbind');
  }
  if (unbind.status === 'choosing') {
    const relationship = relationshipFrom(extraction);
    const names = extraction.entities.flatMap((entity) => (entity.kind === 'name' ? [entity.value] : []));
    const chosen = unbind.candidates.find((candidate) => names.includes(candidate.name) || candidate.relationship === relationship);
    return chosen ? confirmUnbind(context, { ...state, unbind: { ...unbind, member: chosen } }, chosen) : null;
  }
  if (unbind.status === 'confirming' && unbind.member && unbind.applicantIdNumber) {
    const access = accessFor(state, { kind: 'idNumber', value: unbind.applicantIdNumber }, now);
    const yes = confirmsUnbinding(reading);
    if (yes && access === null) return receiveAccessDenied(context, state);
    if (yes && access !== null) {
      return {
        state: { ...state, unbind: { ...unbind, status: 'unbinding' } },
        replies: [{ text: say(context.content, 'engine.unbind.sending') }],
        effects: [
          {
            type: 'unbind-member',
            applicantIdNumber: unbind.applicantIdNumber,
            memberIdNumber: unbind.member.idNumber,
            idempotencyKey: `${state.conversationId}-${turn}`,
            access,
          },
        ],
      };
    }
    if (extraction.yesNo === 'no') return { state: { ...state, unbind: null }, replies: [{ text: say(context.content, 'engine.unbind.kept') }], effects: [] };
  }
  return null;
}

/**
 * A yes to "确认要解除…吗？": a yes, or the unbinding asked for again ("对 解除", "解吧") with no no, cancel or
 * value in it — naming the very act asked about confirms it, as 确认解绑 does.
 */
function confirmsUnbinding({ extraction, intents }: AccountReading): boolean {
  if (extraction.yesNo !== null) return extraction.yesNo === 'yes';
  return intents.includes('unbind') && !intents.some((intent) => intent === 'deny' || intent === 'cancel') && !extraction.entities.some((entity) => entity.kind === 'idNumber' || entity.kind === 'name');
}

function confirmUnbind(context: EngineContext, state: ConversationState, member: Member): AccountTurn {
  const unbind = state.unbind!;
  return {
    state: { ...state, unbind: { ...unbind, status: 'confirming', member } },
    replies: [
      {
        text: say(context.content, 'engine.unbind.confirm', { relationship: relationshipLabel(context.content, member.relationship), name: member.name, idNumber: maskIdNumber(member.idNumber) }),
        quickReplies: [say(context.content, 'engine.quick.confirmUnbind'), say(context.content, 'engine.quick.keepBinding')],
      },
    ],
    effects: [],
  };
}

/** The back end's answer to a status query, for a status question or for choosing whom to unbind. */
export function receiveStatus(context: EngineContext, state: ConversationState, applications: Application[], bindings: Binding[]): AccountTurn {
  if (state.unbind) return chooseForUnbind(context, state, bindings);
  if (applications.length === 0) return { state, replies: [{ text: say(context.content, 'engine.status.none') }], effects: [] };
  const latest = [...applications].sort((left, right) => right.createdAt.localeCompare(left.createdAt)).slice(0, 3);
  const replies = latest.map((application) => ({ text: describeApplication(context, application) }));
  return { state, replies, effects: [] };
}

export function describeApplication(context: EngineContext, application: Application): string {
  const members = application.members.map((member) => `${relationshipLabel(context.content, member.relationship)}${member.name}`).join('、');
  const policy = policyFor(context.content, application.region);
  const values = {
    recordNumber: application.recordNumber,
    members,
    status: say(context.content, `backend.status.${application.status}`),
    review: reviewText(context.content, policy),
    hotline: policy.hotlines[0] ?? '12393',
  };
  const lines = [say(context.content, 'engine.status.application', values)];
  if (application.status === 'rejected' && application.rejection) {
    lines.push(rejectionReason(context, application));
    lines.push(say(context.content, 'engine.status.rejectedNext', values));
  }
  if (application.status === 'submitted' || application.status === 'under_review') lines.push(say(context.content, 'engine.status.pendingNext', values));
  return lines.join('\n');
}

function chooseForUnbind(context: EngineContext, state: ConversationState, bindings: Binding[]): AccountTurn {
  const unbind = state.unbind!;
  const candidates = bindings.map((binding) => binding.member).filter((member) => unbind.relationship === null || member.relationship === unbind.relationship);
  if (candidates.length === 0) {
    return { state: { ...state, unbind: null }, replies: [{ text: say(context.content, 'engine.unbind.noneFound') }], effects: [] };
  }
  if (candidates.length === 1) return confirmUnbind(context, { ...state, unbind: { ...unbind, candidates } }, candidates[0]!);
  return {
    state: { ...state, unbind: { ...unbind, status: 'choosing', candidates } },
    replies: [{ text: say(context.content, 'engine.unbind.choose'), quickReplies: candidates.map((member) => `${relationshipLabel(context.content, member.relationship)}${member.name}`) }],
    effects: [],
  };
}

export function receiveUnbindResult(context: EngineContext, state: ConversationState, outcome: { ok: true; binding: Binding } | { ok: false; code: string; message: string }): AccountTurn {
  if (!outcome.ok) {
    const reason = context.content.messages[`backend.error.${outcome.code}`] ?? outcome.message;
    return { state: { ...state, unbind: null }, replies: [{ text: say(context.content, 'engine.unbind.failed', { reason }) }], effects: [] };
  }
  const member = outcome.binding.member;
  return {
    state: { ...state, unbind: null },
    replies: [{ text: say(context.content, 'engine.unbind.done', { relationship: relationshipLabel(context.content, member.relationship), name: member.name }) }],
    effects: [],
  };
}

/** The account dialog under way, for the API's `dialog` field. */
export function dialogView(state: ConversationState): DialogView {
  if (state.unbind !== null) return { name: 'unbind', status: state.unbind.status };
  if (state.verifying !== null) return { name: 'status', status: 'verifying' };
  if (state.awaitingStatusId) return { name: 'status', status: 'awaiting-id' };
  return null;
}
