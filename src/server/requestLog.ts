import { responseSession } from '../channels/http/responseSession.js';
import type { Logger } from './logger.js';
import type { Middleware } from './middleware.js';

/** A session id's first characters are enough to follow one conversation in the logs without exposing the id. */
const sessionPrefixLength = 8;

/** One structured line per request, written when the response is done (or the client went away). */
export function createRequestLog(logger: Logger): Middleware {
  return (request, response, next) => {
    const started = performance.now();
    // Read now: routers mounted under a prefix rewrite request.url while they run.
    const path = (request.url ?? '').split('?')[0];
    response.on('close', () => {
      const sessionId = responseSession(response);
      logger.info('request', {
        method: request.method,
        path,
        status: response.statusCode,
        ms: Math.round((performance.now() - started) * 100) / 100,
        session: sessionId === undefined ? null : sessionId.slice(0, sessionPrefixLength),
        ...(response.writableFinished ? {} : { aborted: true }),
      });
    });
    next();
  };
}
