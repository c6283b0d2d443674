import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Logger } from '../server/logger.js';
import { BackendDataSchema, emptyBackendData, type BackendData } from './backendData.js';
import type { BackendStore } from './backendStore.js';

export const backendDataFileName = 'backend.json';

/**
 * The stub's records in DATA_DIR/backend.json. lowdb writes through steno: the JSON goes to a temp file that is then
 * renamed over the old one, so a crash mid-write leaves either the old or the new file, never half of one.
 * A file that is not valid JSON or not our shape is moved aside (backend.json.corrupt-<time>) and reported,
 * never silently overwritten, so whoever looks into it still has the records.
 */
export async function openLowdbBackendStore(options: { dataDir: string; now: () => Date; logger: Logger }): Promise<BackendStore> {
  await mkdir(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, backendDataFileName);
  const adapter = new JSONFile<BackendData>(file);
  const database = new Low<BackendData>(adapter, await readOrMoveAside(adapter, file, options));
  return {
    async read() {
      return structuredClone(database.data);
    },
    async write(data) {
      database.data = structuredClone(data);
      await database.write();
    },
  };
}

async function readOrMoveAside(adapter: JSONFile<BackendData>, file: string, options: { now: () => Date; logger: Logger }): Promise<BackendData> {
  let problem: string;
  try {
    // Typed as BackendData by lowdb, but whatever the file holds: checked below.
    const raw: unknown = await adapter.read();
    if (raw === null) return emptyBackendData();
    const parsed = BackendDataSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    problem = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  } catch (error) {
    // Only a parse failure means a corrupt file; an unreadable one (permissions, I/O) must stop the start.
    if (!(error instanceof SyntaxError)) throw error;
    problem = `not valid JSON: ${error.message}`;
  }
  const aside = `${file}.corrupt-${options.now().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside);
  options.logger.error('backend data file is corrupt; moved aside, starting with no records', { file, movedTo: aside, problem });
  return emptyBackendData();
}
