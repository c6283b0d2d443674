import type pg from 'pg';
import { StaffAccountSchema, type StaffAccount, type StaffStore } from '../ports/staffStore.js';
import { inTransaction } from './postgresTransaction.js';

/**
 * Staff accounts on PostgreSQL, shared by every instance and by `npm run staff`. A change (a failed sign-in
 * counting towards a lockout, a disable, a reset) locks the account's row while it reads and writes it, so two
 * instances counting failures at once count both.
 */
export function createPostgresStaffStore(pool: pg.Pool): StaffStore {
  const accountOf = (row: { document: unknown } | undefined): StaffAccount | undefined => (row === undefined ? undefined : StaffAccountSchema.parse(row.document));
  const one = async (where: 'login' | 'id', value: string) => accountOf((await pool.query<{ document: unknown }>(`SELECT document FROM staff_accounts WHERE ${where} = $1`, [value])).rows[0]);

  return {
    get: (login) => one('login', login),
    getById: (id) => one('id', id),
    async list() {
      const { rows } = await pool.query<{ document: unknown }>(`SELECT document FROM staff_accounts ORDER BY document->>'createdAt', login`);
      return rows.map((row) => StaffAccountSchema.parse(row.document));
    },
    async create(account) {
      const { rowCount } = await pool.query('INSERT INTO staff_accounts (id, login, document) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        account.id,
        account.login,
        StaffAccountSchema.parse(account),
      ]);
      return rowCount === 1 ? { ok: true } : { ok: false, reason: 'login-taken' };
    },
    update: (login, change) =>
      inTransaction(pool, async (client) => {
        const account = accountOf((await client.query<{ document: unknown }>('SELECT document FROM staff_accounts WHERE login = $1 FOR UPDATE', [login])).rows[0]);
        if (account === undefined) return undefined;
        const changed = StaffAccountSchema.parse({ ...change({ ...account }), login });
        await client.query('UPDATE staff_accounts SET document = $2 WHERE login = $1', [login, changed]);
        return changed;
      }),
  };
}
