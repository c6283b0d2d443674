/** A message the person sent that the server has not answered yet. */
export type OutgoingMessage = { clientMessageId: string; text: string };

/**
 * Unacknowledged messages, oldest first. They are kept (and stored) until a reply naming their clientMessageId
 * arrives, and are sent again with the same id after a reconnect; the server answers a repeated id without
 * processing it twice, so nothing is lost and nothing is done twice.
 */
export class Outbox {
  private readonly queue: OutgoingMessage[];

  constructor(messages: readonly OutgoingMessage[] = []) {
    this.queue = [...messages];
  }

  add(message: OutgoingMessage): void {
    this.queue.push(message);
  }

  /** Removes the message; false when it was not waiting (already acknowledged, or never sent from here). */
  acknowledge(clientMessageId: string): boolean {
    const index = this.queue.findIndex((message) => message.clientMessageId === clientMessageId);
    if (index === -1) return false;
    this.queue.splice(index, 1);
    return true;
  }

  clear(): void {
    this.queue.length = 0;
  }

  messages(): readonly OutgoingMessage[] {
    return [...this.queue];
  }
}
