/**
 * How many requests a client may make: the public API and the websocket's messages take one each. In memory for one
 * instance; shared through the database when several instances serve the same people.
 */
export interface RequestLimiter {
  take(client: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
}
