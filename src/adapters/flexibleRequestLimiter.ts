import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type pg from 'pg';
import type { RequestLimiter } from '../ports/requestLimiter.js';

/** rate-limiter-flexible's fixed windows: `perMinute` requests per client and minute. */
function limiterOf(limiter: RateLimiterAbstract): RequestLimiter {
  return {
    async take(client) {
      try {
        await limiter.consume(client);
        return { ok: true };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
    },
  };
}

export function createMemoryRequestLimiter(perMinute: number): RequestLimiter {
  return limiterOf(new RateLimiterMemory({ points: perMinute, duration: 60 }));
}

/** Shared by every instance on the database; the table comes from the migrations (db/migrations). */
export function createPostgresRequestLimiter(pool: pg.Pool, perMinute: number): RequestLimiter {
  return limiterOf(
    new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: false, points: perMinute, duration: 60 }),
  );
}
