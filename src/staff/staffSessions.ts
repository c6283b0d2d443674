import { randomBytes } from 'node:crypto';
import type { Clock } from '../ports/clock.js';

export type StaffSession = {
  token: string;
  /** Sent back in X-CSRF-Token on every state-changing request; a page from another site cannot read it. */
  csrfToken: string;
  staffId: string;
  lastSeenAt: number;
};

/**
 * Signed-in staff, in the server's memory: a restart signs everyone out (they sign in again; nothing else is
 * lost). Sessions end after STAFF_SESSION_IDLE_MINUTES without a request.
 */
export function createStaffSessions(options: { clock: Clock; idleMinutes: number }) {
  const sessions = new Map<string, StaffSession>();
  const idleMs = options.idleMinutes * 60_000;
  const token = (): string => randomBytes(32).toString('base64url');

  const sweep = (time: number): void => {
    for (const [key, session] of sessions) if (time - session.lastSeenAt > idleMs) sessions.delete(key);
  };

  return {
    start(staffId: string): StaffSession {
      const time = options.clock.now().getTime();
      sweep(time);
      const session = { token: token(), csrfToken: token(), staffId, lastSeenAt: time };
      sessions.set(session.token, session);
      return { ...session };
    },
    /** The live session for this token, its idle timer restarted; undefined when unknown or idle too long. */
    find(sessionToken: string): StaffSession | undefined {
      const session = sessions.get(sessionToken);
      if (session === undefined) return undefined;
      const time = options.clock.now().getTime();
      if (time - session.lastSeenAt > idleMs) {
        sessions.delete(sessionToken);
        return undefined;
      }
      session.lastSeenAt = time;
      return { ...session };
    },
    end(sessionToken: string): void {
      sessions.delete(sessionToken);
    },
    endAllOf(staffId: string): void {
      for (const [key, session] of sessions) if (session.staffId === staffId) sessions.delete(key);
    },
  };
}

export type StaffSessions = ReturnType<typeof createStaffSessions>;
