import type { RequestHandler } from 'express';
import type { Logger } from './logger.js';

/** A session id's first characters are enough to follow one conversation in the logs without exposing the id. */
const sessionPrefixLength = 8;

/** One structured line per request, written when the response is done (or the client went away). */
export function createRequestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const started = performance.now();
    response.on('close', () => {
      const sessionId: unknown = response.locals.sessionId;
      logger.info('request', {
        method: request.method,
        // originalUrl: routers mounted under a prefix rewrite request.url while they run.
        path: request.originalUrl.split('?')[0],
        status: response.statusCode,
        ms: Math.round((performance.now() - started) * 100) / 100,
        session: typeof sessionId === 'string' ? sessionId.slice(0, sessionPrefixLength) : null,
        ...(response.writableFinished ? {} : { aborted: true }),
      });
    });
    next();
  };
}
