import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AuditEntrySchema, matchesAuditQuery, type AuditEntry, type AuditLog } from '../ports/auditLog.js';
import { withFileLock } from './fileLock.js';

export const auditFileName = 'audit.jsonl';

/**
 * The audit log as one JSON line per action in DATA_DIR/audit.jsonl: appending never rewrites what is there, so a
 * crash cannot damage earlier entries. Only the retention prune rewrites the file (temp file + rename), under the
 * same lock as appends, so no entry is lost to it. A line that does not parse (a torn last write) is skipped, and the next entry starts on a line of its own.
 */
export async function openFileAuditLog(dataDir: string): Promise<AuditLog> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, auditFileName);

  const readAll = async (): Promise<AuditEntry[]> => {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const entries: AuditEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed = AuditEntrySchema.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data);
      } catch {
        // a torn line from a crash mid-append: the entries around it still count
      }
    }
    return entries;
  };

  // A crash mid-append can leave a last line without its newline; end it, so the next entry starts on its own line.
  await withFileLock(file, async () => {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text !== '' && !text.endsWith('\n')) await appendFile(file, '\n', 'utf8');
  });

  return {
    append: (entry) => withFileLock(file, () => appendFile(file, `${JSON.stringify(AuditEntrySchema.parse(entry))}\n`, 'utf8')),
    list: async (query = {}) => (await readAll()).filter((entry) => matchesAuditQuery(entry, query)),
    prune: (cutoff) =>
      withFileLock(file, async () => {
        const entries = await readAll();
        const kept = entries.filter((entry) => Date.parse(entry.at) >= cutoff.getTime());
        if (kept.length === entries.length) return 0;
        const temporary = `${file}.tmp`;
        await writeFile(temporary, kept.map((entry) => `${JSON.stringify(entry)}\n`).join(''), 'utf8');
        await rename(temporary, file);
        return entries.length - kept.length;
      }),
  };
}
