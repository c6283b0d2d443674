/**
 * Bot messages carry an increasing seq. After a reconnect the server resends everything after the lastSeq we
 * report, and a repeated clientMessageId makes it resend replies we may already show: showing only seqs above
 * the highest seen keeps every message on screen exactly once.
 */
export class SeqTracker {
  private highest: number;

  constructor(lastSeq = 0) {
    this.highest = lastSeq;
  }

  /** True when the message is new and should be shown; records it as seen. */
  accept(seq: number): boolean {
    if (seq <= this.highest) return false;
    this.highest = seq;
    return true;
  }

  get lastSeq(): number {
    return this.highest;
  }
}
