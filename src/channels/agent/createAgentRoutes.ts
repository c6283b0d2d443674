import { read } from '../../nlu/read.js';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { SlotKeySchema } from '../../content/schema.js';
import { isKnownRegion } from '../../backend-stub/validateApplicationRequest.js';
import { maskSensitiveText } from '../../domain/index.js';
import { faqReply } from '../../engine/faqAnswer.js';
import type { EngineContext } from '../../engine/engineContext.js';
import { migrateState, type ConversationState } from '../../engine/state.js';
import type { AuditLog } from '../../ports/auditLog.js';
import type { Clock } from '../../ports/clock.js';
import type { SessionStore, StoredSession } from '../../ports/sessionStore.js';
import type { ConversationService } from '../../server/conversationService.js';
import { sendJson, sendProblem } from '../http/sendJson.js';
import type { WebMessages } from '../http/webMessages.js';
import { whoami } from '../staff/createStaffRoutes.js';
import { signedInStaff, type StaffGate } from '../staff/staffGate.js';
import { sendStaffProblem, type StaffMessages } from '../staff/staffMessages.js';
import { callView } from './callView.js';
import { handled } from '../http/handled.js';
import { createStaffBodyReader } from '../staff/readStaffBody.js';

export type AgentRoutesOptions = {
  gate: StaffGate;
  service: ConversationService;
  store: SessionStore;
  context: () => EngineContext;
  audit: AuditLog;
  clock: Clock;
  messages: StaffMessages;
  webMessages: WebMessages;
};

const StartSchema = z.object({ region: z.string() });
const SaySchema = z.object({ text: z.string().min(1).max(2000) });
const EditSchema = z.object({ slot: SlotKeySchema.exclude(['consent', 'confirm']), value: z.string().max(200) });
const RevealSchema = z.object({ person: z.union([z.literal('applicant'), z.literal('current'), z.number().int().min(0)]), field: z.enum(['idNumber', 'phone']) });

/**
 * /api/v1/agent/…: the hotline agent's call workspace. A call is a conversation on the same engine; the agent types
 * the caller's words (read by the engine as if typed by the caller) or edits a field (a staff-edit input in the
 * session's turn order). Every action is audited with the staff id and the conversation. Admins may use it too.
 */
