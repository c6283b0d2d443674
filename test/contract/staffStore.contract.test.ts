import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLowdbStaffStore } from '../../src/adapters/lowdbStaffStore.js';
import { createMemoryStaffStore } from '../../src/adapters/memoryStaffStore.js';
import type { StaffAccount, StaffStore } from '../../src/ports/staffStore.js';

function account(login: string, overrides: Partial<StaffAccount> = {}): StaffAccount {
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

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'staff-'));
  directories.push(directory);
  return directory;
}

const factories: [string, () => Promise<StaffStore>][] = [
  ['memory', async () => createMemoryStaffStore()],
  ['lowdb', async () => openLowdbStaffStore(await temporaryDirectory())],
];

describe.each(factories)('StaffStore contract: %s', (_name, createStore) => {
  it('finds an account by login and by id once created, and nothing before', async () => {
    const store = await createStore();
    expect(await store.get('li.na')).toBeUndefined();
    expect(await store.create(account('li.na'))).toEqual({ ok: true });
    expect(await store.get('li.na')).toEqual(account('li.na'));
    expect(await store.getById('staff-li.na')).toEqual(account('li.na'));
    expect(await store.list()).toEqual([account('li.na')]);
  });

  it('refuses a second account with a login that is taken, keeping the first', async () => {
    const store = await createStore();
    await store.create(account('li.na'));
    expect(await store.create(account('li.na', { id: 'other', role: 'admin' }))).toEqual({ ok: false, reason: 'login-taken' });
    expect((await store.get('li.na'))?.role).toBe('agent');
  });

  it('updates one account from its stored state and leaves the others alone', async () => {
    const store = await createStore();
    await store.create(account('li.na'));
    await store.create(account('wang.fang'));
    const updated = await store.update('li.na', (current) => ({ ...current, failedSignIns: current.failedSignIns + 1 }));
    await store.update('li.na', (current) => ({ ...current, failedSignIns: current.failedSignIns + 1 }));
    expect(updated?.failedSignIns).toBe(1);
    expect((await store.get('li.na'))?.failedSignIns).toBe(2);
    expect(await store.get('wang.fang')).toEqual(account('wang.fang'));
    expect(await store.update('nobody', (current) => current)).toBeUndefined();
  });

  it('never lets an update rename an account', async () => {
    const store = await createStore();
    await store.create(account('li.na'));
    await store.update('li.na', (current) => ({ ...current, login: 'someone.else' }));
    expect(await store.get('someone.else')).toBeUndefined();
    expect(await store.get('li.na')).toBeDefined();
  });
});

describe('lowdb StaffStore shared by two processes', () => {
  it('sees an account another opener of the same file added, and neither writer erases the other', async () => {
    const directory = await temporaryDirectory();
    const server = await openLowdbStaffStore(directory);
    const commandLine = await openLowdbStaffStore(directory);
    await server.create(account('li.na'));
    await commandLine.create(account('wang.fang'));
    // The server changes its account after the command line added one: both must survive.
    await server.update('li.na', (current) => ({ ...current, failedSignIns: 3 }));
    expect((await server.get('wang.fang'))?.login).toBe('wang.fang');
    expect((await commandLine.list()).map((stored) => stored.login).sort()).toEqual(['li.na', 'wang.fang']);
  });

  it('keeps every account when two openers add at the same moment', async () => {
    const directory = await temporaryDirectory();
    const first = await openLowdbStaffStore(directory);
    const second = await openLowdbStaffStore(directory);
    const logins = Array.from({ length: 12 }, (_, index) => `agent${index}`);
    await Promise.all(logins.map((login, index) => (index % 2 === 0 ? first : second).create(account(login))));
    expect((await first.list()).map((stored) => stored.login).sort()).toEqual([...logins].sort());
  });
});
