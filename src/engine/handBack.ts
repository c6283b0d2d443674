import { askPending } from './bindingForm.js';
import { isFormActive } from './formSlots.js';
import type { EngineContext } from './engineContext.js';
import { say } from './render.js';
import { formReplies, replyEffects } from './route.js';
import type { ConversationState, StepResult } from './state.js';

/**
 * An agent handed the conversation back: the assistant says it is back and, with an application under way, goes on
 * from the form as the agent left it (the question still open, asked again).
 */
export function handBack(context: EngineContext, state: ConversationState, now: Date): StepResult {
  const back = { text: say(context.content, 'engine.handoff.handedBack') };
  const understanding = { route: 'flow' as const, topic: null, faqId: null, confidence: 1 };
  if (!isFormActive(state.form)) return { state, effects: replyEffects([back]), understanding };
  const pending = askPending(context, state.form, now);
  return { state: { ...state, form: pending.form }, effects: [...replyEffects([back, ...formReplies(pending)]), ...pending.effects], understanding };
}
