import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The secret file holds something unreadable by anyone but the owner, or it is not used. */
export class SessionSecretError extends Error {
  override name = 'SessionSecretError';
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
 * SESSION_SECRET when set; otherwise a random secret kept in DATA_DIR/secret, so tokens issued before a restart
 * stay valid after it. Created once (exclusive create: two processes starting together agree on one secret).
 */
export async function loadSessionSecret(dataDir: string, configured: string | undefined): Promise<string> {
  if (configured !== undefined) return configured;
  const file = path.join(dataDir, 'secret');
  const existing = await readSecret(file);
  if (existing === undefined) {
    await mkdir(dataDir, { recursive: true });
    const created = randomBytes(32).toString('base64url');
    try {
      await writeFile(file, `${created}\n`, { flag: 'wx', mode: 0o600 });
      return created;
    } catch (error) {
      if (!isAlreadyThere(error)) throw error;
      return loadSessionSecret(dataDir, configured);
    }
  }
  if (existing.length < minimumLength) {
    throw new SessionSecretError(`会话密钥文件 ${file} 内容过短（少于 ${minimumLength} 个字符）：请删除它让服务重新生成，或设置 SESSION_SECRET`);
  }
  return existing;
}
