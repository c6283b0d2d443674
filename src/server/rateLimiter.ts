import { sendProblem } from '../channels/http/sendJson.js';
import type { WebMessages } from '../channels/http/webMessages.js';
import type { Middleware } from './middleware.js';

type Bucket = { tokens: number; updatedAt: number };

/** Full buckets are forgotten this often, so clients that came once do not stay in memory. */
const sweepEveryMs = 60_000;

/**
 * A token bucket per client IP, in memory: a client may burst up to a minute's allowance, then gets one request
 * per (60 s / limit). The sweep runs inline on requests, so there is no timer to stop.
 */
export function createRateLimiter(options: { perMinute: number; messages: WebMessages; now?: () => number }): Middleware {
  const { perMinute, messages } = options;
  const now = options.now ?? Date.now;
  const refillPerMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();

  const sweep = (time: number): void => {
    lastSweep = time;
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (time - bucket.updatedAt) * refillPerMs >= perMinute) buckets.delete(key);
    }
  };

  return (request, response, next) => {
    const time = now();
    if (time - lastSweep >= sweepEveryMs) sweep(time);
    const key = request.socket.remoteAddress ?? 'unknown';
    const bucket = buckets.get(key) ?? { tokens: perMinute, updatedAt: time };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (time - bucket.updatedAt) * refillPerMs);
    bucket.updatedAt = time;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      next();
      return;
    }
    const seconds = String(Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)));
    response.setHeader('Retry-After', seconds);
    sendProblem(response, { status: 429, code: 'rate_limited', messageId: 'web.error.rate_limited', values: { seconds } }, messages);
  };
}
