/**
 * The turn each recent clientMessageId produced, per session, so a message resent after a reconnect is answered
 * again from memory instead of being processed twice. Kept in memory: bounded per session and in sessions.
 */
export class AnsweredMessages<Result> {
  readonly #sessions = new Map<string, Map<string, Promise<Result>>>();
  readonly #perSession: number;
  readonly #sessionLimit: number;

  constructor(options: { perSession?: number; sessionLimit?: number } = {}) {
    this.#perSession = options.perSession ?? 50;
    this.#sessionLimit = options.sessionLimit ?? 10_000;
  }

  /** Runs `work` unless the id was seen (then its first result, even if that turn is still running). */
  answer(sessionId: string, clientMessageId: string, work: () => Promise<Result>): { repeated: boolean; result: Promise<Result> } {
    const answered = this.#sessions.get(sessionId) ?? new Map<string, Promise<Result>>();
    // Re-inserting keeps the map in least-recently-used order, so the oldest session is dropped first.
    this.#sessions.delete(sessionId);
    this.#sessions.set(sessionId, answered);
    const earlier = answered.get(clientMessageId);
    if (earlier !== undefined) return { repeated: true, result: earlier };
    const result = work();
    answered.set(clientMessageId, result);
    // A turn that failed may be tried again with the same id.
    result.catch(() => answered.delete(clientMessageId));
    if (answered.size > this.#perSession) answered.delete(answered.keys().next().value as string);
    if (this.#sessions.size > this.#sessionLimit) this.#sessions.delete(this.#sessions.keys().next().value as string);
    return { repeated: false, result };
  }
}
