/** A signed-in staff member's session: the cookie holds `token`; the page holds `csrfToken`. */
export type StaffSession = {
  token: string;
  /** Sent back in X-CSRF-Token on every state-changing request; a page from another site cannot read it. */
  csrfToken: string;
  staffId: string;
  lastSeenAt: number;
};

/**
 * Signed-in staff. Sessions end after STAFF_SESSION_IDLE_MINUTES without a request; with several instances they
 * are shared, so a member signed in on one instance is signed in on all of them, and signing out (or being
 * disabled) ends the session everywhere.
 */
export interface StaffSessions {
  start(staffId: string): Promise<StaffSession>;
  /** The live session for this token, its idle timer restarted; undefined when unknown or idle too long. */
  find(token: string): Promise<StaffSession | undefined>;
  end(token: string): Promise<void>;
  endAllOf(staffId: string): Promise<void>;
}
