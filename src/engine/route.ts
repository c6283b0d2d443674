import type { Content, FaqEntry } from '../content/schema.js';
import { detectIntents } from '../nlu/detectIntents.js';
import { extractSlots } from '../nlu/extractSlots.js';
import { asksForFraud, understandQuestion, type QuestionUnderstanding } from '../nlu/understandQuestion.js';
import { cancelVerification, continueStatusQuery, continueUnbind, continueVerification, startStatusQuery, startUnbind } from './accountRequests.js';
import { askPending, continueForm, startForm, type FormTurn, type TurnReading } from './bindingForm.js';
import type { EngineContext } from './engineContext.js';
import { faqReply } from './faqAnswer.js';
import { bindingFlow, isFormActive } from './formSlots.js';
import { policyFor } from './policyFor.js';
import { say } from './render.js';
import type { ConversationState, Effect, Reply, StepResult, Understanding } from './state.js';

/**
 * The routing cascade, in one place: active form → form triggers → FAQ → clarify → refuse/fallback.
 * Status questions and unbinding are dialogs of their own, tried before the FAQ.
 */
export function routeText(context: EngineContext, state: ConversationState, text: string, now: Date): StepResult {
  const { content } = context;
  const extraction = extractSlots(text);
  const intents = detectIntents(text, bindingFlow(content).triggers);
  const mentioned = extraction.entities.find((entity) => entity.kind === 'region');
  // "我妈在沈阳参保" names where the relative is insured: the person's own known region still decides the rules.
  const relativesPlace =
    mentioned !== undefined &&
    state.region !== null &&
    extraction.entities.some((entity) => entity.kind === 'relationship' && entity.end <= mentioned.start && /^[也都还]?在$/.test(text.slice(entity.end, mentioned.start)));
  let question: QuestionUnderstanding | undefined;
  const understand = () => (question ??= ownRegion(understandQuestion(context.faqIndex, text), relativesPlace));
  const reading: TurnReading = {
    text,
    extraction,
    intents,
    isQuestion: () => understand().kind !== 'refuse' && understand().confidence >= QUESTION_CONFIDENCE,
  };
  const region = relativesPlace ? undefined : mentioned;
  const current: ConversationState = region?.kind === 'region' && !isFormActive(state.form) ? { ...state, region: region.code } : state;

  if (intents.includes('human')) return handoff(context, current);
  if (asksForFraud(text)) {
    const refused = answerQuestion(context, current, text, understand());
    const pending = isFormActive(current.form) ? formReplies(askPending(context, current.form, now)) : [];
    return { state: refused.state, effects: replyEffects([...refused.replies, ...pending]), understanding: refused.understanding };
  }

  if (isFormActive(current.form)) {
    const form = current.form;
    // "不用了" answers "还要添加其他家人吗？"; it cancels nothing.
    const declinesMoreMembers = form.status === 'adding' && extraction.yesNo === 'no';
    if (intents.includes('cancel') && !declinesMoreMembers) {
      return done({ ...current, form: null }, [{ text: say(content, 'engine.form.cancelled') }], [], flowUnderstanding(1));
    }
    if (intents.includes('restart')) {
      const turn = startForm(context, { ...current, form: null }, emptyReading(text), now);
      return fromFormTurn(current, turn, flowUnderstanding(1));
    }
    if (text.trim() === say(content, 'engine.quick.continue')) return fromFormTurn(current, askPending(context, form, now), flowUnderstanding(1));
    const turn = continueForm(context, current, form, reading, now);
    if (turn) return fromFormTurn(current, turn, flowUnderstanding(1));
    // Not an answer: a digression. Answer it, then ask the pending question again.
    const pending = askPending(context, form, now);
    const aside = answerQuestion(context, current, text, understand());
    return {
      state: { ...aside.state, form: pending.form },
      effects: [...replyEffects([...aside.replies, ...formReplies(pending)]), ...aside.effects],
      understanding: aside.understanding,
    };
  }

  if (current.verifying) {
    const stops = [say(content, 'engine.quick.stopVerifying'), say(content, 'engine.quick.keepBinding')];
    if (intents.includes('cancel') || stops.includes(text)) {
      const turn = cancelVerification(context, current);
      return done(turn.state, turn.replies, turn.effects, flowUnderstanding(1));
    }
    const turn = continueVerification(context, current, reading);
    if (turn) return done(turn.state, turn.replies, turn.effects, flowUnderstanding(1));
  }
  if (current.unbind) {
    if (intents.includes('cancel')) return done({ ...current, unbind: null, verifying: null }, [{ text: say(content, 'engine.unbind.kept') }], [], flowUnderstanding(1));
    const turn = continueUnbind(context, current, reading, now, current.turn);
    if (turn) return done(turn.state, turn.replies, turn.effects, flowUnderstanding(1));
  }
  if (current.awaitingStatusId) {
    const turn = continueStatusQuery(context, current, reading, now);
    if (turn) return done(turn.state, turn.replies, turn.effects, flowUnderstanding(1));
  }

  if (intents.includes('start_binding') || intents.includes('restart') || text === say(content, 'engine.quick.startBinding')) {
    return fromFormTurn(current, startForm(context, current, reading, now), flowUnderstanding(1));
  }
  if (intents.includes('status')) {
    const turn = startStatusQuery(context, current, reading, now);
    return done(turn.state, turn.replies, turn.effects, flowUnderstanding(1));
  }
  if (intents.includes('unbind')) {
    const turn = startUnbind(context, current, reading, now);
    return done(turn.state, turn.replies, turn.effects, flowUnderstanding(1));
  }

  const answered = answerQuestion(context, current, text, understand());
  if (answered.understanding.route === 'refusal' && answered.understanding.topic === null) {
    if (intents.includes('greeting')) return done(current, [{ text: say(content, 'engine.greeting'), quickReplies: starterReplies(context) }], [], flowUnderstanding(1, 'fallback'));
    if (intents.includes('thanks')) return done(current, [{ text: say(content, 'engine.thanks') }], [], flowUnderstanding(1, 'fallback'));
  }
  return { state: answered.state, effects: [...replyEffects(answered.replies), ...answered.effects], understanding: answered.understanding };
}

