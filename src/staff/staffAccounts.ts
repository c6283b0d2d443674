import type { AuditLog } from '../ports/auditLog.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { StaffAccount, StaffRole, StaffStore } from '../ports/staffStore.js';
import { hashPassword, oneTimePassword, unusableHash, verifyPassword } from './passwordHashing.js';

/** Who did it: a signed-in staff member, or the command line on the server (staffId "cli"). */
export type StaffActor = { staffId: string; login: string };

export const loginPattern = /^[a-z0-9][a-z0-9._-]{1,31}$/;
export const minimumPasswordLength = 10;
/** Failed sign-ins in a row that lock an account, and for how long. */
export const lockoutFailures = 5;
export const lockoutMinutes = 15;

export type AddOutcome = { ok: true; account: StaffAccount; oneTimePassword: string } | { ok: false; reason: 'invalid-login' | 'login-taken' };
export type SignInOutcome = { ok: true; account: StaffAccount } | { ok: false; reason: 'wrong-credentials' } | { ok: false; reason: 'locked'; until: string; minutesLeft: number };
export type PasswordChangeOutcome = { ok: true; account: StaffAccount } | { ok: false; reason: 'wrong-password' | 'too-short' | 'unchanged' };

export type StaffAccounts = ReturnType<typeof createStaffAccounts>;

/** Staff accounts as the command line, the sign-in page and the admin API use them; every change is audited. */
export function createStaffAccounts(dependencies: { store: StaffStore; audit: AuditLog; clock: Clock; ids: Ids }) {
  const { store, audit, clock, ids } = dependencies;
  const now = (): string => clock.now().toISOString();
  const record = (actor: StaffActor, action: string, detail: Record<string, string>): Promise<void> =>
    audit.append({ at: now(), staffId: actor.staffId, login: actor.login, action, conversationId: null, detail });

  return {
    async add(login: string, role: StaffRole, actor: StaffActor): Promise<AddOutcome> {
      const normalized = login.trim().toLowerCase();
      if (!loginPattern.test(normalized)) return { ok: false, reason: 'invalid-login' };
      const password = oneTimePassword();
      const at = now();
      const account: StaffAccount = {
        id: ids.next('staff'),
        login: normalized,
        role,
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
        disabled: false,
        failedSignIns: 0,
        lockedUntil: null,
        createdAt: at,
        updatedAt: at,
      };
      const created = await store.create(account);
      if (!created.ok) return created;
      await record(actor, 'staff.account.added', { account: account.id, login: account.login, role });
      return { ok: true, account, oneTimePassword: password };
    },

    list: (): Promise<StaffAccount[]> => store.list(),
    get: (login: string): Promise<StaffAccount | undefined> => store.get(login.trim().toLowerCase()),
    getById: (id: string): Promise<StaffAccount | undefined> => store.getById(id),

    async disable(login: string, actor: StaffActor): Promise<StaffAccount | undefined> {
      const account = await store.update(login.trim().toLowerCase(), (current) => ({ ...current, disabled: true, updatedAt: now() }));
      if (account !== undefined) await record(actor, 'staff.account.disabled', { account: account.id, login: account.login });
      return account;
    },

    /** A new one-time password; also lifts a lockout and re-enables the account. */
    async reset(login: string, actor: StaffActor): Promise<{ account: StaffAccount; oneTimePassword: string } | undefined> {
      const password = oneTimePassword();
      const passwordHash = await hashPassword(password);
      const account = await store.update(login.trim().toLowerCase(), (current) => ({
        ...current,
        passwordHash,
        mustChangePassword: true,
        disabled: false,
        failedSignIns: 0,
        lockedUntil: null,
        updatedAt: now(),
      }));
      if (account === undefined) return undefined;
      await record(actor, 'staff.account.reset', { account: account.id, login: account.login });
      return { account, oneTimePassword: password };
    },

    /** A disabled account answers like a wrong password: a guesser learns nothing about which logins exist. */
    async signIn(login: string, password: string): Promise<SignInOutcome> {
      const normalized = login.trim().toLowerCase();
      const account = await store.get(normalized);
      if (account === undefined) {
        await verifyPassword(password, await unusableHash());
        return { ok: false, reason: 'wrong-credentials' };
      }
      const time = clock.now();
      const minutesLeft = (until: string): number => Math.max(1, Math.ceil((Date.parse(until) - time.getTime()) / 60_000));
      if (account.lockedUntil !== null && Date.parse(account.lockedUntil) > time.getTime()) {
        return { ok: false, reason: 'locked', until: account.lockedUntil, minutesLeft: minutesLeft(account.lockedUntil) };
      }
      const matches = await verifyPassword(password, account.passwordHash);
      const actor = { staffId: account.id, login: account.login };
      if (!matches || account.disabled) {
        const updated = await store.update(normalized, (current) => {
          const failedSignIns = current.failedSignIns + 1;
          const locks = failedSignIns >= lockoutFailures;
          return {
            ...current,
            failedSignIns: locks ? 0 : failedSignIns,
            lockedUntil: locks ? new Date(time.getTime() + lockoutMinutes * 60_000).toISOString() : current.lockedUntil,
            updatedAt: time.toISOString(),
          };
        });
        await record(actor, 'staff.signin.failed', { reason: account.disabled ? 'disabled' : 'wrong-password' });
        if (updated?.lockedUntil != null && Date.parse(updated.lockedUntil) > time.getTime()) {
          await record(actor, 'staff.account.locked', { until: updated.lockedUntil });
          return { ok: false, reason: 'locked', until: updated.lockedUntil, minutesLeft: minutesLeft(updated.lockedUntil) };
        }
        return { ok: false, reason: 'wrong-credentials' };
      }
      const signedIn =
        (await store.update(normalized, (current) => ({ ...current, failedSignIns: 0, lockedUntil: null, updatedAt: time.toISOString() }))) ?? account;
      await record(actor, 'staff.signin', {});
      return { ok: true, account: signedIn };
    },

    async changePassword(login: string, current: string, next: string): Promise<PasswordChangeOutcome> {
      const account = await store.get(login);
      if (account === undefined || !(await verifyPassword(current, account.passwordHash))) return { ok: false, reason: 'wrong-password' };
      if ([...next].length < minimumPasswordLength) return { ok: false, reason: 'too-short' };
      if (next === current) return { ok: false, reason: 'unchanged' };
      const passwordHash = await hashPassword(next);
      const changed = await store.update(login, (stored) => ({ ...stored, passwordHash, mustChangePassword: false, updatedAt: now() }));
      if (changed === undefined) return { ok: false, reason: 'wrong-password' };
      await record({ staffId: changed.id, login: changed.login }, 'staff.password.changed', {});
      return { ok: true, account: changed };
    },

    record,
  };
}
