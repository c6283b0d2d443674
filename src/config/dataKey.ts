import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateDataKey, parseDataKey, type DataKey } from '../adapters/personalDataCipher.js';

/** Where the embedded default keeps its generated data key when DATA_KEY is not given. */
export const dataKeyFileName = 'data-key';

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function isAlreadyThere(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EEXIST';
}

/**
 * DATA_KEY when set; otherwise a key generated once into DATA_DIR/data-key (readable by the service's user only;
 * exclusive create, so two processes starting together agree on one key). Without its key the data it sealed
 * cannot be read: the README says to back it up apart from the data.
 */
export async function loadDataKey(dataDir: string, configured: string | undefined): Promise<DataKey> {
  if (configured !== undefined) return parseDataKey(configured);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, dataKeyFileName);
  try {
    return parseDataKey(await readFile(file, 'utf8'));
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const key = generateDataKey();
  try {
    await writeFile(file, `${key.bytes.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    await chmod(file, 0o600);
    return key;
  } catch (error) {
    if (!isAlreadyThere(error)) throw error;
    return parseDataKey(await readFile(file, 'utf8'));
  }
}
