/**
 * Counts events per name over a sliding window, on the caller's clock (the stub's injected one, so tests move an
 * hour or a day by hand). Keeps the times of the events still inside the window.
 */
export function createWindowCounter(windowMs: number) {
  const events = new Map<string, number[]>();
  const recent = (name: string, time: number): number[] => (events.get(name) ?? []).filter((at) => at > time - windowMs);
  return {
    /** 0 when another event is allowed now; otherwise how long until the oldest one leaves the window. */
    waitBefore(name: string, limit: number, time: number): number {
      const times = recent(name, time);
      events.set(name, times);
      return times.length < limit ? 0 : times[times.length - limit]! + windowMs - time;
    },
    add(name: string, time: number): void {
      events.set(name, [...recent(name, time), time]);
    },
    sweep(time: number): void {
      for (const name of [...events.keys()]) {
        const times = recent(name, time);
        if (times.length === 0) events.delete(name);
        else events.set(name, times);
      }
    },
  };
}
