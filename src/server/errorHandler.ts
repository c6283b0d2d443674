import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler } from 'express';
import { sendProblem } from '../channels/http/sendJson.js';
import type { WebMessages } from '../channels/http/webMessages.js';
import type { Logger } from './logger.js';

function isClientError(error: unknown): error is Error & { status: number } {
  return error instanceof Error && 'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500;
}

export type UnexpectedErrorResponder = (error: unknown, request: IncomingMessage, response: ServerResponse) => void;

/**
 * The one place request failures end. Everything a client can get wrong is answered by the endpoints themselves,
 * so what arrives here is a bug: logged with its (masked) stack, answered with a generic 500 that promises nothing
 * was lost.
 */
export function createUnexpectedErrorResponder(options: { messages: WebMessages; logger: Logger }): UnexpectedErrorResponder {
  return (error, request, response) => {
    if (isClientError(error) && !response.headersSent) {
      // Express's own refusals (e.g. an undecodable path) carry a 4xx status: the request was wrong, not the code.
      sendProblem(response, { status: error.status, code: 'bad_request', messageId: 'web.error.bad_request' }, options.messages);
      return;
    }
    options.logger.error('unexpected error', { method: request.method, path: (request.url ?? '').split('?')[0], error });
    if (response.headersSent) {
      response.destroy();
      return;
    }
    sendProblem(response, { status: 500, code: 'internal_error', messageId: 'web.error.internal' }, options.messages);
  };
}

/** The same, as Express's error middleware. */
export function expressErrorHandler(respond: UnexpectedErrorResponder): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => respond(error, request, response);
}
