import type { HandoffChange, HandoffEvents } from '../ports/handoffEvents.js';

/** This process's listeners; a listener that throws does not keep the change from the others. */
export function createProcessHandoffEvents(onError: (error: unknown) => void = () => undefined): HandoffEvents {
  const listeners = new Set<(change: HandoffChange) => void>();
  return {
    publish(change) {
      for (const listener of [...listeners]) {
        try {
          listener(change);
        } catch (error) {
          onError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
