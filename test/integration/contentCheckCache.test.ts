import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/systemClock.js';
import { checkContent, type ContentFile } from '../../src/content/checkContent.js';
import { InvalidContentError, readContentFiles } from '../../src/content/loadContent.js';
import { repoContentRules } from '../../src/content/repoContentRules.js';
import { read } from '../../src/nlu/read.js';
import { cachedContentCheck } from '../../src/server/contentCheckCache.js';
import { createLogger } from '../../src/server/logger.js';
import { startContent, type ContentSide } from '../../src/server/startContent.js';

/**
 * A start on content that passed before reads the verdict back instead of checking every file again; the service
 * still never runs on content that fails: any changed byte, of the files or of the code, is checked in full.
 */
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
let workDir: string;
let contentDir: string;
let cacheDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'gongji-check-cache-'));
  contentDir = path.join(workDir, 'content');
  cacheDir = path.join(workDir, 'cache');
  for (const folder of ['flows', 'prompts']) await cp(path.join(repositoryRoot, folder), path.join(contentDir, folder), { recursive: true });
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

/** A start as the server's (memory store, so each start takes in the files afresh); the model comes from the shared cache. */
async function start(checkCache: { cacheDir: string; codeFingerprint: string } | null): Promise<ContentSide> {
  const side = await startContent({
    contentDir,
    dataDir: workDir,
    store: 'memory',
    approval: 'none',
    syncSeconds: 3600,
    modelAvailable: false,
    clock: systemClock,
    logger: createLogger({ level: 'silent' }),
    checkCache,
  });
  await side.stop();
  return side;
}

/** Counts the checks that really ran. */
function countingCheck(): { check: (files: ContentFile[]) => ReturnType<typeof checkContent>; runs: () => number } {
  let runs = 0;
  return {
    check: (files) => {
      runs += 1;
      return checkContent(files, repoContentRules);
    },
    runs: () => runs,
  };
}

describe('the verdict on content, kept between starts', () => {
  it('gives a start on unchanged content the same content and the same readings as a start that checks', async () => {
    const cache = { cacheDir, codeFingerprint: 'build-1' };
    await start(cache);
    expect((await readdir(cacheDir)).filter((name) => name.startsWith('content-'))).toHaveLength(1);
    const fromCache = (await start(cache)).live.context();
    const checked = (await start(null)).live.context();
    expect(fromCache.content).toEqual(checked.content);
    expect(fromCache.reader.model.key).toBe(checked.reader.model.key);
    // A retired held-out set: questions as people ask them, none written for this test.
    const questions = (await readFile(path.join(repositoryRoot, 'test/fixtures/heldout-questions.jsonl'), 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => (JSON.parse(line) as { q?: string }).q ?? [])
      .slice(0, 20);
    expect(questions).toHaveLength(20);
    for (const text of ['我在大连参保，能绑定哪些亲属？', '帮我老婆办个共济', '家庭共濟怎麼綁定', '210200', ...questions]) {
      expect(read(text, fromCache.reader, { pending: null })).toEqual(read(text, checked.reader, { pending: null }));
    }
  });

  it('checks again, in full, when one byte of the files changed, and refuses content that fails', async () => {
    const cache = { cacheDir, codeFingerprint: 'build-1' };
    const counting = countingCheck();
    const files = await readContentFiles(contentDir);
    const cached = cachedContentCheck(counting.check, cache);
    expect(cached(files).ok).toBe(true);
    const runsBefore = counting.runs();
    // One byte: a message id the engine needs is misspelt. The YAML and its schema are fine; the rules across files are not.
    const enginePath = path.join(contentDir, 'prompts/messages/engine.yaml');
    const original = await readFile(enginePath, 'utf8');
    expect(original).toContain('  engine.welcome:');
    await writeFile(enginePath, original.replace('  engine.welcome:', '  engine.welcomf:'));
    try {
      const broken = cached(await readContentFiles(contentDir));
      expect(counting.runs()).toBe(runsBefore + 1);
      expect(broken.ok).toBe(false);
      // Broken content is never kept: the next start checks it again and refuses it again.
      await expect(start(cache)).rejects.toThrow(InvalidContentError);
      await expect(start(cache)).rejects.toThrow(/engine\.welcome/);
    } finally {
      await writeFile(enginePath, original);
    }
  });

  it('reads the verdict back only for the same files under the same code', async () => {
    const files = await readContentFiles(contentDir);
    const counting = countingCheck();
    const build1 = cachedContentCheck(counting.check, { cacheDir, codeFingerprint: 'build-1' });
    build1(files);
    const afterFirst = counting.runs();
    build1(files);
    expect(counting.runs()).toBe(afterFirst);
    // A new build of the code (a rule may have changed) checks the same files again.
    cachedContentCheck(counting.check, { cacheDir, codeFingerprint: 'build-2' })(files);
    expect(counting.runs()).toBe(afterFirst + 1);
  });

  it('checks in full when a kept verdict is damaged', async () => {
    const files = await readContentFiles(contentDir);
    const damagedDir = path.join(workDir, 'damaged');
    const counting = countingCheck();
    const cached = cachedContentCheck(counting.check, { cacheDir: damagedDir, codeFingerprint: 'build-1' });
    cached(files);
    const [verdict] = (await readdir(damagedDir)).filter((name) => name.startsWith('content-'));
    const text = await readFile(path.join(damagedDir, verdict!), 'utf8');
    await writeFile(path.join(damagedDir, verdict!), text.slice(0, text.length / 2));
    expect(cached(files).ok).toBe(true);
    expect(counting.runs()).toBe(2);
  });
});
