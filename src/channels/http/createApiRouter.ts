import { Router, type Response } from 'express';
import { z } from 'zod';
import type { ConversationService } from '../../server/conversationService.js';
import { apiErrorBody, type ApiProblem } from './apiProblem.js';
import { checkUserText } from './checkUserText.js';
import type { SessionTokens } from './sessionTokens.js';
import type { WebMessages } from './webMessages.js';

/**
 * The JSON API (DESIGN.md "HTTP API"): it only translates between HTTP and the ConversationService. A request it
 * refuses never reaches the service, so a bad request cannot change a conversation.
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

const serviceProblems = {
  unknown_session: { status: 404, code: 'unknown_session', messageId: 'web.error.unknown_session' },
  invalid_region: { status: 422, code: 'invalid_region', messageId: 'web.error.invalid_region' },
} as const satisfies Record<string, ApiProblem>;

export type ApiRouterDependencies = {
  service: ConversationService;
  tokens: SessionTokens;
  messages: WebMessages;
};

/** Requests without a JSON body (wrong or missing Content-Type) arrive with no body at all. */
const unsupportedMediaType: ApiProblem = { status: 415, code: 'unsupported_media_type', messageId: 'web.error.unsupported_media_type' };
const methodNotAllowed: ApiProblem = { status: 405, code: 'method_not_allowed', messageId: 'web.error.method_not_allowed' };

export function createApiRouter({ service, tokens, messages }: ApiRouterDependencies): Router {
  const router = Router();
  const refuse = (response: Response, problem: ApiProblem): void => {
    response.status(problem.status).json(apiErrorBody(problem, messages));
  };

  router.post('/chat', async (request, response) => {
    if (request.body === undefined) return refuse(response, unsupportedMediaType);
    const body = parseBody(ChatBodySchema, request.body);
    if (!body.ok) return refuse(response, body.problem);
    response.locals.sessionId = body.value.sessionId;
    const text = checkUserText(body.value.text);
    if (!text.ok) return refuse(response, text.problem);
    const outcome = await service.chat(body.value);
    if (!outcome.ok) return refuse(response, serviceProblems[outcome.code]);
    response.locals.sessionId = outcome.response.sessionId;
    response.json(outcome.response);
  });

  router.post('/session', async (request, response) => {
    if (request.body === undefined) return refuse(response, unsupportedMediaType);
    const body = parseBody(SessionBodySchema, request.body);
    if (!body.ok) return refuse(response, body.problem);
    const { sessionId, token, region } = body.value;
    const check = token === undefined ? undefined : tokens.verify(token);
    // Only a valid token opens an existing conversation; an id alone (or someone else's token) starts a new one.
    const resumable = check?.ok === true && (sessionId === undefined || sessionId === check.sessionId) ? check.sessionId : undefined;
    const outcome = await service.open({ sessionId: resumable, region });
    if (!outcome.ok) return refuse(response, serviceProblems[outcome.code]);
    response.locals.sessionId = outcome.sessionId;
    response.json({ sessionId: outcome.sessionId, token: tokens.issue(outcome.sessionId), transcript: outcome.transcript });
  });

  router.all(['/chat', '/session'], (_request, response) => refuse(response, methodNotAllowed));
  return router;
}
