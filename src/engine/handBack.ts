import { askPending, fixSteps } from './bindingForm.js';
import { bindingFlow, isFormActive } from './formSlots.js';
import type { EngineContext } from './engineContext.js';
import { say } from './render.js';
import { formReplies, replyEffects } from './route.js';
import type { ConversationState, StepResult } from './state.js';

/**
 * An agent handed the conversation back: the assistant says it is back and, with an application under way, goes on
 * from the form as the agent left it. Past the details (adding more people, consent, confirming) the summary is
 * shown again first, so the person sees what the agent changed before agreeing to it; otherwise the open question
 * is asked again.
 */
export function handBack(context: EngineContext, state: ConversationState, now: Date): StepResult {
  const back = say(context.content, 'engine.handoff.handedBack');
  const understanding = { route: 'flow' as const, topic: null, faqId: null, confidence: 1 };
  if (!isFormActive(state.form)) return { state, effects: replyEffects([{ text: back }]), understanding };
  const form = state.form;
  const summarised = form.fix === null && (form.status === 'adding' || form.status === 'consent' || form.status === 'confirming');
  const pending = summarised ? { effects: [], offeredHuman: false, ...fixSteps(context, bindingFlow(context.content), now).after(form, [back]) } : askPending(context, form, now);
  const replies = summarised ? formReplies(pending) : [{ text: back }, ...formReplies(pending)];
  return { state: { ...state, form: pending.form }, effects: [...replyEffects(replies), ...pending.effects], understanding };
}
