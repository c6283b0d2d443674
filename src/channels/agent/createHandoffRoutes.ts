import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { maskSensitiveText } from '../../domain/index.js';
import { SlotKeySchema } from '../../content/schema.js';
import type { EngineContext } from '../../engine/engineContext.js';
import { say } from '../../engine/render.js';
import type { HandoffEvents } from '../../ports/handoffEvents.js';
import type { AuditLog } from '../../ports/auditLog.js';
import type { Clock } from '../../ports/clock.js';
import type { Handoff, HandoffAgent, Handoffs } from '../../ports/handoffs.js';
import type { SessionStore } from '../../ports/sessionStore.js';
import type { ConversationService } from '../../server/conversationService.js';
import { readJsonBody } from '../http/readJsonBody.js';
import { sendJson, sendProblem } from '../http/sendJson.js';
import type { WebMessages } from '../http/webMessages.js';
import { signedInStaff, type StaffGate } from '../staff/staffGate.js';
import { createQueueViews } from './queueViews.js';
import { handled } from '../http/handled.js';

export type HandoffRoutesOptions = {
  gate: StaffGate;
  handoffs: Handoffs;
  service: ConversationService;
  store: SessionStore;
  context: () => EngineContext;
  audit: AuditLog;
  clock: Clock;
  webMessages: WebMessages;
  /** Each change is told to the agents' live streams (createAgentLive). */
  events: HandoffEvents;
};

const MessageSchema = z.object({ text: z.string().trim().min(1).max(2000) });
/**
 * A field of the form an agent corrects while holding the chat; `member`: which family member already added (0-based),
 * for a member.* field. Agreement and filing stay the person's own, in the widget.
 */
const EditSchema = z.object({ slot: SlotKeySchema.exclude(['consent', 'confirm']), value: z.string().trim().min(1).max(200), member: z.number().int().min(0).optional() });

/**
 * /api/v1/agent/handoffs…: conversations people handed to agents (转人工). Listing the queue marks the agent present
 * (the console polls it), so people are queued only while someone is there to answer. Claiming is atomic in the
 * Handoffs store; messages, hand-back and release need the claim. Every action is audited with the staff id.
 */
export function createHandoffRoutes(options: HandoffRoutesOptions): Router {
  const { gate, handoffs, service, store, context, audit, clock, webMessages, events } = options;
  const router = Router();
  const agent = gate.requireStaff(['agent', 'admin']);

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

  const views = createQueueViews({ handoffs, store, context, clock });
  const { entryView, conversationView, callbackView } = views;
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
        held: await Promise.all((await handoffs.held()).map((handoff) => entryView(handoff, 0))),
        callbacks: (await handoffs.callbacks()).map(callbackView),
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

  const ticketNumber = (request: Request) => String(request.params['ticketNumber']);
  const openTicket = async (request: Request) => (await handoffs.callbacks()).find((ticket) => ticket.ticketNumber === ticketNumber(request));

  /** The whole phone number, to dial it: each look is audited. */
  router.post(
    '/callbacks/:ticketNumber/reveal',
    agent,
    handled(async (request, response) => {
      const ticket = await openTicket(request);
      if (ticket === undefined) return refused(response, 'gone');
      await record(response, 'callback.phoneRevealed', ticket.conversationId, { ticketNumber: ticket.ticketNumber });
      response.set('Cache-Control', 'no-store');
      sendJson(response, 200, { phone: ticket.phone });
    }),
  );

  router.post(
    '/callbacks/:ticketNumber/close',
    agent,
    handled(async (request, response) => {
      const outcome = await handoffs.closeCallback(ticketNumber(request), signedInStaff(response).account.id, clock.now());
      if (!outcome.ok) return refused(response, 'gone');
      await record(response, 'callback.closed', outcome.ticket.conversationId, { ticketNumber: outcome.ticket.ticketNumber });
      events.publish({ kind: 'callback-closed', conversationId: outcome.ticket.conversationId, ticketNumber: outcome.ticket.ticketNumber });
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
      // The person is told who took the conversation (the display name, never the login), then the agents.
      await service.announce(id, { kind: 'claimed', agentName: outcome.handoff.agent?.name ?? '' });
      events.publish({ kind: 'claimed', conversationId: id });
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

  /**
   * The holding agent corrects a field (a member's phone, say): an engine input in the session's turn order, checked
   * like the person's own answer. The assistant's reply (the change said, or why it was refused) comes back to the
   * agent only: the assistant stays silent in the person's chat while held.
   */
  router.post(
    '/:conversationId/edits',
    agent,
    handled(async (request, response) => {
      const read = await readJsonBody(request, response);
      if (!read.ok) return sendProblem(response, read.problem, webMessages);
      const parsed = EditSchema.safeParse(read.value);
      if (!parsed.success) return problem(response, 400, 'invalid_edit');
      const id = conversationId(request);
      const handoff = await handoffs.current(id);
      if (handoff === undefined) return refused(response, 'gone');
      const { account } = signedInStaff(response);
      if (handoff.state !== 'claimed' || handoff.agent?.id !== account.id) return refused(response, 'taken');
      const { slot, value, member } = parsed.data;
      const outcome = await service.staffInput(id, { type: 'staff-edit', slot, value, staffId: account.id, ...(member === undefined ? {} : { member }) }, { silent: true });
      if (!outcome.ok) return refused(response, 'gone');
      await record(response, 'handoff.edit', id, { slot, ...(member === undefined ? {} : { member: String(member) }), value: maskSensitiveText(value) });
      sendJson(response, 200, { replies: outcome.response.replies.map((reply) => ({ ...reply, text: maskSensitiveText(reply.text) })), form: outcome.response.form });
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
        // Said to the person in the session's turn order: back in the queue at its place, or the assistant is back.
        await service.announce(id, { kind: path === 'release' ? 'released' : 'handed-back' });
        events.publish({ kind: path === 'release' ? 'released' : 'handed-back', conversationId: id });
        sendJson(response, 200, { ok: true });
      }),
    );
  }

  return router;
}
