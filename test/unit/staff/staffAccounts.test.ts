import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../src/adapters/memoryAuditLog.js';
import { createMemoryStaffStore } from '../../../src/adapters/memoryStaffStore.js';
import { countingIds } from '../../../src/server/createLocalAssistant.js';
import { hashPassword, oneTimePassword, verifyPassword } from '../../../src/staff/passwordHashing.js';
import { createStaffAccounts, lockoutFailures, lockoutMinutes } from '../../../src/staff/staffAccounts.js';

const cli = { staffId: 'cli', login: 'root' };

function setup() {
  let now = Date.parse('2026-11-30T08:00:00.000Z');
  const store = createMemoryStaffStore();
  const audit = createMemoryAuditLog();
  const accounts = createStaffAccounts({ store, audit, clock: { now: () => new Date(now) }, ids: countingIds() });
  return { store, audit, accounts, advance: (ms: number) => (now += ms) };
}

describe('password hashing', () => {
  it('stores a salted scrypt hash that verifies the password and nothing else', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(first).not.toContain('correct horse');
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'garbage')).toBe(false);
  });

  it('makes one-time passwords without look-alike characters', () => {
    const passwords = Array.from({ length: 200 }, () => oneTimePassword());
    expect(new Set(passwords).size).toBe(200);
    for (const password of passwords) expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{14}$/);
  });
});

describe('staff accounts', () => {
  it('adds an account whose one-time password signs in but must be changed first', async () => {
    const { accounts } = setup();
    const added = await accounts.add('Li.Na', 'agent', cli);
    if (!added.ok) throw new Error('not added');
    expect(added.account.login).toBe('li.na');
    expect(added.account.mustChangePassword).toBe(true);
    const signedIn = await accounts.signIn('li.na', added.oneTimePassword);
    expect(signedIn.ok && signedIn.account.mustChangePassword).toBe(true);

    expect(await accounts.changePassword('li.na', added.oneTimePassword, 'short')).toEqual({ ok: false, reason: 'too-short' });
    expect(await accounts.changePassword('li.na', added.oneTimePassword, added.oneTimePassword)).toEqual({ ok: false, reason: 'unchanged' });
    expect(await accounts.changePassword('li.na', 'not-the-password', 'a-much-longer-one')).toEqual({ ok: false, reason: 'wrong-password' });
    const changed = await accounts.changePassword('li.na', added.oneTimePassword, 'a-much-longer-one');
    expect(changed.ok && changed.account.mustChangePassword).toBe(false);
    expect((await accounts.signIn('li.na', added.oneTimePassword)).ok).toBe(false);
    expect((await accounts.signIn('li.na', 'a-much-longer-one')).ok).toBe(true);
  });

  it('refuses a taken or malformed login', async () => {
    const { accounts } = setup();
    await accounts.add('li.na', 'agent', cli);
    expect(await accounts.add('li.na', 'admin', cli)).toEqual({ ok: false, reason: 'login-taken' });
    expect(await accounts.add('李娜', 'agent', cli)).toEqual({ ok: false, reason: 'invalid-login' });
    expect(await accounts.add('-x', 'agent', cli)).toEqual({ ok: false, reason: 'invalid-login' });
  });

  it(`locks an account for ${lockoutMinutes} minutes after ${lockoutFailures} wrong passwords, even for the right one, then lets it in`, async () => {
    const { accounts, advance } = setup();
    const added = await accounts.add('li.na', 'agent', cli);
    if (!added.ok) throw new Error('not added');
    for (let attempt = 1; attempt < lockoutFailures; attempt += 1) expect(await accounts.signIn('li.na', 'wrong')).toEqual({ ok: false, reason: 'wrong-credentials' });
    expect(await accounts.signIn('li.na', 'wrong')).toMatchObject({ ok: false, reason: 'locked', minutesLeft: lockoutMinutes });
    expect(await accounts.signIn('li.na', added.oneTimePassword)).toMatchObject({ ok: false, reason: 'locked' });
    advance(lockoutMinutes * 60_000 - 60_000);
    expect(await accounts.signIn('li.na', added.oneTimePassword)).toMatchObject({ ok: false, reason: 'locked', minutesLeft: 1 });
    advance(60_001);
    expect((await accounts.signIn('li.na', added.oneTimePassword)).ok).toBe(true);
  });

  it('lifts a lockout and issues a new one-time password on reset', async () => {
    const { accounts } = setup();
    await accounts.add('li.na', 'agent', cli);
    for (let attempt = 0; attempt < lockoutFailures; attempt += 1) await accounts.signIn('li.na', 'wrong');
    const reset = await accounts.reset('li.na', cli);
    expect(reset?.account.mustChangePassword).toBe(true);
    expect((await accounts.signIn('li.na', reset?.oneTimePassword ?? '')).ok).toBe(true);
  });

  it('answers a disabled account and an unknown login exactly like a wrong password', async () => {
    const { accounts } = setup();
    const added = await accounts.add('li.na', 'agent', cli);
    if (!added.ok) throw new Error('not added');
    await accounts.disable('li.na', cli);
    expect(await accounts.signIn('li.na', added.oneTimePassword)).toEqual({ ok: false, reason: 'wrong-credentials' });
    expect(await accounts.signIn('nobody', 'whatever')).toEqual({ ok: false, reason: 'wrong-credentials' });
  });

  it('audits every change with who made it, and never a password', async () => {
    const { accounts, audit } = setup();
    const added = await accounts.add('li.na', 'agent', cli);
    if (!added.ok) throw new Error('not added');
    await accounts.signIn('li.na', 'wrong');
    await accounts.signIn('li.na', added.oneTimePassword);
    await accounts.changePassword('li.na', added.oneTimePassword, 'a-much-longer-one');
    await accounts.disable('li.na', cli);
    const entries = await audit.list();
    expect(entries.map((entry) => [entry.staffId, entry.action])).toEqual([
      ['cli', 'staff.account.added'],
      [added.account.id, 'staff.signin.failed'],
      [added.account.id, 'staff.signin'],
      [added.account.id, 'staff.password.changed'],
      ['cli', 'staff.account.disabled'],
    ]);
    expect(JSON.stringify(entries)).not.toContain(added.oneTimePassword);
    expect(JSON.stringify(entries)).not.toContain('a-much-longer-one');
  });
});
