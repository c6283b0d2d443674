/** Unguessable identifiers (session ids, idempotency keys), injected so tests can be deterministic. */
export interface Ids {
  next(prefix?: string): string;
}
