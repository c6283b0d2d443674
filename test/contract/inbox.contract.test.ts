import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inboxFileName, openLowdbInbox } from '../../src/adapters/lowdbInbox.js';
import { createMemoryInbox } from '../../src/adapters/memoryInbox.js';
import { runInboxContract } from './inbox.contract.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'inbox-'));
  directories.push(directory);
  return directory;
}

runInboxContract('memory', async () => ({ inbox: createMemoryInbox() }));
runInboxContract('lowdb', async () => {
  const directory = await temporaryDirectory();
  return { inbox: await openLowdbInbox(directory), reopen: () => openLowdbInbox(directory) };
});

describe('lowdb Inbox', () => {
  it('keeps a damaged file aside and starts empty, saying so,, rather than stopping the service', async () => {
    const directory = await temporaryDirectory();
    await writeFile(path.join(directory, inboxFileName), '{"rows": [', 'utf8');
    const problems: string[] = [];
    const inbox = await openLowdbInbox(directory, (problem) => problems.push(problem));
    expect(problems).toHaveLength(1);
    expect((await readdir(directory)).some((name) => name.startsWith(`${inboxFileName}.damaged`))).toBe(true);
    expect(await inbox.list({ since: new Date(0) })).toEqual([]);
  });
});
