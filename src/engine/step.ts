import {
  describeApplication,
  receiveAccessDenied,
  receiveCodeRefused,
  receiveCodeSent,
  receiveGrant,
  receiveStatus,
  receiveUnbindResult,
  rememberFiling,
} from './accountRequests.js';
import type { EngineContext } from './engineContext.js';
import { maxMessageLength, messageLength } from './messageLength.js';
import { policyFor } from './policyFor.js';
import { say } from './render.js';
import { faqReply } from './faqAnswer.js';
import { clarifyReply, replyEffects, routeText, starterReplies } from './route.js';
import { bindingFlow } from './formSlots.js';
import { pendingExpects } from './expects.js';
import { staffEdit } from './staffEdit.js';
import { handBack } from './handBack.js';
import { callbackFiled, offerCallback } from './callbackRequest.js';
import type { ConversationState, Effect, Expects, Input, Reply, StepResult, Understanding } from './state.js';
import { STATE_SCHEMA_VERSION } from './state.js';
import { regionInForce } from './regionInForce.js';

/** How sure an answer is that the language model picked among entries embedded understanding was unsure between. */
const MODEL_CHOICE_CONFIDENCE = 0.6;

/** A fresh conversation on the given content. */
export function initialState(context: EngineContext, conversationId: string, region: string | null): ConversationState {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    conversationId,
    contentVersion: context.content.version,
    region,
    turn: 0,
    form: null,
    unbind: null,
    awaitingStatusId: false,
    clarifyOptions: [],
    knownApplicantIdNumber: null,
    lastFaqId: null,
    access: [],
    verifying: null,
    callback: null,
  };
}

/**
 * The engine: pure. Given content, a state and an input, returns the next state and the effects for the runner
 * (replies to send, an application to file, a status to query). Time comes in as `now`.
 */
export function step(context: EngineContext, state: ConversationState, input: Input, now: Date): StepResult {
  const { content } = context;
  const notes: Reply[] = [];
  let current: ConversationState = { ...state, turn: state.turn + 1 };
  if (current.contentVersion !== content.version) {
    // Content changed under a live conversation: keep what still fits, restart the form politely when it no longer does.
    const flowSlots = bindingFlow(content).slots.map((slot) => slot.key);
    const formFits = current.form === null || current.form.pending === null || flowSlots.includes(current.form.pending);
    current = { ...current, contentVersion: content.version, form: formFits ? current.form : null };
    if (!formFits) notes.push({ text: say(content, 'engine.contentUpdated') });
  }
  const result = stepInput(context, current, input, now);
  const effects = notes.length === 0 ? result.effects : [...replyEffects(notes), ...result.effects];
  return { ...result, effects: withExpects(effects, pendingExpects(content, result.state)) };
}

/** The last reply of a step carries what the pending question expects (null: nothing pending). */
function withExpects(effects: Effect[], expects: Expects | null): Effect[] {
  const last = effects.findLastIndex((effect) => effect.type === 'reply');
  if (last < 0) return effects;
  return effects.map((effect, index) => (index === last && effect.type === 'reply' ? { ...effect, reply: { ...effect.reply, expects } } : effect));
}

