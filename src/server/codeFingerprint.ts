import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Files whose bytes say which packages are installed: npm's record of node_modules, and the lock it follows. */
const packageRecords = ['node_modules/.package-lock.json', 'package-lock.json'];

/**
 * A fingerprint of the code this process runs, when it runs from the bundle `npm run build` writes: every
 * main.bundle*.mjs beside it (the whole of src/, chunk names included) and the installed packages (YAML parser, zod,
 * converters). What depends on code as well as content — a verdict on content (contentCheckCache.ts) — is kept under
 * it, so a new build or a new package version checks again. Undefined when running from source (tsx): nothing is kept.
 */
export function runningBundleFingerprint(moduleUrl: string = import.meta.url): string | undefined {
  const modulePath = fileURLToPath(moduleUrl);
  if (!basename(modulePath).startsWith('main.bundle')) return undefined;
  const folder = dirname(modulePath);
  const root = join(folder, '../..');
  const hash = createHash('sha256');
  for (const name of readdirSync(folder).filter((candidate) => candidate.startsWith('main.bundle') && candidate.endsWith('.mjs')).sort()) {
    hash.update(`${name}\u0000`).update(readFileSync(join(folder, name))).update('\u0000');
  }
  for (const record of packageRecords) {
    try {
      hash.update(`${record}\u0000`).update(readFileSync(join(root, record))).update('\u0000');
    } catch {
      hash.update('absent\u0000');
    }
  }
  return hash.digest('hex').slice(0, 32);
}
