import { advance, applyAssignments, askConfirm, askPending, consentRecord, fixSteps, submit, type FormTurn } from './bindingForm.js';
import { applyFix } from './formFix.js';
import type { EditableField } from './formPeople.js';
import type { EngineContext } from './engineContext.js';
import { bindingFlow, isFormActive, newForm } from './formSlots.js';
import { say } from './render.js';
import { replyEffects } from './route.js';
import type { ConversationState, FormState, Input, Reply, StepResult } from './state.js';

type StaffEditInput = Extract<Input, { type: 'staff-edit' }>;

/**
 * A hotline agent's direct edit: the value goes through the same validators, cross-checks and limits as the same
 * answer typed in words (applyAssignments, advance), in the session's turn order, and the form moves on exactly as
 * it would have. `consent` and `confirm` set to "yes" are the caller's agreement, recorded by phone, and the filing.
 */
export function staffEdit(context: EngineContext, state: ConversationState, input: StaffEditInput, now: Date): StepResult {
  const { content } = context;
  const flow = bindingFlow(content);
  const stored = state.form;
  // A paused form (the caller stepped away, then called) resumes where it was.
  const paused: FormState | null = stored?.status === 'paused' && stored.pausedFrom !== null ? { ...stored, status: stored.pausedFrom, pausedFrom: null } : null;
  const active: FormState | null = paused ?? (isFormActive(stored) ? stored : null);
  const notNow = (): StepResult => ({
    state,
    effects: replyEffects([{ text: say(content, 'engine.staffEdit.notNow') }]),
    understanding: { route: 'flow', topic: null, faqId: null, confidence: 1 },
  });
  const yes = input.value === 'yes';

  if (input.slot === 'consent') {
    if (!yes || active === null || active.members.length === 0 || (active.status !== 'consent' && active.status !== 'adding')) return notNow();
    const agreed: FormState = { ...active, consent: true, consentRecord: consentRecord(context, flow, now, input.staffId), status: 'confirming' };
    return result(state, askConfirm(context, flow, agreed, now));
  }
  if (input.slot === 'confirm') {
    if (!yes || active === null || active.status !== 'confirming') return notNow();
    return result(state, submit(context, state, active));
  }

  if (input.member !== undefined) {
    const field = input.slot.startsWith('member.') ? (input.slot.slice('member.'.length) as EditableField | 'relationship') : null;
    if (active === null || field === null || field === 'relationship' || active.members[input.member] === undefined) return notNow();
    const changed = applyFix(context, flow, { ...active, fix: null }, input.member, field, input.value, now, fixSteps(context, flow, now));
    // Refused: the form stays as it was (no correction left waiting for the person), and the agent is told why.
    if (changed.form.fix !== null) return result(state, { form: active, texts: changed.texts.slice(0, 1), effects: [], offeredHuman: false });
    return result(state, { effects: [], offeredHuman: false, ...changed });
  }

  let form = active ?? newForm(flow, state.region);
  // A member detail after the member list was closed starts the next member, and asks for consent again after it.
  if (input.slot.startsWith('member.') && form.status !== 'collecting') {
    form = { ...form, status: 'collecting', current: {}, pending: null, consent: false, consentRecord: null };
  }
  const applied = applyAssignments(context, flow, form, [{ slot: input.slot, raw: input.value }], now);
  if (form.status === 'collecting') return result(state, advance(context, flow, applied.form, applied.texts, applied.failedSlot, now));
  const again = askPending(context, applied.form, now);
  return result(state, { ...again, texts: [...applied.texts, ...again.texts] });
}

function result(state: ConversationState, turn: FormTurn): StepResult {
  const replies: Reply[] = turn.texts.map((text) => ({ text }));
  const last = replies.at(-1);
  if (last && turn.quickReplies && turn.quickReplies.length > 0) last.quickReplies = turn.quickReplies;
  return {
    state: { ...state, form: turn.form, region: turn.form.region ?? state.region },
    effects: [...replyEffects(replies), ...turn.effects],
    understanding: { route: 'flow', topic: null, faqId: null, confidence: 1 },
  };
}