function stepInput(context: EngineContext, state: ConversationState, input: Input, now: Date): StepResult {
  const { content } = context;
  const system = (next: ConversationState, replies: Reply[], route: Understanding['route'] = 'flow'): StepResult => ({
    state: next,
    effects: replyEffects(replies),
    understanding: { route, topic: null, faqId: null, confidence: 1 },
  });
  switch (input.type) {
    case 'open':
      return system(state, [{ text: say(content, 'engine.welcome'), quickReplies: starterReplies(context) }], 'fallback');
    case 'text': {
      const text = input.text.trim();
      if (text.length === 0) return system(state, [{ text: say(content, 'engine.emptyMessage') }], 'fallback');
      if (messageLength(text) > maxMessageLength) return system(state, [{ text: say(content, 'engine.tooLong', { max: String(maxMessageLength) }) }], 'fallback');
      return routeText(context, state, text, now);
    }
    case 'handed-back':
      return handBack(context, state, now);
    case 'agents-unavailable':
      return offerCallback(context, state, input);
    case 'callback-filed':
      return callbackFiled(context, state, input, now);
    case 'staff-edit':
      return staffEdit(context, state, input, now);
    case 'application-filed': {
      const application = input.application;
      // Late results arrive at least once: one already announced is not announced again.
      if (state.form?.applicationId === application.id) return system(state, []);
      const form = state.form ? { ...state.form, status: 'submitted' as const, applicationId: application.id, recordNumber: application.recordNumber } : null;
      const text = [say(content, 'engine.submit.filed', { recordNumber: application.recordNumber }), describeApplication(context, application)].join('\n');
      const filed = rememberFiling(state, application, state.form?.filingKey ?? state.form?.idempotencyKey ?? null);
      return system({ ...filed, form, knownApplicantIdNumber: application.applicant.idNumber }, [{ text }]);
    }
    case 'application-queued': {
      const form = state.form ? { ...state.form, status: 'queued' as const } : null;
      const hotline = policyFor(content, regionInForce(state)).hotlines[0] ?? '12393';
      return system({ ...state, form }, [{ text: say(content, 'engine.submit.queued', { hotline }) }]);
    }
    case 'application-refused': {
      const form = state.form ? { ...state.form, status: 'refused' as const } : null;
      const reason = content.messages[`backend.error.${input.code}`] ?? input.message;
      return system({ ...state, form }, [{ text: say(content, 'engine.submit.refused', { reason }) }]);
    }
    case 'status-result': {
      const turn = receiveStatus(context, state, input.applications, input.bindings);
      return { state: turn.state, effects: [...replyEffects(turn.replies), ...turn.effects], understanding: { route: 'flow', topic: null, faqId: null, confidence: 1 } };
    }
    case 'model-choice': {
      // The model may only pick among the entries offered; anything else falls back to asking the person.
      const chosen = input.faqId !== null && state.clarifyOptions.includes(input.faqId) ? content.faq.find((entry) => entry.id === input.faqId) : undefined;
      if (chosen) {
        return {
          state: { ...state, clarifyOptions: [], lastFaqId: chosen.id },
          effects: replyEffects([faqReply(content, chosen, regionInForce(state))]),
          understanding: { route: 'faq', topic: chosen.topic, faqId: chosen.id, confidence: MODEL_CHOICE_CONFIDENCE },
        };
      }
      const options = state.clarifyOptions.flatMap((id) => content.faq.filter((entry) => entry.id === id));
      return { state, effects: replyEffects([clarifyReply(content, options)]), understanding: { route: 'fallback', topic: null, faqId: null, confidence: 0 } };
    }
    case 'status-unavailable':
      return system({ ...state, unbind: null }, [{ text: say(content, 'engine.status.unavailable') }]);
    case 'code-sent':
    case 'code-verified':
    case 'code-refused':
    case 'access-denied': {
      const turn =
        input.type === 'code-sent'
          ? receiveCodeSent(context, state)
          : input.type === 'code-verified'
            ? receiveGrant(context, state, input)
            : input.type === 'code-refused'
              ? receiveCodeRefused(context, state, input.code)
              : receiveAccessDenied(context, state);
      return { state: turn.state, effects: [...replyEffects(turn.replies), ...turn.effects], understanding: { route: 'flow', topic: null, faqId: null, confidence: 1 } };
    }
    case 'unbind-done':
    case 'unbind-refused': {
      const outcome = input.type === 'unbind-done' ? ({ ok: true, binding: input.binding } as const) : ({ ok: false, code: input.code, message: input.message } as const);
      const turn = receiveUnbindResult(context, state, outcome);
      return system(turn.state, turn.replies);
    }
  }
}
