/**
 * Turns of one conversation run one after another — two tabs, a retry, a late filing result, or (with several
 * instances) requests reaching different processes never interleave on one session.
 */
export interface TurnLocks {
  run<T>(sessionId: string, turn: () => Promise<T>): Promise<T>;
}
