import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { CallbackTicket, Handoffs } from '../ports/handoffs.js';
import type { PersonalDataCipher } from './personalDataCipher.js';
import { withFileLock } from './fileLock.js';
import { addCallbackTicket, claimHandoff, closeCallbackTicket, heldHandoffs, openCallbacks, recentlyClosedHandoffs, currentHandoff, emptyHandoffBook, enqueueHandoff, handBackHandoff, HandoffBookSchema, presentAgentIds, releaseHandoff, waitingHandoffs, type HandoffBook } from './handoffBook.js';

export const handoffsFileName = 'handoffs.json';

export class CorruptHandoffsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`handoffs file ${file} cannot be used (${problem}); it was left as it is`);
    this.name = 'CorruptHandoffsFileError';
  }
}

/**
 * The handoff queue in DATA_DIR/handoffs.json, read afresh on every call and changed only under the file's lock, so
 * the queue a person waits in survives a restart and every instance or process on the data directory sees one
 * queue: a claim reads and writes under the lock, so a second claim finds the conversation taken. The queue is
 * short (people waiting now, tickets of the day), so whole-file writes cost nothing that matters.
 */
export async function openLowdbHandoffs(dataDir: string, options: { /** Seals callback tickets' phone numbers in the file (personal data at rest). */ cipher?: PersonalDataCipher } = {}): Promise<Handoffs> {
  const { cipher } = options;
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, handoffsFileName);
  const database = new Low<HandoffBook>(new JSONFile<HandoffBook>(file), emptyHandoffBook());

  const read = async (): Promise<HandoffBook> => {
    try {
      await database.read();
    } catch (error) {
      if (error instanceof SyntaxError) throw new CorruptHandoffsFileError(file, `not valid JSON: ${error.message}`);
      throw error;
    }
    const parsed = HandoffBookSchema.safeParse(database.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CorruptHandoffsFileError(file, issue === undefined ? 'unexpected shape' : `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    // A ticket's phone and preferred time are the person's own words: sealed at rest, opened here (plain ones, written
    // before sealing or without a key, read as they are).
    const open = (text: string) => (cipher !== undefined && cipher.isSealed(text) ? cipher.open(text) : text);
    return { ...parsed.data, tickets: parsed.data.tickets.map((ticket) => ({ ...ticket, phone: open(ticket.phone), preferredTime: open(ticket.preferredTime) })) };
  };
  const sealed = (ticket: CallbackTicket): CallbackTicket =>
    cipher === undefined ? ticket : { ...ticket, phone: cipher.seal(ticket.phone), preferredTime: cipher.seal(ticket.preferredTime) };
  const update = <T>(apply: (book: HandoffBook) => T): Promise<T> =>
    withFileLock(file, async () => {
      const book = await read();
      const result = apply(book);
      database.data = { ...book, tickets: book.tickets.map(sealed) };
      await database.write();
      return result;
    });
  // Fails at start on a damaged file rather than when the first person asks for an agent.
  await read();

  return {
    enqueue: (request) => update((book) => enqueueHandoff(book, request)),
    current: async (conversationId) => currentHandoff(await read(), conversationId),
    waiting: async () => waitingHandoffs(await read()),
    held: async () => heldHandoffs(await read()),
    claim: (conversationId, agent, at) => update((book) => claimHandoff(book, conversationId, agent, at)),
    release: (conversationId, agentId) => update((book) => releaseHandoff(book, conversationId, agentId)),
    handBack: (conversationId, agentId, at) => update((book) => handBackHandoff(book, conversationId, agentId, at)),
    requestCallback: (request, at) => update((book) => addCallbackTicket(book, request, at)),
    callbacks: async () => openCallbacks(await read()),
    closeCallback: (ticketNumber, agentId, at) => update((book) => closeCallbackTicket(book, ticketNumber, agentId, at)),
    recentlyClosed: async (limit) => recentlyClosedHandoffs(await read(), limit),
    markPresent: (agentId, at) =>
      update((book) => {
        book.presence[agentId] = at.toISOString();
      }),
    markAbsent: (agentId) =>
      update((book) => {
        delete book.presence[agentId];
      }),
    presentAgents: async (since) => presentAgentIds(await read(), since),
  };
}
