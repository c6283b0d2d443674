import type { ErrorRequestHandler } from 'express';
import { apiErrorBody, type ApiProblem } from '../channels/http/apiProblem.js';
import type { WebMessages } from '../channels/http/webMessages.js';
import type { Logger } from './logger.js';

/** The errors express's body parser raises (http-errors with a `type`), each an expected kind of bad request. */
type BodyParserError = Error & { type: string; status: number };

function isBodyParserError(error: unknown): error is BodyParserError {
  return error instanceof Error && 'type' in error && typeof error.type === 'string' && 'status' in error && typeof error.status === 'number';
}

function problemOf(error: BodyParserError, bodyLimit: string): ApiProblem {
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'malformed_json', messageId: 'web.error.malformed_json' };
    case 'entity.too.large':
      return { status: 413, code: 'body_too_large', messageId: 'web.error.body_too_large', values: { limit: bodyLimit } };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'unsupported_media_type', messageId: 'web.error.unsupported_media_type' };
    default:
      return { status: 400, code: 'invalid_body', messageId: 'web.error.invalid_body' };
  }
}

const internal: ApiProblem = { status: 500, code: 'internal_error', messageId: 'web.error.internal' };

/**
 * The one place request errors end: bad bodies become 4xx with Chinese wording; anything else is a bug, logged with
 * its (masked) stack and answered with a generic 500 that promises nothing was lost.
 */
export function createErrorHandler(options: { messages: WebMessages; logger: Logger; bodyLimit: string }): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const problem = isBodyParserError(error) && error.status < 500 ? problemOf(error, options.bodyLimit) : internal;
    if (problem === internal) options.logger.error('unexpected error', { method: request.method, path: request.path, error });
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.status(problem.status).json(apiErrorBody(problem, options.messages));
  };
}
