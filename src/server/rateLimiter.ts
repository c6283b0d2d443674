import { sendProblem } from '../channels/http/sendJson.js';
import type { WebMessages } from '../channels/http/webMessages.js';
import type { RequestLimiter } from '../ports/requestLimiter.js';
import { clientAddress } from '../channels/http/clientAddress.js';
import type { Middleware } from './middleware.js';

/** Each API request takes one of the client's allowance; past it, 429 with a Chinese message and Retry-After. */
export function createRateLimiter(options: { limiter: RequestLimiter; trustedProxies: number; messages: WebMessages }): Middleware {
  const { limiter, trustedProxies, messages } = options;
  return (request, response, next) => {
    limiter.take(clientAddress(request, trustedProxies)).then((outcome) => {
      if (outcome.ok) {
        next();
        return;
      }
      const seconds = String(outcome.retryAfterSeconds);
      response.setHeader('Retry-After', seconds);
      sendProblem(response, { status: 429, code: 'rate_limited', messageId: 'web.error.rate_limited', values: { seconds } }, messages);
    }, next);
  };
}
