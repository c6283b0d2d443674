import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { clientAddress } from './clientAddress.js';
import type { ConversationService } from '../../server/conversationService.js';
import type { ApiProblem } from './apiProblem.js';
import { checkUserText } from './checkUserText.js';
import { readJsonBody } from './readJsonBody.js';
import { setResponseSession } from './responseSession.js';
import { sendJson, sendProblem } from './sendJson.js';
import type { SessionTokens } from './sessionTokens.js';
import type { WebMessages } from './webMessages.js';

/**
 * The JSON API (DESIGN.md "HTTP API"): it only translates between HTTP and the ConversationService. A request it
 * refuses never reaches the service, so a bad request cannot change a conversation. Written against node:http
 * alone, so Express can route to it and the server can also call it directly (see createWebServer).
 */

/** JSON clients send null or "" for "not given" as often as they leave a field out. */
const absent = (value: unknown) => (value === null || value === '' ? undefined : value);
const optionalString = (max: number) => z.preprocess(absent, z.string().max(max).optional());

const ChatBodySchema = z.object({
  sessionId: optionalString(200),
  text: z.string(),
  region: optionalString(40),
});

const SessionBodySchema = z.object({
  sessionId: optionalString(200),
  token: optionalString(1000),
  region: optionalString(40),
});

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

function parseBody<T>(schema: z.ZodType<T>, body: unknown): Parsed<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problem: { status: 400, code: 'invalid_body', messageId: 'web.error.invalid_body' } };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const field = String(parsed.error.issues[0]?.path[0] ?? '');
  if (field === 'text' && (body as Record<string, unknown>).text === undefined) {
    return { ok: false, problem: { status: 400, code: 'missing_text', messageId: 'web.error.missing_text' } };
  }
  return { ok: false, problem: { status: 400, code: 'invalid_field', messageId: 'web.error.invalid_field', values: { field } } };
}

async function readBody<T>(schema: z.ZodType<T>, request: IncomingMessage, response: ServerResponse): Promise<Parsed<T>> {
  const body = await readJsonBody(request, response);
  return body.ok ? parseBody(schema, body.value) : body;
}

const serviceProblems = {
  unknown_session: { status: 404, code: 'unknown_session', messageId: 'web.error.unknown_session' },
  invalid_region: { status: 422, code: 'invalid_region', messageId: 'web.error.invalid_region' },
} as const satisfies Record<string, ApiProblem>;

export type ApiEndpointDependencies = {
  service: ConversationService;
  tokens: SessionTokens;
  messages: WebMessages;
  /** TRUST_PROXY: how the client's address is read, for the back end's caps on one-time codes. */
  trustedProxies?: number;
};

export type Endpoint = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export function createApiEndpoints({ service, tokens, messages, trustedProxies = 0 }: ApiEndpointDependencies): { chat: Endpoint; session: Endpoint } {
  return {
    /** POST /api/v1/chat { sessionId?, text, region? } → { sessionId, replies, understanding, form } */
    async chat(request, response) {
      const body = await readBody(ChatBodySchema, request, response);
      if (!body.ok) return sendProblem(response, body.problem, messages);
      setResponseSession(response, body.value.sessionId);
      const text = checkUserText(body.value.text);
      if (!text.ok) return sendProblem(response, text.problem, messages);
      const outcome = await service.chat({ ...body.value, address: clientAddress(request, trustedProxies) });
      if (!outcome.ok) return sendProblem(response, serviceProblems[outcome.code], messages);
      setResponseSession(response, outcome.response.sessionId);
      // Each reply's transcript seq (additive): a widget on the long poll (/api/v1/updates) shows every message once.
      const replies = outcome.response.replies.map((reply, index) => ({ ...reply, seq: outcome.entries[index]?.seq }));
      sendJson(response, 200, { ...outcome.response, replies });
    },

    /** POST /api/v1/session { sessionId?, token?, region? } → { sessionId, token, transcript, form } */
    async session(request, response) {
      const body = await readBody(SessionBodySchema, request, response);
      if (!body.ok) return sendProblem(response, body.problem, messages);
      const { sessionId, token, region } = body.value;
      const check = token === undefined ? undefined : tokens.verify(token);
      // Only a valid token opens an existing conversation; an id alone (or someone else's token) starts a new one.
      const resumable = check?.ok === true && (sessionId === undefined || sessionId === check.sessionId) ? check.sessionId : undefined;
      const outcome = await service.open({ sessionId: resumable, region });
      if (!outcome.ok) return sendProblem(response, serviceProblems[outcome.code], messages);
      setResponseSession(response, outcome.sessionId);
      sendJson(response, 200, { sessionId: outcome.sessionId, token: tokens.issue(outcome.sessionId), transcript: outcome.transcript, form: outcome.form, queue: outcome.queue });
    },
  };
}
