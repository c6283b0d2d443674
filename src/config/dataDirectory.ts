import { chmod, mkdir } from 'node:fs/promises';

/**
 * DATA_DIR holds people's applications: only the service's own user may list or open it, and every file this
 * process creates (by any library: lowdb, the logs, the secrets) is its user's alone — hence the umask, set once for
 * the process. An existing directory (e.g. one created before this rule) is closed down too.
 */
export async function preparePrivateDataDirectory(dataDir: string): Promise<void> {
  process.umask(0o077);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
}
