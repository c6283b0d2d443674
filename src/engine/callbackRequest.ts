import { maskPhone } from '../domain/index.js';
import type { Reading } from '../nlu/reading.js';
import { askPending } from './bindingForm.js';
import type { EngineContext } from './engineContext.js';
import { isFormActive } from './formSlots.js';
import { policyFor } from './policyFor.js';
import { say } from './render.js';
import { formReplies, replyEffects } from './route.js';
import type { CallbackDialog, ConversationState, Input, Reply, StepResult } from './state.js';
import { validate } from './validators.js';
import { regionInForce } from './regionInForce.js';

/** The longest preferred time kept: it is read by an agent, not parsed. */
const maxPreferredTime = 40;

const understanding = { route: 'handoff' as const, topic: null, faqId: null, confidence: 1 };

/**
 * Nobody can take the conversation (outside AGENT_HOURS, or no agent signed in): the hotline and the hours at once,
 * then the offer of a callback — the phone on file or one typed, a preferred time, and a ticket number.
 */
export function offerCallback(context: EngineContext, state: ConversationState, input: Extract<Input, { type: 'agents-unavailable' }>): StepResult {
  const { content } = context;
  const hotline = policyFor(content, regionInForce(state)).hotlines.join(' / ');
  const unavailable = say(content, input.reason === 'outside-hours' ? 'handoff.outsideHours' : 'handoff.noAgent', { hours: input.hours, hotline });
  const offer: Reply = { text: say(content, 'engine.callback.offer'), quickReplies: [say(content, 'engine.quick.leaveCallback'), say(content, 'engine.quick.noCallback')] };
  return { state: { ...state, callback: { step: 'offer', phone: null } }, effects: replyEffects([{ text: unavailable }, offer]), understanding };
}

/** The ticket was filed: its number, and the form's open question again when one is under way. */
export function callbackFiled(context: EngineContext, state: ConversationState, input: Extract<Input, { type: 'callback-filed' }>, now: Date): StepResult {
  const text = say(context.content, 'engine.callback.filed', { ticket: input.ticketNumber, phone: maskPhone(input.phone), time: input.preferredTime });
  return withPending(context, { ...state, callback: null }, [{ text }], now);
}

/**
 * The person's answer in the callback dialog; null when the message is not one (a question, say): the dialog is
 * dropped and the message read as usual.
 */
export function continueCallback(context: EngineContext, state: ConversationState, dialog: CallbackDialog, reading: Reading, cancels: boolean, now: Date): StepResult | null {
  const { content } = context;
  const text = reading.normalised.trim();
  const declined = cancels || reading.yesNo === 'no' || text === say(content, 'engine.quick.noCallback');
  if (declined) return withPending(context, { ...state, callback: null }, [{ text: say(content, 'engine.callback.declined') }], now);
  const typedPhone = reading.entities.find((entity) => entity.kind === 'phone')?.raw ?? (/\d{5,}/.test(text) ? text : null);

  switch (dialog.step) {
    case 'offer': {
      if (typedPhone !== null) return takePhone(context, state, typedPhone, now);
      if (reading.yesNo === 'yes' || text === say(content, 'engine.quick.leaveCallback')) return askPhone(context, state);
      return null;
    }
    case 'phone': {
      const onFile = phoneOnFile(state);
      if (typedPhone !== null) return takePhone(context, state, typedPhone, now);
      if (onFile !== null && (reading.yesNo === 'yes' || text === say(content, 'engine.quick.usePhoneOnFile'))) return askTime(context, state, onFile);
      return null;
    }
    case 'time': {
      if (text.length === 0) return null;
      const preferredTime = [...text].slice(0, maxPreferredTime).join('');
      return {
        state: { ...state, callback: null },
        effects: [{ type: 'request-callback', phone: dialog.phone ?? '', preferredTime }],
        understanding,
      };
    }
  }
}

function phoneOnFile(state: ConversationState): string | null {
  return state.form?.applicant.phone ?? null;
}

function askPhone(context: EngineContext, state: ConversationState): StepResult {
  const { content } = context;
  const onFile = phoneOnFile(state);
  const reply: Reply =
    onFile === null
      ? { text: say(content, 'engine.callback.askPhone') }
      : { text: say(content, 'engine.callback.askPhoneOnFile', { phone: maskPhone(onFile) }), quickReplies: [say(content, 'engine.quick.usePhoneOnFile')] };
  return { state: { ...state, callback: { step: 'phone', phone: null } }, effects: replyEffects([reply]), understanding };
}

function takePhone(context: EngineContext, state: ConversationState, raw: string, now: Date): StepResult {
  const checked = validate('phone', raw, { content: context.content, now, region: state.region });
  if (!checked.ok) {
    const reason = say(context.content, checked.messageId, checked.values ?? {});
    const again = askPhone(context, state);
    return { ...again, effects: [...replyEffects([{ text: reason }]), ...again.effects] };
  }
  return askTime(context, state, checked.value);
}

function askTime(context: EngineContext, state: ConversationState, phone: string): StepResult {
  const { content } = context;
  const reply: Reply = {
    text: say(content, 'engine.callback.askTime', { phone: maskPhone(phone) }),
    quickReplies: [say(content, 'engine.quick.callbackSoon'), say(content, 'engine.quick.callbackMorning'), say(content, 'engine.quick.callbackAfternoon')],
  };
  return { state: { ...state, callback: { step: 'time', phone } }, effects: replyEffects([reply]), understanding };
}

function withPending(context: EngineContext, state: ConversationState, replies: Reply[], now: Date): StepResult {
  if (!isFormActive(state.form)) return { state, effects: replyEffects(replies), understanding };
  const pending = askPending(context, state.form, now);
  return { state: { ...state, form: pending.form }, effects: [...replyEffects([...replies, ...formReplies(pending)]), ...pending.effects], understanding };
}
