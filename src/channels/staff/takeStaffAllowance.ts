import type { Response } from 'express';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { sendStaffProblem, type StaffMessages } from './staffMessages.js';

/**
 * Takes one request of `key`'s allowance; past it, answers 429 with Retry-After and the staff's words for it, and
 * says the request goes no further.
 */
export async function takeStaffAllowance(limiter: RateLimiterAbstract, key: string, response: Response, messages: StaffMessages): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    response.setHeader('Retry-After', seconds);
    sendStaffProblem(response, { status: 429, code: 'rate_limited', messageId: 'staff.error.rate_limited', values: { seconds } }, messages);
    return false;
  }
}
