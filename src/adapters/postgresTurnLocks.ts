import type pg from 'pg';
import type { TurnLocks } from '../ports/turnLocks.js';
import { createProcessTurnLocks } from './processTurnLocks.js';

/**
 * Turn order across instances: a session-level advisory lock on the conversation's id, held on a connection of its
 * own for the turn (the turn commits on another). Turns within this process queue first, so a busy conversation
 * waits in memory instead of holding connections. If the process dies, PostgreSQL ends its connections and so its
 * locks: a crash never leaves a conversation locked.
 */
export function createPostgresTurnLocks(pool: pg.Pool): TurnLocks {
  const local = createProcessTurnLocks();
  return {
    run: (sessionId, turn) =>
      local.run(sessionId, async () => {
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [sessionId]);
          try {
            return await turn();
          } finally {
            await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [sessionId]).catch(() => {
              // A connection that cannot unlock is closed instead, which releases its locks.
              broken = true;
            });
          }
        } finally {
          client.release(broken);
        }
      }),
  };
}
