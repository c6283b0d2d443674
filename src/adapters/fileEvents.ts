import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chinaDay, RecordedEventSchema, type Events, type RecordedEvent } from '../ports/events.js';
import { createEventTally } from './eventTally.js';

export const eventsFileName = 'events.jsonl';

/**
 * The embedded default: one JSON line per event in DATA_DIR/events.jsonl, appended (a turn costs its own bytes,
 * never a rewrite), with the counts and questions per day held in memory and rebuilt from the file in the background
 * at open. Only the daily retention
 * prune rewrites the file (temp file + rename), keeping whole China days. Events hold no personal data (questions are masked before they get here). A line that
 * does not parse (a torn last write) is skipped. One process writes the file.
 */
export async function openFileEvents(dataDir: string): Promise<Events> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, eventsFileName);
  const tally = createEventTally();
  // Read in the background: a start never waits for months of events; every call waits for them instead.
  const loading = (async () => {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    tally.add(storedEvents(text));
    // A crash mid-append can leave a last line without its newline; end it, so the next event starts on its own line.
    if (text !== '' && !text.endsWith('\n')) await appendFile(file, '\n', 'utf8');
  })();
  loading.catch(() => undefined);

  /** Writes in order, one at a time, so an append never interleaves with a prune's rewrite. */
  let queue: Promise<unknown> = loading;
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
    counts: async (query) => {
      await loading;
      return tally.counts(query);
    },
    questions: async (query) => {
      await loading;
      return tally.questions(query);
    },
    prune: (cutoff) =>
      serialised(async () => {
        const dropped = tally.prune(cutoff);
        if (dropped === 0) return 0;
        // Once a day: the file is read again and only the days still counted are written back.
        const cutoffDay = chinaDay(cutoff);
        const kept = storedEvents(await readFile(file, 'utf8')).filter((event) => chinaDay(event.at) >= cutoffDay);
        const temporary = `${file}.tmp`;
        await writeFile(temporary, kept.map((event) => `${JSON.stringify(event)}\n`).join(''), 'utf8');
        await rename(temporary, file);
        return dropped;
      }),
  };
}

/** The events of the file's text; a line that does not parse (a torn last write) is skipped. */
function storedEvents(text: string): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      // Lines this store wrote after checking them: read back without checking each field again (a start on a year of events).
      const event = JSON.parse(line) as RecordedEvent;
      if (typeof event.at === 'string' && typeof event.type === 'string') events.push(event);
    } catch {
      // a torn line from a crash mid-append: the events around it still count
    }
  }
  return events;
}
