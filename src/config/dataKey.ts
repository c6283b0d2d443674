import { chmod, mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataKeyError, createPersonalDataCipher, generateDataKey, parseDataKey, type DataKey, type PersonalDataCipher } from '../adapters/personalDataCipher.js';

/** Where the embedded default keeps its generated data key when DATA_KEY is not given. */
export const dataKeyFileName = 'data-key';

/**
 * The keys personal data is sealed with: `current` seals, every key in `previous` still opens what it sealed (while
 * a rotation re-seals everything under `current`, see `npm run data -- rotate-key`).
 */
export type DataKeyRing = { current: DataKey; previous: DataKey[] };

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function isAlreadyThere(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EEXIST';
}

/** The key file holds one base64 key a line: the current one first, then any a rotation has not finished with. */
function parseKeyFile(text: string): DataKeyRing {
  const [current, ...previous] = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(parseDataKey);
  if (current === undefined) throw new DataKeyError(`${dataKeyFileName} is empty: restore it from the backup`);
  return { current, previous };
}

export function keyFileOf(dataDir: string): string {
  return path.join(dataDir, dataKeyFileName);
}

/** Replaces the key file whole (temp file, fsync, rename), so a crash leaves the old ring or the new, never half. */
export async function writeKeyFile(dataDir: string, ring: DataKeyRing): Promise<void> {
  const file = keyFileOf(dataDir);
  const temporary = `${file}.next`;
  const text = [ring.current, ...ring.previous].map((key) => `${key.bytes.toString('base64')}\n`).join('');
  await writeFile(temporary, text, { mode: 0o600, flush: true });
  await rename(temporary, file);
  const directory = await open(dataDir, 'r');
  await directory.sync().catch(() => undefined);
  await directory.close();
}

/**
 * DATA_KEY (with DATA_KEY_PREVIOUS while a rotation runs) when set; otherwise the ring kept in DATA_DIR/data-key,
 * generated once (readable by the service's user only; exclusive create, so two processes starting together agree
 * on one key). Without its key the data it sealed cannot be read: the README says to back it up apart from the data.
 */
export async function loadDataKeyRing(dataDir: string, configured: { current: string | undefined; previous?: readonly string[] }): Promise<DataKeyRing> {
  if (configured.current !== undefined) return { current: parseDataKey(configured.current), previous: (configured.previous ?? []).map(parseDataKey) };
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = keyFileOf(dataDir);
  try {
    return parseKeyFile(await readFile(file, 'utf8'));
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const key = generateDataKey();
  try {
    await writeFile(file, `${key.bytes.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    await chmod(file, 0o600);
    return { current: key, previous: [] };
  } catch (error) {
    if (!isAlreadyThere(error)) throw error;
    return parseKeyFile(await readFile(file, 'utf8'));
  }
}

export function cipherOf(ring: DataKeyRing): PersonalDataCipher {
  return createPersonalDataCipher(ring.current, { previous: ring.previous });
}

/** The cipher of the installation's data: seals with the current key, opens with any key of the ring. */
export async function loadDataCipher(dataDir: string, configured: { current: string | undefined; previous?: readonly string[] }): Promise<PersonalDataCipher> {
  return cipherOf(await loadDataKeyRing(dataDir, configured));
}

/** The keys of DATA_DIR/data-key, if there is one (an installation that ran without DATA_KEY); never creates it. */
export async function keysInKeyFile(dataDir: string): Promise<DataKey[]> {
  let text: string;
  try {
    text = await readFile(keyFileOf(dataDir), 'utf8');
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  const ring = parseKeyFile(text);
  return [ring.current, ...ring.previous];
}

/**
 * Every key an installation's data may be sealed with, for reading it whole (moving or re-sealing it): DATA_KEY
 * first (it seals), then DATA_KEY_PREVIOUS and whatever DATA_DIR/data-key holds from before DATA_KEY was set.
 */
export async function installationKeyRing(dataDir: string, configured: { current: string | undefined; previous: readonly string[] }): Promise<DataKeyRing> {
  const fromFile = await keysInKeyFile(dataDir);
  const keys = [...(configured.current === undefined ? [] : [parseDataKey(configured.current)]), ...configured.previous.map(parseDataKey), ...fromFile];
  const unique = [...new Map(keys.map((key) => [key.id, key])).values()];
  const [current, ...previous] = unique;
  if (current === undefined) throw new DataKeyError(`no data key: set DATA_KEY, or keep ${dataKeyFileName} in DATA_DIR`);
  return { current, previous };
}
