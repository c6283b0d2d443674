import type { Input } from '../engine/state.js';
import type { ApplicationRequest } from './bindingBackend.js';

/** What filing an application ended in, exactly as the engine receives it. */
export type FilingResult = Extract<Input, { type: 'application-filed' | 'application-refused' }>;

export type OutboxEntry = {
  /** The idempotency key: one entry per key, and the back end files one application per key. */
  key: string;
  sessionId: string;
  request: ApplicationRequest;
  createdAt: string;
  /** Deliveries tried so far. */
  attempts: number;
  state: 'pending' | 'filed' | 'refused';
  /** Set once the entry is filed or refused. */
  result?: FilingResult;
  settledAt?: string;
};

export type NewOutboxEntry = Pick<OutboxEntry, 'key' | 'sessionId' | 'request' | 'createdAt'>;

/**
 * Applications a person has confirmed, kept until the back end has them. The assistant writes here before it
 * tries the back end, so a crash or an outage never loses a confirmed application.
 */
export interface Outbox {
  /** Durable once resolved. Adding a key that exists changes nothing and returns the entry as it is. */
  add(entry: NewOutboxEntry): Promise<OutboxEntry>;
  get(key: string): Promise<OutboxEntry | undefined>;
  /** Pending entries, oldest first. */
  pending(): Promise<OutboxEntry[]>;
  recordAttempt(key: string): Promise<void>;
  /** Marks the entry filed or refused (by the result's type) and keeps the result. */
  settle(key: string, result: FilingResult, at: Date): Promise<OutboxEntry>;
  /** Forgets settled entries settled before `cutoff`; returns how many. Pending ones are always kept. */
  prune(cutoff: Date): Promise<number>;
}

/** An operation on a key the outbox does not hold: a bug in the caller, never an expected outcome. */
export class UnknownOutboxEntryError extends Error {
  constructor(readonly key: string) {
    super(`no outbox entry with key ${key}`);
    this.name = 'UnknownOutboxEntryError';
  }
}
