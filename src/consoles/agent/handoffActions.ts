import { signal } from '@preact/signals';
import type { FormView } from '../../engine/state.js';
import type { CallbackTicket } from '../../ports/handoffs.js';
import type { TranscriptEntry } from '../../ports/sessionEvents.js';
import { api } from '../shared/api.js';
import { t } from '../shared/words.js';

/** A conversation in the queue as /api/v1/agent/handoffs lists it: numbers masked, the form as the person left it. */
export type QueueEntry = {
  conversationId: string;
  region: string | null;
  state: 'waiting' | 'claimed' | 'closed';
  place: number;
  waitingSeconds: number;
  agent: string | null;
  /** The holding agent's staff id (null while waiting). */
  agentId?: string | null;
  form: FormView;
  lastQuestion: string | null;
};
/** A callback ticket (phone masked), with the masked form of its conversation when the ticket carries it. */
export type CallbackView = Pick<CallbackTicket, 'ticketNumber' | 'conversationId' | 'region' | 'phone' | 'preferredTime' | 'createdAt'> & {
  conversation?: { form: FormView } | null;
};
export type HeldConversation = QueueEntry & { transcript: TranscriptEntry[] };

export const queue = signal<{
  waiting: QueueEntry[];
  callbacks: CallbackView[];
}>({ waiting: [], callbacks: [] });
/** Reading the queue failed (the network, a sign-out). */
export const queueProblem = signal('');
/** Why the last claim was refused (a colleague was quicker, the person left); kept until the next claim. */
export const claimRefusal = signal('');
/** The widget chat this agent holds, as last read. */
export const held = signal<HeldConversation | null>(null);
export const heldProblem = signal('');
/** What the assistant answered to the agent's last correction (the engine's own words, as the person sees them). */
export const correctionReplies = signal<string[]>([]);
/** Said on the home screen after letting a conversation go (released, handed back, or taken from us). */
export const notice = signal('');
export const handoffBusy = signal(false);

const base = '/api/v1/agent/handoffs';
const path = (conversationId: string, suffix = ''): string => `${base}/${encodeURIComponent(conversationId)}${suffix}`;
const problemText = (message: string): string => message || t('console.staff.networkProblem');

/** Reads the queue; listing it also tells the server this agent is present, so people are queued for them. */
export async function refreshQueue(): Promise<void> {
  const answer = await api<{
    waiting: QueueEntry[];
    callbacks: CallbackView[];
  }>('GET', base);
  if (!answer.ok) {
    queueProblem.value = problemText(answer.message);
    return;
  }
  queueProblem.value = '';
  queue.value = {
    waiting: answer.body.waiting,
    callbacks: answer.body.callbacks,
  };
}

export async function claim(conversationId: string): Promise<boolean> {
  handoffBusy.value = true;
  const answer = await api<{ conversation: HeldConversation }>('POST', path(conversationId, '/claim'));
  handoffBusy.value = false;
  if (!answer.ok) {
    // Another agent was quicker (409) or the person is gone (404): say so and show the queue as it is now.
    claimRefusal.value = answer.status === 409 ? t('console.takeover.claimedByColleague') : problemText(answer.message);
    notice.value = '';
    await refreshQueue();
    return false;
  }
  claimRefusal.value = '';
  notice.value = '';
  heldProblem.value = '';
  correctionReplies.value = [];
  held.value = answer.body.conversation;
  return true;
}

/** Lets go of the held conversation on the agent's screen, with a line saying why. */
function drop(message: string): void {
  held.value = null;
  correctionReplies.value = [];
  heldProblem.value = '';
  claimRefusal.value = '';
  notice.value = message;
  void refreshQueue();
}

export async function refreshHeld(): Promise<void> {
  const current = held.value;
  if (current === null) return;
  const answer = await api<{ conversation: HeldConversation }>('GET', path(current.conversationId));
  if (held.value?.conversationId !== current.conversationId) return;
  if (answer.ok) {
    held.value = answer.body.conversation;
    return;
  }
  if (answer.status === 404 || answer.status === 409) drop(t('console.takeover.gone'));
  else heldProblem.value = problemText(answer.message);
}

async function heldAction<T>(suffix: string, body?: unknown): Promise<T | undefined> {
  const current = held.value;
  if (current === null) return undefined;
  handoffBusy.value = true;
  const answer = await api<T>('POST', path(current.conversationId, suffix), body);
  handoffBusy.value = false;
  if (answer.ok) {
    heldProblem.value = '';
    return answer.body;
  }
  if (answer.status === 404 || (answer.status === 409 && suffix !== '/messages')) drop(answer.message || t('console.takeover.gone'));
  else heldProblem.value = problemText(answer.message);
  return undefined;
}

export async function sendMessage(text: string): Promise<boolean> {
  const sent = await heldAction<{ message: TranscriptEntry }>('/messages', {
    text,
  });
  if (sent === undefined) return false;
  await refreshHeld();
  return true;
}

/**
 * Corrects one field of the person's form: an engine input in the conversation's turn order, checked by the same
 * rules as the person's own answer. `member` is the index of a family member already added.
 */
export async function correctField(slot: string, value: string, member?: number): Promise<boolean> {
  const answer = await heldAction<{ replies: { text: string }[] }>('/edits', {
    slot,
    value,
    ...(member === undefined ? {} : { member }),
  });
  if (answer === undefined) return false;
  correctionReplies.value = answer.replies.map((reply) => reply.text);
  await refreshHeld();
  return true;
}

export async function release(): Promise<void> {
  if ((await heldAction('/release')) !== undefined) drop(t('console.takeover.released'));
}

export async function handBack(): Promise<void> {
  if ((await heldAction('/handback')) !== undefined) drop(t('console.takeover.handedBack'));
}

/** Whole callback numbers the agent chose to see, to dial them (each look is audited on the server), by ticket. */
export const revealedPhones = signal<Record<string, string>>({});

export async function revealCallbackPhone(ticketNumber: string): Promise<void> {
  const answer = await api<{ phone: string }>('POST', `${base}/callbacks/${encodeURIComponent(ticketNumber)}/reveal`);
  if (answer.ok) revealedPhones.value = { ...revealedPhones.value, [ticketNumber]: answer.body.phone };
  else queueProblem.value = problemText(answer.message);
}

/** The agent called the person back: the ticket leaves the queue. */
export async function closeCallback(ticketNumber: string): Promise<void> {
  handoffBusy.value = true;
  const answer = await api('POST', `${base}/callbacks/${encodeURIComponent(ticketNumber)}/close`);
  handoffBusy.value = false;
  if (!answer.ok) queueProblem.value = problemText(answer.message);
  await refreshQueue();
}
