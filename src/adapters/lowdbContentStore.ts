import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { withFileLock } from './fileLock.js';
import { ContentRecordSchema, emptyContentRecord, type ContentRecord, type ContentStore } from '../ports/contentStore.js';

export const contentFileName = 'content.json';

/** A content file that could not be read as it was: it is kept aside under a new name, never overwritten. */
export type ContentFileProblem = { keptAs: string; reason: string };

/**
 * Content versions in DATA_DIR/content.json (lowdb: atomic temp file + rename). Read afresh whenever the file
 * changed on disk (another server process published), otherwise served from the last read; every update is a
 * read-modify-write of the file as it is now, one at a time across the processes sharing the file (its lock).
 */
export async function openLowdbContentStore(options: { dataDir: string; onFileProblem: (problem: ContentFileProblem) => void }): Promise<ContentStore> {
  await mkdir(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, contentFileName);
  const database = new Low<ContentRecord>(new JSONFile<ContentRecord>(file), emptyContentRecord());
  let cached: { stamp: string; record: ContentRecord } | null = null;

  const stampOf = async (): Promise<string> =>
    stat(file).then(
      (info) => `${info.mtimeMs}:${info.size}:${info.ino}`,
      () => 'absent',
    );

  const read = async (): Promise<ContentRecord> => {
    const stamp = await stampOf();
    if (cached?.stamp === stamp) return structuredClone(cached.record);
    let problem: string | null = null;
    try {
      await database.read();
      const parsed = ContentRecordSchema.safeParse(database.data);
      if (parsed.success) {
        cached = { stamp, record: parsed.data };
        return structuredClone(parsed.data);
      }
      problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).slice(0, 3).join('; ');
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      problem = `not valid JSON: ${error.message}`;
    }
    // Damaged: kept aside for a person to look at; the server goes on as if the store were new (seeded again).
    const keptAs = `${file}.damaged-${Date.now()}`;
    await rename(file, keptAs);
    options.onFileProblem({ keptAs, reason: problem });
    cached = null;
    return emptyContentRecord();
  };

  let queue: Promise<unknown> = Promise.resolve();
  return {
    read,
    update(change) {
      // The queue orders this process's changes; the file lock orders them with other processes on the same file.
      const next = queue.then(() =>
        withFileLock(file, async () => {
          const { record, result } = change(await read());
          database.data = record;
          await database.write();
          cached = { stamp: await stampOf(), record: structuredClone(record) };
          return result;
        }),
      );
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
