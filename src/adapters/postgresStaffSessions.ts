import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Clock } from '../ports/clock.js';
import type { StaffSessions } from '../ports/staffSessions.js';
import { newStaffSessionToken } from '../staff/staffSessionToken.js';

/** Only the token's hash is stored: whoever reads the table cannot sign in with what they read. */
const hashOf = (token: string): string => createHash('sha256').update(token).digest('base64url');

/**
 * Signed-in staff on PostgreSQL: a member who signed in on one instance is signed in on every instance, and
 * signing out, a password change or a disable ends their sessions everywhere. Idle time is counted on the
 * injected clock, as in memory.
 */
export function createPostgresStaffSessions(pool: pg.Pool, options: { clock: Clock; idleMinutes: number }): StaffSessions {
  const idleMs = options.idleMinutes * 60_000;
  const idleSince = (time: number): Date => new Date(time - idleMs);

  return {
    async start(staffId) {
      const time = options.clock.now().getTime();
      // Sessions left idle (the browser closed) go when someone signs in, as in memory.
      await pool.query('DELETE FROM staff_sessions WHERE last_seen_at < $1', [idleSince(time)]);
      const session = { token: newStaffSessionToken(), csrfToken: newStaffSessionToken(), staffId, lastSeenAt: time };
      await pool.query('INSERT INTO staff_sessions (token_hash, csrf_token, staff_id, last_seen_at) VALUES ($1, $2, $3, $4)', [hashOf(session.token), session.csrfToken, staffId, new Date(time)]);
      return session;
    },
    async find(token) {
      const time = options.clock.now().getTime();
      const { rows } = await pool.query<{ csrf_token: string; staff_id: string }>(
        'UPDATE staff_sessions SET last_seen_at = greatest(last_seen_at, $2) WHERE token_hash = $1 AND last_seen_at >= $3 RETURNING csrf_token, staff_id',
        [hashOf(token), new Date(time), idleSince(time)],
      );
      const row = rows[0];
      if (row === undefined) {
        await pool.query('DELETE FROM staff_sessions WHERE token_hash = $1', [hashOf(token)]);
        return undefined;
      }
      return { token, csrfToken: row.csrf_token, staffId: row.staff_id, lastSeenAt: time };
    },
    async end(token) {
      await pool.query('DELETE FROM staff_sessions WHERE token_hash = $1', [hashOf(token)]);
    },
    async endAllOf(staffId) {
      await pool.query('DELETE FROM staff_sessions WHERE staff_id = $1', [staffId]);
    },
  };
}
