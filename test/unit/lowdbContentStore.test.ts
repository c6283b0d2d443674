import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentFileName, openLowdbContentStore, type ContentFileProblem } from '../../src/adapters/lowdbContentStore.js';
import { emptyContentRecord } from '../../src/ports/contentStore.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'content-store-'));
  directories.push(directory);
  return directory;
}

describe('lowdb content store', () => {
  it('keeps a damaged file aside, reports it, and starts over empty instead of failing or overwriting it', async () => {
    const dataDir = await temporaryDirectory();
    await writeFile(path.join(dataDir, contentFileName), '{"versions": [');
    const problems: ContentFileProblem[] = [];
    const store = await openLowdbContentStore({ dataDir, onFileProblem: (problem) => problems.push(problem) });
    expect(await store.read()).toEqual(emptyContentRecord());
    expect(problems).toHaveLength(1);
    expect(problems[0]?.reason).toMatch(/JSON/);
    expect((await readdir(dataDir)).filter((name) => name.startsWith(`${contentFileName}.damaged-`))).toHaveLength(1);
  });
});
