import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { StaffAccount, StaffRole } from '../../ports/staffStore.js';
import type { StaffAccounts } from '../../staff/staffAccounts.js';
import type { StaffSession, StaffSessions } from '../../ports/staffSessions.js';
import { readStaffCookie } from './staffCookie.js';
import { sendStaffProblem, type StaffMessages } from './staffMessages.js';
import { takeStaffAllowance } from './takeStaffAllowance.js';

export type SignedInStaff = { account: StaffAccount; session: StaffSession };

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in staff member requireStaff found for this request. */
export function signedInStaff(response: Response): SignedInStaff {
  const staff = response.locals['staff'] as SignedInStaff | undefined;
  if (staff === undefined) throw new Error('signedInStaff used on a route without requireStaff');
  return staff;
}

function sameToken(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const left = Buffer.from(sent);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A state-changing request must carry the session's CSRF token in X-CSRF-Token. */
export function hasCsrfToken(request: IncomingMessage, session: StaffSession): boolean {
  if (!unsafeMethods.has(request.method ?? 'GET')) return true;
  const header = request.headers['x-csrf-token'];
  return sameToken(Array.isArray(header) ? header[0] : header, session.csrfToken);
}

export type StaffGateOptions = {
  accounts: StaffAccounts;
  sessions: StaffSessions;
  messages: StaffMessages;
  /** Requests per minute per staff account (not per address: a call centre shares one). */
  perMinute: number;
};

export type RequireStaffOptions = {
  /** Routes a member with a one-time password may still use (whoami, changing it, signing out). */
  beforePasswordChange?: boolean;
};

/**
 * The gate of every staff API (/api/v1/agent/…, /api/v1/editor/…, /api/v1/staff/…): a live session, an account
 * that is still enabled as stored now (a disable takes effect on the next request), the role, a per-account rate
 * limit, and CSRF on anything that changes state.
 */
export function createStaffGate(options: StaffGateOptions) {
  const { accounts, sessions, messages } = options;
  const limiter = new RateLimiterMemory({ points: options.perMinute, duration: 60 });

  const requireStaff =
    (roles: StaffRole | readonly StaffRole[] | 'any', requireOptions: RequireStaffOptions = {}): RequestHandler =>
    (request, response, next) => {
      const token = readStaffCookie(request);
      (async () => {
        const session = token === undefined ? undefined : await sessions.find(token);
        if (session === undefined) {
          sendStaffProblem(response, { status: 401, code: 'signed_out', messageId: 'staff.error.signed_out' }, messages);
          return;
        }
        const account = await accounts.getById(session.staffId);
        if (account === undefined || account.disabled) {
          await sessions.end(session.token);
          sendStaffProblem(response, { status: 401, code: 'signed_out', messageId: 'staff.error.signed_out' }, messages);
          return;
        }
        if (!(await takeStaffAllowance(limiter, account.id, response, messages))) return;
        if (!hasCsrfToken(request, session)) {
          sendStaffProblem(response, { status: 403, code: 'csrf', messageId: 'staff.error.csrf' }, messages);
          return;
        }
        if (account.mustChangePassword && requireOptions.beforePasswordChange !== true) {
          sendStaffProblem(response, { status: 403, code: 'password_change_required', messageId: 'staff.error.password_change_required' }, messages);
          return;
        }
        const allowed = roles === 'any' || (typeof roles === 'string' ? [roles] : roles).includes(account.role);
        if (!allowed) {
          sendStaffProblem(response, { status: 403, code: 'forbidden', messageId: 'staff.error.forbidden' }, messages);
          return;
        }
        response.locals['staff'] = { account, session } satisfies SignedInStaff;
        next();
      })().catch(next);
    };

  return { requireStaff };
}

export type StaffGate = ReturnType<typeof createStaffGate>;
