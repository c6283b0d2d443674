import type { StaffAccount, StaffStore } from '../ports/staffStore.js';

/** Staff accounts in memory: tests and the terminal. */
export function createMemoryStaffStore(): StaffStore {
  const accounts = new Map<string, StaffAccount>();
  return {
    get: async (login) => copy(accounts.get(login)),
    getById: async (id) => copy([...accounts.values()].find((account) => account.id === id)),
    list: async () => [...accounts.values()].map((account) => ({ ...account })),
    create: async (account) => {
      if (accounts.has(account.login)) return { ok: false, reason: 'login-taken' };
      accounts.set(account.login, { ...account });
      return { ok: true };
    },
    update: async (login, change) => {
      const account = accounts.get(login);
      if (account === undefined) return undefined;
      const changed = change({ ...account });
      accounts.set(login, { ...changed, login });
      return { ...changed, login };
    },
  };
}

function copy(account: StaffAccount | undefined): StaffAccount | undefined {
  return account === undefined ? undefined : { ...account };
}