function ownRegion(question: QuestionUnderstanding, relativesPlace: boolean): QuestionUnderstanding {
  return relativesPlace && question.kind !== 'refuse' ? { ...question, region: null } : question;
}

/** Below this a message is not taken as a question when a form is waiting for an answer. */
const QUESTION_CONFIDENCE = 0.5;

function answerQuestion(context: EngineContext, state: ConversationState, text: string, question: QuestionUnderstanding): { state: ConversationState; replies: Reply[]; effects: Effect[]; understanding: Understanding } {
  const { content } = context;
  const region = question.kind === 'refuse' ? state.region : (question.region ?? state.region);
  switch (question.kind) {
    case 'answer':
      return {
        state: { ...state, region, lastFaqId: question.entry.id, clarifyOptions: [] },
        replies: [faqReply(content, question.entry, region, text)],
        effects: [],
        understanding: { route: 'faq', topic: question.entry.topic, faqId: question.entry.id, confidence: question.confidence },
      };
    case 'clarify': {
      const next = { ...state, region, clarifyOptions: question.options.map((option) => option.id) };
      const understanding: Understanding = { route: 'fallback', topic: null, faqId: null, confidence: question.confidence };
      if (context.modelAvailable && !isFormActive(state.form)) {
        const candidates = question.options.map((option) => ({ id: option.id, question: option.question }));
        return { state: next, replies: [], effects: [{ type: 'ask-model', question: text, candidates }], understanding };
      }
      return { state: next, replies: [clarifyReply(content, question.options)], effects: [], understanding };
    }
    case 'refuse':
      if (question.reason === 'fraud') {
        const entry = question.fraudEntry;
        const replies: Reply[] = [{ text: say(content, 'engine.refusal.fraud') }];
        if (entry) replies.push(faqReply(content, entry, state.region, text));
        return {
          state,
          replies,
          effects: [],
          understanding: { route: 'refusal', topic: entry?.topic ?? 'card_rules', faqId: entry?.id ?? null, confidence: question.confidence },
        };
      }
      return {
        state,
        replies: [{ text: say(content, 'engine.refusal.outOfScope'), quickReplies: starterReplies(context) }],
        effects: [],
        understanding: { route: 'refusal', topic: null, faqId: null, confidence: question.confidence },
      };
    default:
      return question satisfies never;
  }
}

/** Asks which of the closest entries was meant, offering their questions as quick replies. */
export function clarifyReply(content: Content, options: readonly FaqEntry[]): Reply {
  return { text: say(content, 'engine.clarify'), quickReplies: options.map((option) => option.question) };
}

/** What the assistant offers to start with: bind now, or learn what it is and whom one can bind. */
export function starterReplies(context: EngineContext): string[] {
  return [say(context.content, 'engine.quick.startBinding'), say(context.content, 'engine.quick.whatIs'), say(context.content, 'engine.quick.whoCanBind')];
}

function handoff(context: EngineContext, state: ConversationState): StepResult {
  const policy = policyFor(context.content, state.form?.region ?? state.region);
  const text = say(context.content, 'engine.handoff', { hotline: policy.hotlines.join(' / ') });
  return {
    state,
    effects: [{ type: 'handoff', reason: 'requested' }, ...replyEffects([{ text }])],
    understanding: { route: 'handoff', topic: null, faqId: null, confidence: 1 },
  };
}

function emptyReading(text: string): TurnReading {
  return { text, extraction: { entities: [], yesNo: null }, intents: [], isQuestion: () => false };
}

function flowUnderstanding(confidence: number, route: Understanding['route'] = 'flow'): Understanding {
  return { route, topic: null, faqId: null, confidence };
}

function formReplies(turn: FormTurn): Reply[] {
  if (turn.texts.length === 0) return [];
  const replies: Reply[] = turn.texts.map((text) => ({ text }));
  const last = replies[replies.length - 1]!;
  if (turn.quickReplies && turn.quickReplies.length > 0) last.quickReplies = turn.quickReplies;
  return replies;
}

function fromFormTurn(state: ConversationState, turn: FormTurn, understanding: Understanding): StepResult {
  return {
    state: { ...state, form: turn.form },
    effects: [...replyEffects(formReplies(turn)), ...turn.effects],
    understanding: turn.offeredHuman ? { ...understanding, route: 'handoff' } : understanding,
  };
}

function done(state: ConversationState, replies: Reply[], effects: Effect[], understanding: Understanding): StepResult {
  return { state, effects: [...replyEffects(replies), ...effects], understanding };
}

export function replyEffects(replies: Reply[]): Effect[] {
  return replies.map((reply) => ({ type: 'reply', reply }));
}
