import type { TurnLocks } from '../ports/turnLocks.js';

/** One process: a promise chain per session, forgotten once it runs empty. */
export function createProcessTurnLocks(): TurnLocks {
  const queues = new Map<string, Promise<unknown>>();
  return {
    run(sessionId, turn) {
      const previous = queues.get(sessionId) ?? Promise.resolve();
      const next = previous.then(turn, turn);
      const settled = next.catch(() => undefined);
      queues.set(sessionId, settled);
      void settled.then(() => {
        if (queues.get(sessionId) === settled) queues.delete(sessionId);
      });
      return next;
    },
  };
}
