import { isFormActive } from '../engine/formSlots.js';
import type { ConversationState, FormState, Input, StepResult, Understanding } from '../engine/state.js';
import { chitChatOf } from '../engine/route.js';
import { INTENT_THRESHOLD } from '../nlu/read.js';
import type { Reading } from '../nlu/reading.js';
import { maskedText } from '../nlu/textFeatures.js';
import type { RecordedEvent, TurnOutcome } from '../ports/events.js';
import { maskQuestion } from './maskQuestion.js';

/** An event before the runner gives it its time, conversation and region. */
export type EventDraft = Omit<RecordedEvent, 'at' | 'conversation' | 'region'>;

/** One step the runner took: the state before, what went in, what came out. */
export type RunStep = { before: ConversationState; input: Input; result: StepResult };

/** What an unconfident answer leaves for the editors' inbox: the masked question and the key it is grouped by. */
export type InboxDraft = { question: string; key: string; outcome: 'clarify' | 'fallback' | 'refused' };

/** How the queue answered a request for an agent: queued, or the hotline (no agent present, or outside hours). */
export type HandoffResult = 'queued' | 'hotline';

/**
 * The events of one run of the runner (a message and every effect result fed back), derived from the steps'
 * outputs only: the turn as read and answered, and each change of the binding form between states.
 */
export function eventsOfRun(steps: readonly RunStep[], understanding: Understanding, handoffs: readonly HandoffResult[]): { events: EventDraft[]; inbox?: InboxDraft } {
  const events: EventDraft[] = [];
  let inbox: InboxDraft | undefined;
  const first = steps[0];
  const last = steps.at(-1);
  if (first?.input.type === 'text' && last !== undefined) {
    const turn = turnEvent(first.result, understanding, last.result.state);
    events.push(turn);
    const reading = first.result.reading;
    if (reading !== undefined && turn.question !== undefined && isUnconfident(turn)) {
      inbox = { question: turn.question, key: maskedText(reading.normalised, reading.entities), outcome: turn.outcome as InboxDraft['outcome'] };
    }
  }
  for (const step of steps) events.push(...formEvents(step.before, step.input, step.result.state));
  // Without a queue the engine's own answer gives the hotline; repeated invalid answers offer a person instead.
  const requested = steps.flatMap((step) => step.result.effects.filter((effect) => effect.type === 'handoff'));
  for (const [index] of requested.entries()) events.push({ type: 'handoff', detail: handoffs[index] ?? 'hotline' });
  if (understanding.route === 'handoff' && requested.length === 0) events.push({ type: 'handoff', detail: 'offered' });
  return inbox === undefined ? { events } : { events, inbox };
}

/** Not answered confidently: asked which topic was meant, not understood, or refused as out of scope. */
function isUnconfident(turn: EventDraft): boolean {
  return turn.outcome === 'clarify' || turn.outcome === 'fallback' || (turn.outcome === 'refused' && turn.refusal === 'out_of_scope');
}

function turnEvent(result: StepResult, understanding: Understanding, after: ConversationState): EventDraft {
  const reading = result.reading;
  const intent = reading?.intentScores[0] !== undefined && reading.intentScores[0].score >= INTENT_THRESHOLD ? reading.intentScores[0].intent : undefined;
  const outcome = outcomeOf(understanding, after, reading);
  const event: EventDraft = { type: 'turn', outcome, confidence: Math.round(understanding.confidence * 1000) / 1000 };
  if (intent !== undefined) event.intent = intent;
  if (understanding.topic !== null) event.topic = understanding.topic;
  if (understanding.faqId !== null) event.faqId = understanding.faqId;
  if (outcome === 'refused') event.refusal = reading !== undefined && reading.refusal.class !== 'in_scope' ? reading.refusal.class : 'out_of_scope';
  // Answers to the form's questions are the person's details, not questions: their words are not kept.
  if (reading !== undefined && outcome !== 'flow') event.question = maskQuestion(reading, knownNames(after.form));
  return event;
}

function outcomeOf(understanding: Understanding, after: ConversationState, reading: Reading | undefined): TurnOutcome {
  switch (understanding.route) {
    case 'faq':
      return 'answered';
    case 'refusal':
      // A greeting, thanks or "你是谁" with nothing open is answered as such (route.ts chitChatReply), not refused.
      return reading !== undefined && chitChatOf(reading) !== null ? 'answered' : 'refused';
    case 'handoff':
      return 'handoff';
    case 'flow':
      return 'flow';
    case 'fallback':
      return after.clarifyOptions.length > 0 && understanding.confidence < 1 ? 'clarify' : 'fallback';
  }
}

function knownNames(form: FormState | null): string[] {
  if (form === null) return [];
  return [form.applicant.name, form.current.name, ...form.members.map((member) => member.name)].filter((name): name is string => name !== undefined);
}

/** Each slot's value by slot and family member ("member.phone#1"), for comparing two states of a form. */
function slotValues(form: FormState | null): Map<string, string> {
  const values = new Map<string, string>();
  if (form === null) return values;
  if (form.region !== undefined) values.set('region', form.region);
  for (const [field, value] of Object.entries(form.applicant)) if (value !== undefined) values.set(`applicant.${field}`, value);
  for (const [index, member] of [...form.members, form.current].entries()) {
    for (const [field, value] of Object.entries(member)) if (value !== undefined) values.set(`member.${field}#${index}`, value);
  }
  return values;
}

function slotFields(key: string): Pick<EventDraft, 'slot' | 'member'> {
  const [slot, member] = key.split('#');
  return member === undefined ? { slot: slot! } : { slot: slot!, member: Number(member) };
}

function formEvents(before: ConversationState, input: Input, after: ConversationState): EventDraft[] {
  const events: EventDraft[] = [];
  const started = isFormActive(after.form) && !isFormActive(before.form);
  const previous = started ? null : before.form;
  const form = after.form;
  if (started) events.push({ type: 'form_started' });
  if (isFormActive(before.form) && form === null) events.push({ type: 'form_cancelled' });
  if (form === null) return events;

  const was = slotValues(previous);
  for (const [key, value] of slotValues(form)) {
    const old = was.get(key);
    if (old === undefined) events.push({ type: 'slot_filled', ...slotFields(key) });
    else if (old !== value) events.push({ type: 'slot_corrected', ...slotFields(key) });
  }
  for (const [slot, attempts] of Object.entries(form.attempts)) {
    if (attempts <= (previous?.attempts[slot] ?? 0)) continue;
    events.push(slot.startsWith('member.') ? { type: 'slot_invalid', slot, member: form.members.length } : { type: 'slot_invalid', slot });
  }
  if (form.consent && !previous?.consent) events.push({ type: 'consent_given' });
  if (form.filingKey !== null && (previous?.filingKey ?? null) === null) events.push({ type: 'confirmed' });
  for (const status of ['submitted', 'queued', 'refused'] as const) {
    if (form.status === status && previous?.status !== status) events.push({ type: status === 'submitted' ? 'filed' : status === 'queued' ? 'queued' : 'filing_refused' });
  }
  // A decision is learned when the back end reports it (at filing, or a status question in the same conversation).
  const applications = input.type === 'application-filed' ? [input.application] : input.type === 'status-result' ? input.applications : [];
  const own = applications.find((application) => form.recordNumber !== null && application.recordNumber === form.recordNumber);
  if (own !== undefined && (own.status === 'approved' || own.status === 'rejected')) events.push({ type: own.status, once: `decided:${own.recordNumber}` });
  return events;
}
