import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { HandoffEvents } from '../../ports/handoffEvents.js';
import type { QueueStatus } from '../../ports/handoffs.js';
import type { SessionStore } from '../../ports/sessionStore.js';
import type { ConversationService, TranscriptEntry } from '../../server/conversationService.js';
import type { Endpoint } from './createApiEndpoints.js';
import { readJsonBody } from './readJsonBody.js';
import { sendJson, sendProblem } from './sendJson.js';
import type { SessionTokens } from './sessionTokens.js';
import type { WebMessages } from './webMessages.js';

/** Proxies commonly cut idle requests at 30 or 60 s: an answer comes before that, empty if nothing happened. */
export const longestWaitSeconds = 25;

const UpdatesBodySchema = z.object({
  token: z.string().min(1).max(1000),
  /** The last transcript sequence number the client has. */
  after: z.number().int().min(0),
  /** Seconds to wait when nothing is new (default and most: 25; 0 answers at once). */
  wait: z.number().int().min(0).max(longestWaitSeconds).optional(),
});

export type UpdatesEndpointDependencies = {
  service: ConversationService;
  store: SessionStore;
  tokens: SessionTokens;
  messages: WebMessages;
  handoffEvents?: HandoffEvents;
};

/**
 * POST /api/v1/updates { token, after, wait? } → { messages, queue }: the JSON API's push, for a widget whose
 * websocket is blocked (docs/agent-realtime.md). A long poll: it answers at once with messages newer than `after`
 * (the assistant's and an agent's), otherwise waits until one arrives or the queue status changes, at most `wait`
 * seconds. Identity comes only from the session token, as on the websocket.
 */
export function createUpdatesEndpoint({ service, store, tokens, messages, handoffEvents }: UpdatesEndpointDependencies): Endpoint {
  const unauthorized = { status: 401, code: 'unauthorized', messageId: 'web.error.unauthorized' } as const;
  const unknownSession = { status: 404, code: 'unknown_session', messageId: 'web.error.unknown_session' } as const;

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readJsonBody(request, response);
    if (!body.ok) return sendProblem(response, body.problem, messages);
    const parsed = UpdatesBodySchema.safeParse(body.value);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? '');
      return sendProblem(response, { status: 400, code: 'invalid_field', messageId: 'web.error.invalid_field', values: { field } }, messages);
    }
    const check = tokens.verify(parsed.data.token);
    if (!check.ok) return sendProblem(response, unauthorized, messages);
    const { sessionId } = check;
    const session = await store.get(sessionId);
    if (session === undefined) return sendProblem(response, unknownSession, messages);
    const after = parsed.data.after;
    const newer = (entries: readonly TranscriptEntry[]) => entries.filter((entry) => entry.from !== 'user' && entry.seq > after);
    const queueAtStart = await service.queueStatus(sessionId);
    const answer = (entries: readonly TranscriptEntry[], queue: QueueStatus | null) => {
      response.setHeader('Cache-Control', 'no-store');
      sendJson(response, 200, { messages: entries, queue });
    };
    const missed = newer(session.transcript);
    const wait = parsed.data.wait ?? longestWaitSeconds;
    if (missed.length > 0 || wait === 0) return answer(missed, queueAtStart);

    await new Promise<void>((resolve) => {
      const arrived: TranscriptEntry[] = [];
      let settled = false;
      /** Stops listening; true the first time only. */
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        stopMessages();
        stopQueue?.();
        resolve();
        return true;
      };
      const finish = (queue: QueueStatus | null): void => {
        if (settle() && !response.writableEnded && !response.destroyed) answer(newer(arrived), queue);
      };
      const finishWithQueue = (): void => {
        service.queueStatus(sessionId).then(finish, () => finish(queueAtStart));
      };
      // Several entries of one turn arrive together: answer once they are all in.
      const stopMessages = service.subscribe(sessionId, (entry) => {
        arrived.push(entry);
        if (arrived.length === 1) setImmediate(finishWithQueue);
      });
      const stopQueue = handoffEvents?.subscribe((change) => {
        if (change.kind === 'message' || change.kind === 'callback' || change.kind === 'callback-closed') return;
        service.queueStatus(sessionId).then((queue) => {
          // A message saying so may be on its way (taken, released): it goes in the same answer.
          if (JSON.stringify(queue) !== JSON.stringify(queueAtStart)) setTimeout(() => finish(queue), 50);
        }, () => undefined);
      });
      const timer = setTimeout(() => finish(queueAtStart), wait * 1000);
      // The widget went away (page closed, a new poll): nothing to answer.
      response.on('close', settle);
    });
  };
}
