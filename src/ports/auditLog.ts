import { z } from 'zod';

/** One staff action: who, when, what, and which conversation it touched. Never a raw ID or phone number. */
export const AuditEntrySchema = z.object({
  at: z.string(),
  /** Staff account id, or "cli" for the `npm run staff` command run on the server. */
  staffId: z.string(),
  login: z.string(),
  action: z.string(),
  conversationId: z.string().nullable(),
  /** Masked, short facts about the action (the slot edited, the account changed, the reason given). */
  detail: z.record(z.string(), z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export type AuditQuery = { staffId?: string; conversationId?: string; action?: string };

/** Append-only: entries are never changed, only dropped whole once older than the retention period. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Matching entries, oldest first. */
  list(query?: AuditQuery): Promise<AuditEntry[]>;
  /** Drops entries from before `cutoff` (the retention period); returns how many. */
  prune(cutoff: Date): Promise<number>;
}

export function matchesAuditQuery(entry: AuditEntry, query: AuditQuery): boolean {
  return (
    (query.staffId === undefined || entry.staffId === query.staffId) &&
    (query.conversationId === undefined || entry.conversationId === query.conversationId) &&
    (query.action === undefined || entry.action === query.action)
  );
}
