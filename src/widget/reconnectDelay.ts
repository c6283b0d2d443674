/** Reconnect backoff: 0.5 s after the first drop, doubling up to 8 s. */
const firstReconnectDelayMs = 500;
const maxReconnectDelayMs = 8000;

/**
 * Milliseconds to wait before reconnect attempt number `attempt` (0 for the first).
 * A ±20 % jitter keeps many pages that lost the same server from reconnecting in lockstep.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const nominal = firstReconnectDelayMs * 2 ** Math.min(Math.max(attempt, 0), 10);
  return Math.round(Math.min(maxReconnectDelayMs, nominal * (0.8 + 0.4 * random())));
}
