import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffAccount, StaffStore } from '../../src/ports/staffStore.js';

export function staffAccount(login: string, overrides: Partial<StaffAccount> = {}): StaffAccount {
  return {
    id: `staff-${login}`,
    login,
    role: 'agent',
    passwordHash: 'scrypt$1$1$1$c2FsdA$aGFzaA',
    mustChangePassword: true,
    disabled: false,
    failedSignIns: 0,
    lockedUntil: null,
    createdAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-11-30T08:00:00.000Z',
    ...overrides,
  };
}

/**
 * The StaffStore contract; `open` gives an empty store, and for shared stores `another`: a second process's view of
 * the same accounts (the `npm run staff` command beside the server, or another instance).
 */
export function runStaffStoreContract(name: 'memory' | 'lowdb' | 'postgres', open: () => Promise<{ store: StaffStore; another?: () => Promise<StaffStore> }>): void {
  describe(`StaffStore contract: ${name}`, () => {
    let store: StaffStore;
    let another: (() => Promise<StaffStore>) | undefined;
    beforeEach(async () => {
      ({ store, another } = await open());
    });

    it('finds an account by login and by id once created, and nothing before', async () => {
      expect(await store.get('li.na')).toBeUndefined();
      expect(await store.create(staffAccount('li.na'))).toEqual({ ok: true });
      expect(await store.get('li.na')).toEqual(staffAccount('li.na'));
      expect(await store.getById('staff-li.na')).toEqual(staffAccount('li.na'));
      expect(await store.list()).toEqual([staffAccount('li.na')]);
    });

    it('refuses a second account with a login that is taken, keeping the first', async () => {
      await store.create(staffAccount('li.na'));
      expect(await store.create(staffAccount('li.na', { id: 'other', role: 'admin' }))).toEqual({ ok: false, reason: 'login-taken' });
      expect((await store.get('li.na'))?.role).toBe('agent');
    });

    it('updates one account from its stored state and leaves the others alone', async () => {
      await store.create(staffAccount('li.na'));
      await store.create(staffAccount('wang.fang'));
      const updated = await store.update('li.na', (current) => ({ ...current, failedSignIns: current.failedSignIns + 1 }));
      await store.update('li.na', (current) => ({ ...current, failedSignIns: current.failedSignIns + 1 }));
      expect(updated?.failedSignIns).toBe(1);
      expect((await store.get('li.na'))?.failedSignIns).toBe(2);
      expect(await store.get('wang.fang')).toEqual(staffAccount('wang.fang'));
      expect(await store.update('nobody', (current) => current)).toBeUndefined();
    });

    it('never lets an update rename an account', async () => {
      await store.create(staffAccount('li.na'));
      await store.update('li.na', (current) => ({ ...current, login: 'someone.else' }));
      expect(await store.get('someone.else')).toBeUndefined();
      expect(await store.get('li.na')).toBeDefined();
    });

    it('sees an account another process added, and neither writer erases the other', async () => {
      if (another === undefined) return;
      const commandLine = await another();
      await store.create(staffAccount('li.na'));
      await commandLine.create(staffAccount('wang.fang'));
      // The server changes its account after the command line added one: both must survive.
      await store.update('li.na', (current) => ({ ...current, failedSignIns: 3 }));
      expect((await store.get('wang.fang'))?.login).toBe('wang.fang');
      expect((await commandLine.list()).map((stored) => stored.login).sort()).toEqual(['li.na', 'wang.fang']);
      expect((await commandLine.get('li.na'))?.failedSignIns).toBe(3);
    });

    it('keeps every account when two processes add at the same moment', async () => {
      if (another === undefined) return;
      const second = await another();
      const logins = Array.from({ length: 12 }, (_, index) => `agent${index}`);
      await Promise.all(logins.map((login, index) => (index % 2 === 0 ? store : second).create(staffAccount(login))));
      expect((await store.list()).map((stored) => stored.login).sort()).toEqual([...logins].sort());
    });

    it('counts every failed sign-in when two processes count them at the same moment (lockouts hold across instances)', async () => {
      if (another === undefined) return;
      const second = await another();
      await store.create(staffAccount('li.na'));
      await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? store : second).update('li.na', (current) => ({ ...current, failedSignIns: current.failedSignIns + 1 }))));
      expect((await second.get('li.na'))?.failedSignIns).toBe(10);
    });
  });
}
