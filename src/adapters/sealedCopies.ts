import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { asideName, privateFileMode } from './appendLog.js';
import type { PersonalDataCipher } from './personalDataCipher.js';

/**
 * A file kept aside for an operator (a legacy data file that could not be imported whole) holds people's ID and
 * phone numbers in plain text. It is kept — never deleted automatically — but sealed whole under the data key, byte
 * for byte, so the copy is as protected as the data it stands beside. `npm run data -- unseal <file>` gives the
 * original bytes back. Without a cipher (stores that keep nothing sealed) the copy stays as it was.
 */

export const sealedCopySuffix = '.sealed';

/** The first line says what the file is, so an operator who opens it knows how to read it. */
const banner = '# gongji sealed copy: npm run data -- unseal <this file>\n';

/**
 * Keeps `file` aside as `<file>.<reason>-<time>[.sealed]` and returns that name. `move`: the original goes (the
 * caller has no further use of it); otherwise it stays where it is.
 */
export async function keepAside(file: string, reason: string, now: Date, options: { cipher: PersonalDataCipher | undefined; move: boolean }): Promise<string> {
  const plainName = asideName(file, reason, now);
  if (options.cipher === undefined) {
    if (options.move) await rename(file, plainName);
    else await writeFile(plainName, await readFile(file), { mode: privateFileMode });
    return plainName;
  }
  const keptAs = `${plainName}${sealedCopySuffix}`;
  const bytes = await readFile(file);
  await writeFile(keptAs, `${banner}${options.cipher.seal(bytes.toString('base64'))}\n`, { mode: privateFileMode, flush: true });
  if (options.move) await unlink(file);
  return keptAs;
}

/** The bytes a sealed copy holds (any key of the ring opens it). */
export async function readSealedCopy(file: string, cipher: PersonalDataCipher): Promise<Buffer> {
  const text = await readFile(file, 'utf8');
  const sealed = text.startsWith(banner) ? text.slice(banner.length).trim() : text.trim();
  return Buffer.from(cipher.open(sealed), 'base64');
}

/** Seals a sealed copy again under the cipher's current key (a key rotation); returns whether it was under another. */
export async function resealCopy(file: string, cipher: PersonalDataCipher): Promise<boolean> {
  const text = await readFile(file, 'utf8');
  const sealed = text.startsWith(banner) ? text.slice(banner.length).trim() : text.trim();
  if (cipher.keyIdOf(sealed) === cipher.keyId) return false;
  const temporary = `${file}.resealing`;
  await writeFile(temporary, `${banner}${cipher.seal(cipher.open(sealed))}\n`, { mode: privateFileMode, flush: true });
  await rename(temporary, file);
  return true;
}
