import { AuditEntrySchema, matchesAuditQuery, type AuditEntry, type AuditLog } from '../ports/auditLog.js';

export function createMemoryAuditLog(): AuditLog {
  let entries: AuditEntry[] = [];
  return {
    append: async (entry) => {
      entries.push(AuditEntrySchema.parse(entry));
    },
    list: async (query = {}) => entries.filter((entry) => matchesAuditQuery(entry, query)).map((entry) => ({ ...entry })),
    prune: async (cutoff) => {
      const before = entries.length;
      entries = entries.filter((entry) => Date.parse(entry.at) >= cutoff.getTime());
      return before - entries.length;
    },
  };
}