export function createAgentRoutes(options: AgentRoutesOptions): Router {
  const { gate, service, store, context, audit, clock, messages, webMessages } = options;
  const router = Router();
  const agent = gate.requireStaff(['agent', 'admin']);
  /** Which staff member took which call; rebuilt from the audit log after a restart. */
  const takenBy = new Map<string, string>();

  const body = createStaffBodyReader(messages, webMessages);
  const record = (response: Response, action: string, conversationId: string | null, detail: Record<string, string> = {}): Promise<void> => {
    const { account } = signedInStaff(response);
    return audit.append({ at: clock.now().toISOString(), staffId: account.id, login: account.login, action, conversationId, detail });
  };

  /** The call, if this staff member took it (an admin may open any). */
  const loadCall = async (request: Request, response: Response): Promise<{ session: StoredSession; state: ConversationState } | undefined> => {
    const id = String(request.params['callId']);
    const { account } = signedInStaff(response);
    let owner = takenBy.get(id);
    if (owner === undefined) {
      owner = (await audit.list({ conversationId: id, action: 'call.started' }))[0]?.staffId;
      if (owner !== undefined) takenBy.set(id, owner);
    }
    const session = owner === undefined ? undefined : await store.get(id);
    const state = session === undefined ? null : migrateState(session.state);
    if (session === undefined || state === null || (owner !== account.id && account.role !== 'admin')) {
      sendStaffProblem(response, { status: 404, code: 'unknown_call', messageId: 'staff.error.unknown_call' }, messages);
      return undefined;
    }
    return { session, state };
  };
  const sendCall = async (response: Response, id: string, replies: { text: string }[] = []): Promise<void> => {
    const session = await store.get(id);
    const state = session === undefined ? null : migrateState(session.state);
    if (session === undefined || state === null) {
      sendStaffProblem(response, { status: 404, code: 'unknown_call', messageId: 'staff.error.unknown_call' }, messages);
      return;
    }
    response.set('Cache-Control', 'no-store');
    sendJson(response, 200, { call: callView(context().content, session, state, clock.now()), replies: replies.map((reply) => ({ text: reply.text })) });
  };

  router.get('/whoami', gate.requireStaff('any', { beforePasswordChange: true }), whoami);

  router.post(
    '/calls',
    agent,
    handled(async (request, response) => {
      const start = await body(request, response, StartSchema);
      if (start === undefined) return;
      if (!isKnownRegion(start.region)) {
        sendProblem(response, { status: 400, code: 'invalid_region', messageId: 'web.error.invalid_region' }, webMessages);
        return;
      }
      const opened = await service.open({ region: start.region });
      if (!opened.ok) {
        sendProblem(response, { status: 400, code: 'invalid_region', messageId: 'web.error.invalid_region' }, webMessages);
        return;
      }
      takenBy.set(opened.sessionId, signedInStaff(response).account.id);
      await record(response, 'call.started', opened.sessionId, { region: start.region });
      await sendCall(response, opened.sessionId);
    }),
  );

  router.get(
    '/calls/:callId',
    agent,
    handled(async (request, response) => {
      const call = await loadCall(request, response);
      if (call !== undefined) await sendCall(response, call.session.id);
    }),
  );

  router.post(
    '/calls/:callId/say',
    agent,
    handled(async (request, response) => {
      const call = await loadCall(request, response);
      if (call === undefined) return;
      const said = await body(request, response, SaySchema);
      if (said === undefined) return;
      const outcome = await service.chat({ sessionId: call.session.id, text: said.text });
      if (!outcome.ok) {
        sendStaffProblem(response, { status: 404, code: 'unknown_call', messageId: 'staff.error.unknown_call' }, messages);
        return;
      }
      await record(response, 'call.caller_words', call.session.id, { text: maskSensitiveText(said.text) });
      await sendCall(response, call.session.id, outcome.response.replies);
    }),
  );

  const staffEdit = async (request: Request, response: Response, slot: z.infer<typeof SlotKeySchema>, value: string, action: string, detail: Record<string, string>) => {
    const call = await loadCall(request, response);
    if (call === undefined) return;
    const { account } = signedInStaff(response);
    const outcome = await service.staffInput(call.session.id, { type: 'staff-edit', slot, value, staffId: account.id });
    if (!outcome.ok) {
      sendStaffProblem(response, { status: 404, code: 'unknown_call', messageId: 'staff.error.unknown_call' }, messages);
      return;
    }
    await record(response, action, call.session.id, detail);
    await sendCall(response, call.session.id, outcome.response.replies);
  };

  router.post(
    '/calls/:callId/edit',
    agent,
    handled(async (request, response) => {
      const edit = await body(request, response, EditSchema);
      if (edit === undefined) return;
      await staffEdit(request, response, edit.slot, edit.value, 'call.edit', { slot: edit.slot, value: maskSensitiveText(edit.value) });
    }),
  );

  router.post(
    '/calls/:callId/consent',
    agent,
    handled(async (request, response) => {
      await staffEdit(request, response, 'consent', 'yes', 'call.consent_recorded', { channel: 'phone' });
    }),
  );

  router.post(
    '/calls/:callId/file',
    agent,
    handled(async (request, response) => {
      await staffEdit(request, response, 'confirm', 'yes', 'call.filed', {});
    }),
  );

  router.post(
    '/calls/:callId/reveal',
    agent,
    handled(async (request, response) => {
      const call = await loadCall(request, response);
      if (call === undefined) return;
      const wanted = await body(request, response, RevealSchema);
      if (wanted === undefined) return;
      const form = call.state.form;
      const person = form === null ? undefined : wanted.person === 'applicant' ? form.applicant : wanted.person === 'current' ? form.current : form.members[wanted.person];
      const value = person?.[wanted.field];
      if (value === undefined) {
        sendStaffProblem(response, { status: 404, code: 'nothing_to_reveal', messageId: 'staff.error.nothing_to_reveal' }, messages);
        return;
      }
      // Every look at a full ID or phone number is on the record.
      await record(response, 'call.revealed', call.session.id, { person: String(wanted.person), field: wanted.field });
      response.set('Cache-Control', 'no-store');
      sendJson(response, 200, { value });
    }),
  );

  router.get(
    '/answers',
    agent,
    handled(async (request, response) => {
      const query = typeof request.query['q'] === 'string' ? request.query['q'].slice(0, 200) : '';
      const region = typeof request.query['region'] === 'string' && isKnownRegion(request.query['region']) ? request.query['region'] : null;
      const engine = context();
      const candidates = query.trim() === '' ? [] : read(query, engine.reader, { pending: null }).faq.slice(0, 4);
      const entries = candidates.flatMap((candidate) => engine.content.faq.filter((entry) => entry.id === candidate.entryId));
      sendJson(response, 200, {
        answers: entries.map((entry) => {
          const reply = faqReply(engine.content, entry, region);
          return { id: entry.id, question: entry.question, text: reply.text, sources: reply.sources ?? [] };
        }),
      });
    }),
  );

  return router;
}
