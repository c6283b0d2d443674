import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openEmbeddedStores, type EmbeddedStores } from '../../src/adapters/embeddedStores.js';
import { openLowdbHandoffs } from '../../src/adapters/lowdbHandoffs.js';
import { runHandoffsContract } from './handoffs.contract.js';
import { runOutboxContract } from './outbox.contract.js';
import { runSessionStoreContract, type SessionStores } from './sessionStore.contract.js';

const opened: EmbeddedStores[] = [];
const directories: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((stores) => stores.close()));
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function openIn(dataDir: string): Promise<EmbeddedStores> {
  const stores = await openEmbeddedStores({
    dataDir,
    now: () => new Date(),
    onCompactionError: (error) => {
      throw error;
    },
  });
  opened.push(stores);
  return stores;
}

async function fresh(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'embedded-stores-'));
  directories.push(directory);
  return directory;
}

runSessionStoreContract('embedded', async () => {
  const dataDir = await fresh();
  const open = async (): Promise<SessionStores> => {
    const stores = await openIn(dataDir);
    return { store: stores.sessions, outbox: stores.outbox, reopen: open };
  };
  return open();
});

runOutboxContract('embedded', async () => {
  const dataDir = await fresh();
  return { outbox: (await openIn(dataDir)).outbox, reopen: async () => (await openIn(dataDir)).outbox };
});

runHandoffsContract('file', async () => {
  const dataDir = await fresh();
  return { handoffs: await openLowdbHandoffs(dataDir), reopen: () => openLowdbHandoffs(dataDir) };
});
