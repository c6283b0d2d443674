import { Router, type Request, type RequestHandler } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { z } from 'zod';
import { StaffRoleSchema, type StaffAccount } from '../../ports/staffStore.js';
import type { StaffAccounts } from '../../staff/staffAccounts.js';
import type { StaffSessions } from '../../ports/staffSessions.js';
import { sendJson, sendProblem } from '../http/sendJson.js';
import type { WebMessages } from '../http/webMessages.js';
import { clearStaffCookie, readStaffCookie, setStaffCookie } from './staffCookie.js';
import { signedInStaff, type StaffGate } from './staffGate.js';
import { sendStaffProblem, type StaffMessages } from './staffMessages.js';
import { handled } from '../http/handled.js';
import { createStaffBodyReader } from './readStaffBody.js';
import { takeStaffAllowance } from './takeStaffAllowance.js';

/** Sign-in attempts per address per minute: lockout guards each account, this guards against spraying many. */
const signInsPerAddressPerMinute = 60;

/** What the API tells about an account: never the hash. */
export function publicAccount(account: StaffAccount) {
  return {
    id: account.id,
    login: account.login,
    role: account.role,
    mustChangePassword: account.mustChangePassword,
    disabled: account.disabled,
    lockedUntil: account.lockedUntil,
    createdAt: account.createdAt,
  };
}

const SignInSchema = z.object({ login: z.string().max(64), password: z.string().max(256) });
const PasswordChangeSchema = z.object({ current: z.string().max(256), next: z.string().max(256) });
const NewAccountSchema = z.object({ login: z.string().max(64), role: StaffRoleSchema });

/** Who is signed in, and the CSRF token their pages send back; also the answer of GET /api/v1/agent/whoami. */
export const whoami: RequestHandler = (_request, response) => {
  const { account, session } = signedInStaff(response);
  response.set('Cache-Control', 'no-store');
  sendJson(response, 200, { staff: publicAccount(account), csrfToken: session.csrfToken });
};

/** Sign-in has no session yet to carry a CSRF token: a browser's cross-site POST names its foreign Origin. */
function isSameOrigin(request: Request): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export type StaffRoutesOptions = {
  accounts: StaffAccounts;
  sessions: StaffSessions;
  gate: StaffGate;
  messages: StaffMessages;
  webMessages: WebMessages;
};

/** /api/v1/staff/…: sign-in, sign-out, password change, and account administration (admins only). */
export function createStaffRoutes(options: StaffRoutesOptions): Router {
  const { accounts, sessions, gate, messages, webMessages } = options;
  const router = Router();
  const signInLimiter = new RateLimiterMemory({ points: signInsPerAddressPerMinute, duration: 60 });

  const body = createStaffBodyReader(messages, webMessages);

  router.post(
    '/signin',
    handled(async (request, response) => {
      if (!isSameOrigin(request)) {
        sendStaffProblem(response, { status: 403, code: 'csrf', messageId: 'staff.error.csrf' }, messages);
        return;
      }
      if (!(await takeStaffAllowance(signInLimiter, request.socket.remoteAddress ?? 'unknown', response, messages))) return;
      const credentials = await body(request, response, SignInSchema);
      if (credentials === undefined) return;
      const outcome = await accounts.signIn(credentials.login, credentials.password);
      if (!outcome.ok) {
        if (outcome.reason === 'locked') {
          sendStaffProblem(response, { status: 423, code: 'locked', messageId: 'staff.error.locked', values: { minutes: String(outcome.minutesLeft) } }, messages);
        } else {
          sendStaffProblem(response, { status: 401, code: 'wrong_credentials', messageId: 'staff.error.wrong_credentials' }, messages);
        }
        return;
      }
      const previous = readStaffCookie(request);
      if (previous !== undefined) await sessions.end(previous);
      const session = await sessions.start(outcome.account.id);
      setStaffCookie(request, response, session.token);
      sendJson(response, 200, { staff: publicAccount(outcome.account), csrfToken: session.csrfToken });
    }),
  );

  const anyStaff = gate.requireStaff('any', { beforePasswordChange: true });
  router.get('/me', anyStaff, whoami);

  router.post(
    '/signout',
    anyStaff,
    handled(async (request, response) => {
      const { account, session } = signedInStaff(response);
      await sessions.end(session.token);
      clearStaffCookie(request, response);
      await accounts.record({ staffId: account.id, login: account.login }, 'staff.signout', {});
      response.status(204).end();
    }),
  );

  router.post(
    '/password',
    anyStaff,
    handled(async (request, response) => {
      const { account } = signedInStaff(response);
      const change = await body(request, response, PasswordChangeSchema);
      if (change === undefined) return;
      const outcome = await accounts.changePassword(account.login, change.current, change.next);
      if (!outcome.ok) {
        const problem = {
          'wrong-password': { status: 400, code: 'wrong_password', messageId: 'staff.error.wrong_password' },
          'too-short': { status: 400, code: 'password_too_short', messageId: 'staff.error.password_too_short', values: { length: '10' } },
          unchanged: { status: 400, code: 'password_unchanged', messageId: 'staff.error.password_unchanged' },
        } as const;
        sendStaffProblem(response, problem[outcome.reason], messages);
        return;
      }
      // Other sessions opened with the old password end; this one goes on.
      await sessions.endAllOf(account.id);
      const renewed = await sessions.start(account.id);
      setStaffCookie(request, response, renewed.token);
      sendJson(response, 200, { staff: publicAccount(outcome.account), csrfToken: renewed.csrfToken });
    }),
  );

  const admin = gate.requireStaff('admin');
  router.get(
    '/accounts',
    admin,
    handled(async (_request, response) => {
      sendJson(response, 200, { accounts: (await accounts.list()).map(publicAccount) });
    }),
  );
  router.post(
    '/accounts',
    admin,
    handled(async (request, response) => {
      const { account } = signedInStaff(response);
      const wanted = await body(request, response, NewAccountSchema);
      if (wanted === undefined) return;
      const outcome = await accounts.add(wanted.login, wanted.role, { staffId: account.id, login: account.login });
      if (!outcome.ok) {
        const problem =
          outcome.reason === 'login-taken'
            ? ({ status: 409, code: 'login_taken', messageId: 'staff.error.login_taken' } as const)
            : ({ status: 400, code: 'invalid_login', messageId: 'staff.error.invalid_login' } as const);
        sendStaffProblem(response, problem, messages);
        return;
      }
      sendJson(response, 201, { account: publicAccount(outcome.account), oneTimePassword: outcome.oneTimePassword });
    }),
  );
  router.post(
    '/accounts/:login/:action',
    admin,
    handled(async (request, response) => {
      const { account } = signedInStaff(response);
      const actor = { staffId: account.id, login: account.login };
      const login = String(request.params['login']);
      const action = request.params['action'];
      if (action === 'disable') {
        const disabled = await accounts.disable(login, actor);
        if (disabled !== undefined) {
          await sessions.endAllOf(disabled.id);
          sendJson(response, 200, { account: publicAccount(disabled) });
          return;
        }
      } else if (action === 'reset') {
        const reset = await accounts.reset(login, actor);
        if (reset !== undefined) {
          await sessions.endAllOf(reset.account.id);
          sendJson(response, 200, { account: publicAccount(reset.account), oneTimePassword: reset.oneTimePassword });
          return;
        }
      } else {
        sendProblem(response, { status: 404, code: 'not_found', messageId: 'web.error.not_found' }, webMessages);
        return;
      }
      sendStaffProblem(response, { status: 404, code: 'unknown_account', messageId: 'staff.error.unknown_account' }, messages);
    }),
  );
  return router;
}
