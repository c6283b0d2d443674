import { maskPhone, maskSensitiveText } from '../../domain/index.js';
import type { EngineContext } from '../../engine/engineContext.js';
import { formView } from '../../engine/formView.js';
import { migrateState } from '../../engine/state.js';
import type { Clock } from '../../ports/clock.js';
import type { CallbackTicket, Handoff, Handoffs } from '../../ports/handoffs.js';
import type { SessionStore, StoredSession } from '../../ports/sessionStore.js';

/**
 * What the assistant last asked before the person's latest message (their 转人工, typically): the assistant's words
 * after it are about the queue itself, which tells an agent nothing about where the person is.
 */
function lastQuestionAsked(transcript: StoredSession['transcript']): string | null {
  const lastWords = transcript.findLastIndex((entry) => entry.from === 'user');
  const asked = transcript.slice(0, lastWords === -1 ? transcript.length : lastWords).findLast((entry) => entry.from === 'bot');
  return asked?.text ?? null;
}

/**
 * The queue as agents see it (the list, the live stream): region, waiting time, the masked form, the last thing the
 * assistant asked; callback tickets with the phone masked. Nothing here shows a whole ID or phone number.
 */
export function createQueueViews(options: { handoffs: Handoffs; store: SessionStore; context: () => EngineContext; clock: Clock }) {
  const { handoffs, store, context, clock } = options;

  const entryView = async (handoff: Handoff, place: number) => {
    const session = await store.get(handoff.conversationId);
    const state = session === undefined ? null : migrateState(session.state);
    const lastQuestion = session === undefined ? null : lastQuestionAsked(session.transcript);
    return {
      conversationId: handoff.conversationId,
      region: handoff.region,
      state: handoff.state,
      place,
      enqueuedAt: handoff.enqueuedAt,
      waitingSeconds: Math.max(0, Math.round((clock.now().getTime() - Date.parse(handoff.enqueuedAt)) / 1000)),
      agent: handoff.agent?.name ?? null,
      /** The holding agent's staff id, so a console knows its own conversations (null while waiting). */
      agentId: handoff.agent?.id ?? null,
      claimedAt: handoff.claimedAt,
      form: state === null ? null : formView(context().content, state.form),
      lastQuestion: lastQuestion === null ? null : maskSensitiveText(lastQuestion),
    };
  };

  const conversationView = async (handoff: Handoff) => {
    const session = await store.get(handoff.conversationId);
    return { ...(await entryView(handoff, 0)), transcript: (session?.transcript ?? []).map((entry) => ({ ...entry, text: maskSensitiveText(entry.text) })) };
  };

  /** A ticket with its phone masked; its conversation is the one kept with it (the live one may have expired). */
  const callbackView = (ticket: CallbackTicket) => ({
    ticketNumber: ticket.ticketNumber,
    conversationId: ticket.conversationId,
    region: ticket.region,
    phone: maskPhone(ticket.phone),
    preferredTime: maskSensitiveText(ticket.preferredTime),
    createdAt: ticket.createdAt,
    conversation: ticket.conversation,
  });

  /** Everything an agent's queue panel shows, as one value. */
  const snapshot = async () => {
    const [waiting, held, callbacks] = await Promise.all([handoffs.waiting(), handoffs.held(), handoffs.callbacks()]);
    return {
      waiting: await Promise.all(waiting.map((handoff, index) => entryView(handoff, index + 1))),
      held: await Promise.all(held.map((handoff) => entryView(handoff, 0))),
      callbacks: callbacks.map(callbackView),
    };
  };

  return { entryView, conversationView, callbackView, snapshot };
}

export type QueueViews = ReturnType<typeof createQueueViews>;
export type QueueSnapshot = Awaited<ReturnType<QueueViews['snapshot']>>;
