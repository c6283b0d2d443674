import { z } from 'zod';

/** Who may do what: agents take calls, editors write content, approvers publish it, admins run staff accounts. */
export const StaffRoleSchema = z.enum(['agent', 'editor', 'approver', 'admin']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const StaffAccountSchema = z.object({
  /** Stable id written into the audit log; the login may be shown, the id is what ties actions together. */
  id: z.string().min(1),
  login: z.string().min(1),
  role: StaffRoleSchema,
  /** scrypt hash with its parameters and salt (see src/staff/passwordHashing.ts); never the password. */
  passwordHash: z.string().min(1),
  /** Set by `add` and `reset`: the one-time password only opens the page that changes it. */
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  /** Failed sign-ins in a row; reset by a good one. */
  failedSignIns: z.number().int().min(0),
  /** ISO time until which sign-in is refused after too many failures. */
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StaffAccount = z.infer<typeof StaffAccountSchema>;

/**
 * Staff accounts. Every call reads the store as it is now (the `npm run staff` command writes it from another
 * process while the server runs), and every change is a read-modify-write of one account, so neither process
 * erases what the other wrote.
 */
export interface StaffStore {
  get(login: string): Promise<StaffAccount | undefined>;
  getById(id: string): Promise<StaffAccount | undefined>;
  list(): Promise<StaffAccount[]>;
  /** Adds the account unless its login is taken. */
  create(account: StaffAccount): Promise<{ ok: true } | { ok: false; reason: 'login-taken' }>;
  /** Applies `change` to the account as stored now; undefined when there is no such login. */
  update(login: string, change: (account: StaffAccount) => StaffAccount): Promise<StaffAccount | undefined>;
}
