import { open, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';

/** A data command would race a process still writing the embedded files: the message says what to stop. */
export class FilesInUseError extends Error {
  override name = 'FilesInUseError';
}

export async function exists(file: string): Promise<boolean> {
  return open(file, 'r').then(
    (handle) => handle.close().then(() => true),
    () => false,
  );
}

/** Processes (other than this one) with the file open, from /proc; none where /proc is not there. */
async function processesHolding(file: string): Promise<number[]> {
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  const holders: number[] = [];
  for (const pid of pids) {
    const descriptors = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const descriptor of descriptors) {
      if ((await readlink(`/proc/${pid}/fd/${descriptor}`).catch(() => '')) === file) {
        holders.push(Number(pid));
        break;
      }
    }
  }
  return holders;
}

/**
 * Refuses while another process has one of the embedded logs open: the embedded stores are written by one process at
 * a time, and what it wrote after the command read the files would be lost (import) or sealed under the old key
 * (rotate-key).
 */
export async function refuseWhileOpen(dataDir: string, names: readonly string[], command: string): Promise<void> {
  for (const name of names) {
    const file = path.join(dataDir, name);
    if (!(await exists(file))) continue;
    const holders = await processesHolding(file);
    if (holders.length > 0) throw new FilesInUseError(`${name} is open in process ${holders.join(', ')}: stop the service (and the back-end stub) on ${dataDir} before ${command}`);
  }
}
