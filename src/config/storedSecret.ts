import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The secret file holds something unreadable by anyone but the owner, or it is not used. */
export class StoredSecretError extends Error {
  override name = 'StoredSecretError';
}

const minimumLength = 32;

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function isAlreadyThere(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EEXIST';
}

async function readSecret(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/**
 * The configured secret when set; otherwise a random one kept in DATA_DIR/<fileName>, so that what was issued or
 * agreed before a restart still holds after it, and two processes on one DATA_DIR (the assistant and the back-end
 * stub) share it. Created once (exclusive create: processes starting together agree on one secret), readable by
 * the owner only.
 */
export async function loadStoredSecret(options: { dataDir: string; fileName: string; configured: string | undefined; variable: string }): Promise<string> {
  const { dataDir, fileName, configured, variable } = options;
  if (configured !== undefined) return configured;
  const file = path.join(dataDir, fileName);
  const existing = await readSecret(file);
  if (existing === undefined) {
    await mkdir(dataDir, { recursive: true });
    const created = randomBytes(32).toString('base64url');
    try {
      await writeFile(file, `${created}\n`, { flag: 'wx', mode: 0o600 });
      return created;
    } catch (error) {
      if (!isAlreadyThere(error)) throw error;
      return loadStoredSecret(options);
    }
  }
  if (existing.length < minimumLength) {
    throw new StoredSecretError(`密钥文件 ${file} 内容过短（少于 ${minimumLength} 个字符）：请删除它让服务重新生成，或设置 ${variable}`);
  }
  return existing;
}
