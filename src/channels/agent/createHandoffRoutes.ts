import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { maskPhone, maskSensitiveText } from '../../domain/index.js';
import type { EngineContext } from '../../engine/engineContext.js';
import { formView } from '../../engine/formView.js';
import { say } from '../../engine/render.js';
import { migrateState } from '../../engine/state.js';
import type { AuditLog } from '../../ports/auditLog.js';
import type { Clock } from '../../ports/clock.js';
import type { Handoff, HandoffAgent, Handoffs } from '../../ports/handoffs.js';
import type { SessionStore } from '../../ports/sessionStore.js';
import type { ConversationService } from '../../server/conversationService.js';
import { readJsonBody } from '../http/readJsonBody.js';
import { sendJson, sendProblem } from '../http/sendJson.js';
import type { WebMessages } from '../http/webMessages.js';
import { signedInStaff, type StaffGate } from '../staff/staffGate.js';

export type HandoffRoutesOptions = {
  gate: StaffGate;
  handoffs: Handoffs;
  service: ConversationService;
  store: SessionStore;
  context: () => EngineContext;
  audit: AuditLog;
  clock: Clock;
  webMessages: WebMessages;
};

const MessageSchema = z.object({ text: z.string().trim().min(1).max(2000) });

/**
 * /api/v1/agent/handoffs…: conversations people handed to agents (转人工). Listing the queue marks the agent present
 * (the console polls it), so people are queued only while someone is there to answer. Claiming is atomic in the
 * Handoffs store; messages, hand-back and release need the claim. Every action is audited with the staff id.
 */
export function createHandoffRoutes(options: HandoffRoutesOptions): Router {
  const { gate, handoffs, service, store, context, audit, clock, webMessages } = options;
  const router = Router();
  const agent = gate.requireStaff(['agent', 'admin']);

  const handled =
    (handler: (request: Request, response: Response) => Promise<void>): RequestHandler =>
    (request, response, next) => {
      handler(request, response).catch(next);
    };
  const problem = (response: Response, status: number, code: string): void => {
    sendJson(response, status, { error: { code, message: say(context().content, `handoff.error.${code}`) } });
  };
  const record = (response: Response, action: string, conversationId: string, detail: Record<string, string> = {}): Promise<void> => {
    const { account } = signedInStaff(response);
    return audit.append({ at: clock.now().toISOString(), staffId: account.id, login: account.login, action, conversationId, detail });
  };
  /** What the person sees of the agent: a worded name with a short work number, never the login. */
  const agentOf = (response: Response): HandoffAgent => {
    const { account } = signedInStaff(response);
    return { id: account.id, name: say(context().content, 'handoff.agentName', { number: account.id.slice(-4).toUpperCase() }) };
  };
  const conversationId = (request: Request) => String(request.params['conversationId']);

  /** A handoff as the queue shows it: masked form, the last thing the assistant asked, how long the person waits. */
  const entryView = async (handoff: Handoff, place: number) => {
    const session = await store.get(handoff.conversationId);
    const state = session === undefined ? null : migrateState(session.state);
    const lastQuestion = session?.transcript.findLast((entry) => entry.from === 'bot')?.text ?? null;
    return {
      conversationId: handoff.conversationId,
      region: handoff.region,
      state: handoff.state,
      place,
      waitingSeconds: Math.max(0, Math.round((clock.now().getTime() - Date.parse(handoff.enqueuedAt)) / 1000)),
      agent: handoff.agent?.name ?? null,
      form: state === null ? null : formView(context().content, state.form),
      lastQuestion: lastQuestion === null ? null : maskSensitiveText(lastQuestion),
    };
  };
  const conversationView = async (handoff: Handoff) => {
    const session = await store.get(handoff.conversationId);
    return { ...(await entryView(handoff, 0)), transcript: (session?.transcript ?? []).map((entry) => ({ ...entry, text: maskSensitiveText(entry.text) })) };
  };
  const refused = (response: Response, reason: 'taken' | 'gone') => problem(response, reason === 'taken' ? 409 : 404, reason);

  router.get(
    '/',
    agent,
    handled(async (_request, response) => {
      const { account } = signedInStaff(response);
      await handoffs.markPresent(account.id, clock.now());
      const waiting = await handoffs.waiting();
      response.set('Cache-Control', 'no-store');
      sendJson(response, 200, {
        waiting: await Promise.all(waiting.map((handoff, index) => entryView(handoff, index + 1))),
        callbacks: (await handoffs.callbacks()).map((ticket) => ({ ...ticket, phone: maskPhone(ticket.phone) })),
      });
    }),
  );

  router.post(
    '/presence',
    agent,
    handled(async (request, response) => {
      const read = await readJsonBody(request, response);
      if (!read.ok) return sendProblem(response, read.problem, webMessages);
      const { account } = signedInStaff(response);
      if ((read.value as { present?: unknown }).present === false) await handoffs.markAbsent(account.id);
      else await handoffs.markPresent(account.id, clock.now());
      sendJson(response, 200, { ok: true });
    }),
  );

  router.get(
    '/:conversationId',
    agent,
    handled(async (request, response) => {
      const handoff = await handoffs.current(conversationId(request));
      if (handoff === undefined) return refused(response, 'gone');
      if (handoff.agent !== null && handoff.agent.id !== signedInStaff(response).account.id) return refused(response, 'taken');
      response.set('Cache-Control', 'no-store');
      sendJson(response, 200, { conversation: await conversationView(handoff) });
    }),
  );

  router.post(
    '/:conversationId/claim',
    agent,
    handled(async (request, response) => {
      const id = conversationId(request);
      const outcome = await handoffs.claim(id, agentOf(response), clock.now());
      if (!outcome.ok) return refused(response, outcome.reason);
      await record(response, 'handoff.claimed', id, { region: outcome.handoff.region ?? '' });
      sendJson(response, 200, { conversation: await conversationView(outcome.handoff) });
    }),
  );

  router.post(
    '/:conversationId/messages',
    agent,
    handled(async (request, response) => {
      const read = await readJsonBody(request, response);
      if (!read.ok) return sendProblem(response, read.problem, webMessages);
      const parsed = MessageSchema.safeParse(read.value);
      if (!parsed.success) return problem(response, 400, 'invalid_message');
      const id = conversationId(request);
      const handoff = await handoffs.current(id);
      if (handoff === undefined) return refused(response, 'gone');
      const speaker = agentOf(response);
      if (handoff.state !== 'claimed' || handoff.agent?.id !== speaker.id) return refused(response, 'taken');
      const entry = await service.agentMessage(id, speaker, parsed.data.text);
      if (entry === undefined) return refused(response, 'gone');
      await record(response, 'handoff.message', id, { text: maskSensitiveText(parsed.data.text).slice(0, 200) });
      sendJson(response, 200, { message: entry });
    }),
  );

  for (const [path, action] of [
    ['release', 'handoff.released'],
    ['handback', 'handoff.handedBack'],
  ] as const) {
    router.post(
      `/:conversationId/${path}`,
      agent,
      handled(async (request, response) => {
        const id = conversationId(request);
        const { account } = signedInStaff(response);
        const outcome = path === 'release' ? await handoffs.release(id, account.id) : await handoffs.handBack(id, account.id, clock.now());
        if (!outcome.ok) return refused(response, outcome.reason);
        await record(response, action, id);
        // The assistant takes the conversation back in the session's turn order and says so to the person.
        if (path === 'handback') await service.deliver(id, { type: 'handed-back' });
        sendJson(response, 200, { ok: true });
      }),
    );
  }

  return router;
}
