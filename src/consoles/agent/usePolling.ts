import { useEffect } from 'preact/hooks';

/**
 * Runs `read` now and then every `intervalMs` while the component is on screen, one read at a time (a slow answer
 * never piles up requests behind it).
 */
export function usePolling(read: () => Promise<unknown>, intervalMs: number, key: unknown = null): void {
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await read().catch(() => undefined);
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key]);
}
