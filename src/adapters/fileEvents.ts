import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RecordedEventSchema, type Events, type RecordedEvent } from '../ports/events.js';
import { createEventTally } from './eventTally.js';

export const eventsFileName = 'events.jsonl';

/**
 * The embedded default: one JSON line per event in DATA_DIR/events.jsonl, appended (a turn costs its own bytes,
 * never a rewrite), with the counts per day held in memory and rebuilt at open. Only the retention prune rewrites the
 * file (temp file + rename). Events hold no personal data (questions are masked before they get here). A line that
 * does not parse (a torn last write) is skipped. One process writes the file.
 */
export async function openFileEvents(dataDir: string): Promise<Events> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, eventsFileName);
  const tally = createEventTally();
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const stored: RecordedEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = RecordedEventSchema.safeParse(JSON.parse(line));
      if (parsed.success) stored.push(parsed.data);
    } catch {
      // a torn line from a crash mid-append: the events around it still count
    }
  }
  tally.add(stored);
  // A crash mid-append can leave a last line without its newline; end it, so the next event starts on its own line.
  if (text !== '' && !text.endsWith('\n')) await appendFile(file, '\n', 'utf8');

  /** Writes in order, one at a time, so an append never interleaves with a prune's rewrite. */
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    record: (events) =>
      serialised(async () => {
        const added = tally.add(events.map((event) => RecordedEventSchema.parse(event)));
        if (added.length > 0) await appendFile(file, added.map((event) => `${JSON.stringify(event)}\n`).join(''), 'utf8');
      }),
    counts: async (query) => tally.counts(query),
    questions: async (query) => tally.questions(query),
    prune: (cutoff) =>
      serialised(async () => {
        const { dropped, kept } = tally.prune(cutoff);
        if (dropped === 0) return 0;
        const temporary = `${file}.tmp`;
        await writeFile(temporary, kept.map((event) => `${JSON.stringify(event)}\n`).join(''), 'utf8');
        await rename(temporary, file);
        return dropped;
      }),
  };
}
