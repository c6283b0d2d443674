import type pg from 'pg';
import { AuditEntrySchema, type AuditLog } from '../ports/auditLog.js';

type AuditRow = { at: Date; staff_id: string; login: string; action: string; conversation_id: string | null; detail: Record<string, string> };

/**
 * The audit log on PostgreSQL, one row per staff action from every instance. The table refuses UPDATE (a
 * trigger): entries are added, and dropped whole past retention, never changed.
 */
export function createPostgresAuditLog(pool: pg.Pool): AuditLog {
  return {
    async append(entry) {
      const valid = AuditEntrySchema.parse(entry);
      await pool.query('INSERT INTO audit_log (at, staff_id, login, action, conversation_id, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
        valid.at,
        valid.staffId,
        valid.login,
        valid.action,
        valid.conversationId,
        valid.detail,
      ]);
    },
    async list(query = {}) {
      const conditions: string[] = [];
      const values: string[] = [];
      for (const [column, value] of [
        ['staff_id', query.staffId],
        ['conversation_id', query.conversationId],
        ['action', query.action],
      ] as const) {
        if (value === undefined) continue;
        values.push(value);
        conditions.push(`${column} = $${values.length}`);
      }
      const { rows } = await pool.query<AuditRow>(`SELECT * FROM audit_log ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY position`, values);
      return rows.map((row) => ({ at: row.at.toISOString(), staffId: row.staff_id, login: row.login, action: row.action, conversationId: row.conversation_id, detail: row.detail }));
    },
    async prune(cutoff) {
      return (await pool.query('DELETE FROM audit_log WHERE at < $1', [cutoff])).rowCount ?? 0;
    },
  };
}
