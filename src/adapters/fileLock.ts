import { open, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** A lock older than this was left by a process that died holding it. */
const staleAfterMs = 10_000;
const retryEveryMs = 5;
const giveUpAfterMs = 15_000;

export class FileLockTimeoutError extends Error {
  override name = 'FileLockTimeoutError';
}

/**
 * Runs `work` while holding `<file>.lock`, created exclusively, so that the server and the `npm run staff` command
 * (another process) never interleave a read-modify-write of the same file.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lockFile = `${file}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lockFile).then((info) => Date.now() - info.mtimeMs, () => 0);
      if (age > staleAfterMs) await unlink(lockFile).catch(() => undefined);
      if (Date.now() - started > giveUpAfterMs) throw new FileLockTimeoutError(`could not lock ${file}`);
      await sleep(retryEveryMs);
    }
  }
  try {
    return await work();
  } finally {
    await unlink(lockFile).catch(() => undefined);
  }
}
