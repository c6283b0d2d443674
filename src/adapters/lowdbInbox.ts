import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Inbox } from '../ports/inbox.js';
import { asideName } from './appendLog.js';
import { addToInbox, emptyInboxBook, InboxBookSchema, listInbox, pruneInbox, resolveInbox, type InboxBook } from './inboxBook.js';

export const inboxFileName = 'inbox.json';

/**
 * The inbox in DATA_DIR/inbox.json (lowdb). It holds one row per distinct question, day and region — what people
 * asked that the assistant could not answer, masked — so it stays small next to the events; this process keeps it in
 * memory and writes the whole file after changes, one write at a time (changes meanwhile share the next). A damaged file is set aside and the inbox
 * starts empty (it is a convenience for editors, never a record anyone depends on).
 */
export async function openLowdbInbox(dataDir: string, onDamaged: (problem: string) => void = () => undefined): Promise<Inbox> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, inboxFileName);
  const database = new Low<InboxBook>(new JSONFile<InboxBook>(file), emptyInboxBook());
  const setAside = async (problem: string): Promise<void> => {
    const aside = asideName(file, 'damaged', new Date());
    await rename(file, aside);
    onDamaged(`${problem} (kept as ${path.basename(aside)})`);
    database.data = emptyInboxBook();
  };
  try {
    await database.read();
    const parsed = InboxBookSchema.safeParse(database.data);
    if (parsed.success) database.data = parsed.data;
    else await setAside(parsed.error.issues[0]?.message ?? 'unexpected shape');
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    await setAside(error.message);
  }
  const book = database.data;
  // Changes made while a write runs share the next write: at most one waits, however many questions arrive.
  let running: Promise<void> = Promise.resolve();
  let scheduled: Promise<void> | undefined;
  const change = (apply: () => void): Promise<void> => {
    apply();
    scheduled ??= running.then(() => {
      scheduled = undefined;
      return database.write();
    });
    running = scheduled.catch(() => undefined);
    return scheduled;
  };
  return {
    record: (question) => change(() => addToInbox(book, question)),
    list: async (query) => structuredClone(listInbox(book, query)),
    resolve: (keys, resolution) => change(() => resolveInbox(book, keys, resolution)),
    prune: async (cutoff) => {
      let dropped = 0;
      await change(() => {
        dropped = pruneInbox(book, cutoff);
      });
      return dropped;
    },
  };
}
