import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashFiles, hashText, type ContentCheck } from '../content/contentLifecycle.js';

/** Where verdicts on content are kept, beside the understanding's model cache (relative to the working directory). */
export const defaultContentCheckCache = 'node_modules/.cache/gongji-content';

/**
 * The repository's version, the published one and a version waiting for approval: a start reads at most two, a
 * publish writes one. Older verdicts are removed, so publishes never pile files up.
 */
const keptVerdicts = 3;

type CachedVerdict = { key: string; checked: Extract<ReturnType<ContentCheck>, { ok: true }> };

/**
 * A content check that remembers which files passed: checking is a pure function of the files and of the code that
 * checks, so the verdict is kept under a fingerprint of both — the files' bytes (as the content versions name them)
 * and `codeFingerprint` (codeFingerprint.ts) — and a start on unchanged content reads the checked content back
 * instead of parsing and checking every file again (most of a start's time). Any changed byte, of content or code,
 * is another key and is checked in full. Only content that passed is kept: broken content is checked, and refused,
 * every time.
 *
 * Synchronous like the check it wraps; it runs at start and on a submit or publish, never per turn.
 */
export function cachedContentCheck(check: ContentCheck, options: { cacheDir: string; codeFingerprint: string }): ContentCheck {
  return (files) => {
    const key = hashText(`${options.codeFingerprint}\n${hashFiles(files)}`);
    const file = join(options.cacheDir, `content-${key}.json`);
    const cached = readVerdict(file, key);
    if (cached !== null) return cached;
    const checked = check(files);
    if (checked.ok) writeVerdict(options.cacheDir, file, { key, checked });
    return checked;
  };
}

function readVerdict(file: string, key: string): CachedVerdict['checked'] | null {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as CachedVerdict;
    return stored.key === key && stored.checked.ok === true ? stored.checked : null;
  } catch {
    // Missing, half-written by a process that died, or unreadable: checked in full.
    return null;
  }
}

/** Written atomically (processes starting together never read half a file); a cache that cannot be written only costs the next start a check. */
function writeVerdict(cacheDir: string, file: string, verdict: CachedVerdict): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(verdict));
    renameSync(temporary, file);
    const verdicts = readdirSync(cacheDir)
      .filter((name) => name.startsWith('content-') && name.endsWith('.json'))
      .map((name) => ({ path: join(cacheDir, name), modified: statSync(join(cacheDir, name)).mtimeMs }))
      .sort((left, right) => right.modified - left.modified);
    for (const old of verdicts.slice(keptVerdicts)) unlinkSync(old.path);
  } catch {
    // Left as it is: see above.
  }
}
