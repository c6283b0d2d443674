import { signal } from '@preact/signals';
import { staff } from '../shared/api.js';
import type { TranscriptEntry } from '../../ports/sessionEvents.js';
import { held, queue, refreshHeld, type CallbackView, type QueueEntry } from './handoffActions.js';

/** Whether the live stream is open: while it is, nothing needs polling. */
export const live = signal(false);

type QueueEvent = { waiting: QueueEntry[]; held: QueueEntry[]; callbacks: CallbackView[] };
type HeldMessage = { conversationId: string; message: TranscriptEntry };

/**
 * The agents' live stream (GET /api/v1/agent/live, docs/agent-realtime.md): the whole queue after every change, and
 * the new messages of the chat this agent holds. An open stream is the agent's presence; the browser reconnects by
 * itself, and while it is away the console polls instead.
 */
export function openLiveQueue(): () => void {
  const source = new EventSource('/api/v1/agent/live');
  let agentId = '';
  const read = <T>(event: Event): T => JSON.parse((event as globalThis.MessageEvent<string>).data) as T;
  source.addEventListener('open', () => (live.value = true));
  source.addEventListener('error', () => (live.value = false));
  source.addEventListener('hello', (event) => {
    agentId = read<{ agentId: string }>(event).agentId;
    live.value = true;
  });
  source.addEventListener('queue', (event) => {
    const snapshot = read<QueueEvent>(event);
    queue.value = { waiting: snapshot.waiting, callbacks: snapshot.callbacks };
    // The conversation on screen seems no longer this agent's: asking settles it (a snapshot may predate the claim).
    const current = held.value;
    if (current !== null && !snapshot.held.some((entry) => entry.conversationId === current.conversationId && entry.agentId === agentId)) void refreshHeld();
  });
  source.addEventListener('message', (event) => {
    const { conversationId, message } = read<HeldMessage>(event);
    const current = held.value;
    if (current === null || current.conversationId !== conversationId || current.transcript.some((entry) => entry.seq === message.seq)) return;
    held.value = { ...current, transcript: [...current.transcript, message] };
  });
  source.addEventListener('signed-out', () => {
    source.close();
    live.value = false;
    staff.value = null;
  });
  return () => {
    source.close();
    live.value = false;
  };
}
