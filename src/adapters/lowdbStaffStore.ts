import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { StaffAccountSchema, type StaffAccount, type StaffStore } from '../ports/staffStore.js';
import { withFileLock } from './fileLock.js';

export const staffFileName = 'staff.json';

const StaffFileSchema = z.object({ accounts: z.array(StaffAccountSchema) });
type StaffFile = z.infer<typeof StaffFileSchema>;

export class CorruptStaffFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`staff file ${file} cannot be used (${problem}); it was left as it is`);
    this.name = 'CorruptStaffFileError';
  }
}

/**
 * Staff accounts in DATA_DIR/staff.json, read afresh on every call: an account the command line adds while the
 * server runs can sign in at once, and no server-side copy can be written back over it. Accounts are few and
 * sign-ins rare, so reading a small file per call costs nothing that matters.
 */
export async function openLowdbStaffStore(dataDir: string): Promise<StaffStore> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, staffFileName);
  const database = new Low<StaffFile>(new JSONFile<StaffFile>(file), { accounts: [] });

  const read = async (): Promise<StaffAccount[]> => {
    try {
      await database.read();
    } catch (error) {
      if (error instanceof SyntaxError) throw new CorruptStaffFileError(file, `not valid JSON: ${error.message}`);
      throw error;
    }
    const parsed = StaffFileSchema.safeParse(database.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CorruptStaffFileError(file, issue === undefined ? 'unexpected shape' : `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return parsed.data.accounts;
  };
  const write = async (accounts: StaffAccount[]): Promise<void> => {
    database.data = { accounts };
    await database.write();
  };
  // Fails at start on a damaged file rather than at the first sign-in.
  await read();

  return {
    get: async (login) => (await read()).find((account) => account.login === login),
    getById: async (id) => (await read()).find((account) => account.id === id),
    list: read,
    create: (account) =>
      withFileLock(file, async () => {
        const accounts = await read();
        if (accounts.some((existing) => existing.login === account.login)) return { ok: false, reason: 'login-taken' } as const;
        await write([...accounts, account]);
        return { ok: true } as const;
      }),
    update: (login, change) =>
      withFileLock(file, async () => {
        const accounts = await read();
        const index = accounts.findIndex((account) => account.login === login);
        const account = accounts[index];
        if (account === undefined) return undefined;
        const changed = { ...change({ ...account }), login };
        accounts[index] = changed;
        await write(accounts);
        return changed;
      }),
  };
}
