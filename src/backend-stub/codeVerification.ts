import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { CodeRequested, Grant, Requester } from '../ports/bindingBackend.js';
import type { Clock } from '../ports/clock.js';
import { createWindowCounter } from './windowCounter.js';

/** The rules of one-time codes (docs/backend-stub.md); tests and the issue name these numbers. */
export const verificationRules = {
  codeTtlMs: 5 * 60_000,
  triesPerCode: 5,
  resendAfterMs: 60_000,
  sendsPerRequesterPerHour: 3,
  sendsPerPhonePerDay: 20,
  /** After the tries of a code are used up, that session and that address wait this long for the same records. */
  lockoutMs: 15 * 60_000,
  grantTtlMs: 10 * 60_000,
} as const;

const hourMs = 60 * 60_000;
const dayMs = 24 * hourMs;

/** Whose records a code is for: `key` names the subject as asked (ID or record number); null owner: no such records. */
export type CodeTarget = { key: string; owner: { applicantIdNumber: string; phone: string } | null };

export type CodeRefusal = { code: 'too_many_codes' | 'resend_too_soon' | 'code_locked' | 'code_invalid' | 'code_expired'; retryAfterMs?: number };
export type CodeResult<T> = { ok: true; value: T } | { ok: false; refusal: CodeRefusal };

/** Sends the code's text to a phone (the SMS stand-in, or a real gateway). */
export type SendCode = (phone: string, code: string) => void;

export interface CodeVerification {
  request(target: CodeTarget, requester: Requester): CodeResult<CodeRequested>;
  verify(target: CodeTarget, code: string, requester: Requester): CodeResult<Grant>;
  /** Whether a grant is live and was given for this applicant. */
  allows(grant: string, applicantIdNumber: string): boolean;
}

type IssuedCode = { digest: Buffer; applicantIdNumber: string | null; expiresAt: number; resendAt: number; triesLeft: number };

/**
 * One-time codes and the grants they buy, in memory (a restart forgets codes, grants and counters: all short-lived).
 * Codes belong to the session that asked, so a stranger's wrong tries use up the stranger's code and lock out the
 * stranger's session and address — never the owner, who asks from their own. An unknown subject gets a code record
 * too (never sent), so answers, caps and tries are the same whether or not the records exist.
 */
export function createCodeVerification(options: { clock: Clock; send: SendCode; rules?: typeof verificationRules }): CodeVerification {
  const rules = options.rules ?? verificationRules;
  const now = () => options.clock.now().getTime();
  const codes = new Map<string, IssuedCode>();
  const lockouts = new Map<string, number>();
  const grants = new Map<string, { applicantIdNumber: string; expiresAt: number }>();
  const requesterSends = createWindowCounter(hourMs);
  const phoneSends = createWindowCounter(dayMs);
  let lastSweep = now();

  const codeKey = (target: CodeTarget, requester: Requester) => `${target.key}\u0000${requester.session}`;
  const lockKeys = (target: CodeTarget, requester: Requester) => [`${target.key}\u0000s:${requester.session}`, `${target.key}\u0000a:${requester.address}`];
  const lockedFor = (target: CodeTarget, requester: Requester, time: number): number =>
    Math.max(0, ...lockKeys(target, requester).map((key) => (lockouts.get(key) ?? 0) - time));

  /** Expired entries go on a later call, so memory stays bounded without a timer to stop. */
  const sweep = (time: number): void => {
    if (time - lastSweep < 60_000) return;
    lastSweep = time;
    // Kept a while past expiry, so a late try is told "expired" rather than "wrong".
    for (const [key, code] of codes) if (code.expiresAt + rules.codeTtlMs <= time) codes.delete(key);
    for (const [key, until] of lockouts) if (until <= time) lockouts.delete(key);
    for (const [key, grant] of grants) if (grant.expiresAt <= time) grants.delete(key);
    requesterSends.sweep(time);
    phoneSends.sweep(time);
  };

  const refuse = <T>(code: CodeRefusal['code'], retryAfterMs?: number): CodeResult<T> => ({ ok: false, refusal: retryAfterMs === undefined ? { code } : { code, retryAfterMs } });

  return {
    request(target, requester) {
      const time = now();
      sweep(time);
      const locked = lockedFor(target, requester, time);
      if (locked > 0) return refuse('code_locked', locked);
      const key = codeKey(target, requester);
      const earlier = codes.get(key);
      if (earlier !== undefined && earlier.resendAt > time && earlier.expiresAt > time) return refuse('resend_too_soon', earlier.resendAt - time);
      const counted = [`s:${requester.session}`, `a:${requester.address}`];
      const waits = counted.map((name) => requesterSends.waitBefore(name, rules.sendsPerRequesterPerHour, time));
      if (Math.max(...waits) > 0) return refuse('too_many_codes', Math.max(...waits));
      for (const name of counted) requesterSends.add(name, time);

      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      codes.set(key, {
        digest: digestOf(code),
        applicantIdNumber: target.owner?.applicantIdNumber ?? null,
        expiresAt: time + rules.codeTtlMs,
        resendAt: time + rules.resendAfterMs,
        triesLeft: rules.triesPerCode,
      });
      // A phone that had its day's codes gets no more today; the answer stays the same, so it tells nobody the
      // records exist. Nothing is sent where there are no records.
      const phone = target.owner?.phone;
      if (phone !== undefined && phoneSends.waitBefore(phone, rules.sendsPerPhonePerDay, time) === 0) {
        phoneSends.add(phone, time);
        options.send(phone, code);
      }
      return { ok: true, value: { expiresAt: new Date(time + rules.codeTtlMs).toISOString(), resendAfter: new Date(time + rules.resendAfterMs).toISOString() } };
    },

    verify(target, typed, requester) {
      const time = now();
      sweep(time);
      const locked = lockedFor(target, requester, time);
      if (locked > 0) return refuse('code_locked', locked);
      const key = codeKey(target, requester);
      const issued = codes.get(key);
      if (issued === undefined) return refuse('code_invalid');
      if (issued.expiresAt <= time) {
        codes.delete(key);
        return refuse('code_expired');
      }
      const right = /^\d{6}$/.test(typed) && timingSafeEqual(digestOf(typed), issued.digest);
      if (!right || issued.applicantIdNumber === null) {
        issued.triesLeft -= 1;
        if (issued.triesLeft > 0) return refuse('code_invalid');
        codes.delete(key);
        for (const lock of lockKeys(target, requester)) lockouts.set(lock, time + rules.lockoutMs);
        return refuse('code_locked', rules.lockoutMs);
      }
      codes.delete(key);
      const grant = randomBytes(24).toString('base64url');
      const expiresAt = time + rules.grantTtlMs;
      grants.set(grant, { applicantIdNumber: issued.applicantIdNumber, expiresAt });
      return { ok: true, value: { grant, expiresAt: new Date(expiresAt).toISOString() } };
    },

    allows(grant, applicantIdNumber) {
      const found = grants.get(grant);
      return found !== undefined && found.expiresAt > now() && found.applicantIdNumber === applicantIdNumber;
    },
  };
}

/** Codes are compared as digests of equal length, in constant time. */
function digestOf(code: string): Buffer {
  return createHash('sha256').update(code).digest();
}
