import { maskIdNumber, parseIdNumber } from '../domain/index.js';
import type { Extraction } from '../nlu/extractSlots.js';
import type { Application, Binding } from '../ports/bindingBackend.js';
import type { EngineContext } from './engineContext.js';
import { relationshipLabel } from './memberGuidance.js';
import { policyFor } from './policyFor.js';
import { reviewText } from './regionAnswers.js';
import { say } from './render.js';
import type { ConversationState, Effect, Member, Reply, UnbindState } from './state.js';

/** Status questions and unbinding: dialogs that read from and write to the back end through effects. */
export type AccountTurn = { state: ConversationState; replies: Reply[]; effects: Effect[] };

function idFrom(extraction: Extraction): string | null {
  const entity = extraction.entities.find((candidate) => candidate.kind === 'idNumber');
  return entity?.kind === 'idNumber' ? entity.raw : null;
}

function relationshipFrom(extraction: Extraction): Member['relationship'] | null {
  const entity = extraction.entities.find((candidate) => candidate.kind === 'relationship');
  return entity?.kind === 'relationship' && entity.match.kind === 'eligible' ? entity.match.relationship : null;
}

/** "我的申请审核到哪了": asks for the applicant's ID unless the conversation already knows it. */
export function startStatusQuery(context: EngineContext, state: ConversationState, extraction: Extraction, now: Date): AccountTurn {
  const typed = idFrom(extraction);
  const applicantIdNumber = typed ?? state.knownApplicantIdNumber;
  if (applicantIdNumber === null) {
    return { state: { ...state, awaitingStatusId: true }, replies: [{ text: say(context.content, 'engine.status.askId') }], effects: [] };
  }
  return queryWith(context, state, applicantIdNumber, now, 'status');
}

export function continueStatusQuery(context: EngineContext, state: ConversationState, extraction: Extraction, now: Date): AccountTurn | null {
  const typed = idFrom(extraction);
  return typed === null ? null : queryWith(context, { ...state, awaitingStatusId: false }, typed, now, 'status');
}

function queryWith(context: EngineContext, state: ConversationState, raw: string, now: Date, purpose: 'status' | 'unbind'): AccountTurn {
  const parsed = parseIdNumber(raw, now);
  if (!parsed.ok) {
    return { state, replies: [{ text: say(context.content, `validation.idNumber.${parsed.problem}`) }], effects: [] };
  }
  const applicantIdNumber = parsed.value.value;
  const unbind: UnbindState | null = purpose === 'unbind' && state.unbind ? { ...state.unbind, status: 'looking-up', applicantIdNumber } : state.unbind;
  return {
    state: { ...state, awaitingStatusId: false, knownApplicantIdNumber: applicantIdNumber, unbind },
    replies: [{ text: say(context.content, 'engine.status.lookingUp', { idNumber: maskIdNumber(applicantIdNumber) }) }],
    effects: [{ type: 'query-status', applicantIdNumber }],
  };
}

/** "解绑我妈": find the binding, confirm, then unbind. */
export function startUnbind(context: EngineContext, state: ConversationState, extraction: Extraction, now: Date): AccountTurn {
  const unbind: UnbindState = { status: 'awaiting-id', relationship: relationshipFrom(extraction), applicantIdNumber: null, member: null, candidates: [] };
  const withUnbind = { ...state, unbind };
  const typed = idFrom(extraction) ?? state.knownApplicantIdNumber;
  if (typed === null) return { state: withUnbind, replies: [{ text: say(context.content, 'engine.unbind.askId') }], effects: [] };
  return queryWith(context, withUnbind, typed, now, 'unbind');
}

export function continueUnbind(context: EngineContext, state: ConversationState, extraction: Extraction, now: Date, turn: number): AccountTurn | null {
  const unbind = state.unbind;
  if (unbind === null) return null;
  if (unbind.status === 'awaiting-id') {
    const typed = idFrom(extraction);
    return typed === null ? null : queryWith(context, state, typed, now, 'unbind');
  }
  if (unbind.status === 'choosing') {
    const relationship = relationshipFrom(extraction);
    const names = extraction.entities.flatMap((entity) => (entity.kind === 'name' ? [entity.value] : []));
    const chosen = unbind.candidates.find((candidate) => names.includes(candidate.name) || candidate.relationship === relationship);
    return chosen ? confirmUnbind(context, { ...state, unbind: { ...unbind, member: chosen } }, chosen) : null;
  }
  if (unbind.status === 'confirming' && unbind.member && unbind.applicantIdNumber) {
    if (extraction.yesNo === 'yes') {
      return {
        state: { ...state, unbind: { ...unbind, status: 'unbinding' } },
        replies: [{ text: say(context.content, 'engine.unbind.sending') }],
        effects: [{ type: 'unbind-member', applicantIdNumber: unbind.applicantIdNumber, memberIdNumber: unbind.member.idNumber, idempotencyKey: `${state.conversationId}-${turn}` }],
      };
    }
    if (extraction.yesNo === 'no') return { state: { ...state, unbind: null }, replies: [{ text: say(context.content, 'engine.unbind.kept') }], effects: [] };
  }
  return null;
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
    lines.push(say(context.content, `backend.rejection.${application.rejection.code}`, values));
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
