import type { Clock } from '../ports/clock.js';
import type { StaffSession, StaffSessions } from '../ports/staffSessions.js';
import { newStaffSessionToken } from '../staff/staffSessionToken.js';

/**
 * Signed-in staff in the server's memory (one instance): a restart signs everyone out (they sign in again; nothing
 * else is lost).
 */
export function createMemoryStaffSessions(options: { clock: Clock; idleMinutes: number }): StaffSessions {
  const sessions = new Map<string, StaffSession>();
  const idleMs = options.idleMinutes * 60_000;

  const sweep = (time: number): void => {
    for (const [key, session] of sessions) if (time - session.lastSeenAt > idleMs) sessions.delete(key);
  };

  return {
    async start(staffId) {
      const time = options.clock.now().getTime();
      sweep(time);
      const session = { token: newStaffSessionToken(), csrfToken: newStaffSessionToken(), staffId, lastSeenAt: time };
      sessions.set(session.token, session);
      return { ...session };
    },
    async find(sessionToken) {
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
    async end(sessionToken) {
      sessions.delete(sessionToken);
    },
    async endAllOf(staffId) {
      for (const [key, session] of sessions) if (session.staffId === staffId) sessions.delete(key);
    },
  };
}
