import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../ports/clock.js';

/**
 * Signed session tokens: `<sessionId base64url>.<expiry ms base36>.<HMAC-SHA256 base64url>`. The websocket
 * believes nothing else about who is talking, so a token names exactly one session and cannot be made up or
 * stretched past its expiry without the server's secret.
 */

export type TokenCheck = { ok: true; sessionId: string; expiresAt: Date } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export interface SessionTokens {
  issue(sessionId: string): string;
  verify(token: string): TokenCheck;
}

/** Long enough to outlive any conversation and a page left open overnight; every /session call renews it. */
export const defaultTokenLifetimeMs = 24 * 60 * 60 * 1000;

export function createSessionTokens(options: { secret: string; clock: Clock; lifetimeMs?: number }): SessionTokens {
  const lifetimeMs = options.lifetimeMs ?? defaultTokenLifetimeMs;
  const sign = (payload: string): Buffer => createHmac('sha256', options.secret).update(payload).digest();
  return {
    issue(sessionId) {
      const payload = `${Buffer.from(sessionId, 'utf8').toString('base64url')}.${(options.clock.now().getTime() + lifetimeMs).toString(36)}`;
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    verify(token) {
      const parts = token.split('.');
      const [encodedId, encodedExpiry, signature] = parts;
      if (parts.length !== 3 || !encodedId || !encodedExpiry || !signature || !/^[0-9a-z]+$/.test(encodedExpiry)) {
        return { ok: false, reason: 'malformed' };
      }
      const expected = sign(`${encodedId}.${encodedExpiry}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
      const expiresAt = new Date(Number.parseInt(encodedExpiry, 36));
      if (expiresAt.getTime() <= options.clock.now().getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, sessionId: Buffer.from(encodedId, 'base64url').toString('utf8'), expiresAt };
    },
  };
}
