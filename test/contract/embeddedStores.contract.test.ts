import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedStores, type EmbeddedStores } from '../../src/adapters/embeddedStores.js';
import { handoffsFileName, openLowdbHandoffs } from '../../src/adapters/lowdbHandoffs.js';
import { createPersonalDataCipher, generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { openLowdbBackendStore, type OpenedBackendStore } from '../../src/backend-stub/lowdbBackendStore.js';
import { createLogger } from '../../src/server/logger.js';
import { openFileAuditLog } from '../../src/adapters/fileAuditLog.js';
import { openLowdbContentStore } from '../../src/adapters/lowdbContentStore.js';
import { openLowdbStaffStore } from '../../src/adapters/lowdbStaffStore.js';
import { runAuditLogContract } from './auditLog.contract.js';
import { runBackendStoreContract } from './backendStore.contract.js';
import { runContentStoreContract } from './contentStore.contract.js';
import { runHandoffsContract } from './handoffs.contract.js';
import { runStaffStoreContract } from './staffStore.contract.js';
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

const cipher = createPersonalDataCipher(generateDataKey());
runHandoffsContract('file, phone numbers sealed', async () => {
  const dataDir = await fresh();
  return { handoffs: await openLowdbHandoffs(dataDir, { cipher }), reopen: () => openLowdbHandoffs(dataDir, { cipher }) };
});

describe('the handoff file at rest', () => {
  it('holds a callback ticket\'s phone number sealed, and gives it back to the agent who calls', async () => {
    const dataDir = await fresh();
    const handoffs = await openLowdbHandoffs(dataDir, { cipher });
    const ticket = await handoffs.requestCallback({ conversationId: 's-1', region: '210200', phone: '13912341234', preferredTime: '明天上午，或打13800001111' }, new Date());
    const raw = await readFile(path.join(dataDir, handoffsFileName), 'utf8');
    expect(raw).not.toContain('13912341234');
    // The preferred time is the person's own words, which may hold another number.
    expect(raw).not.toContain('13800001111');
    const reopened = await openLowdbHandoffs(dataDir, { cipher });
    expect((await reopened.callbacks()).find((found) => found.ticketNumber === ticket.ticketNumber)?.phone).toBe('13912341234');
  });
});

runStaffStoreContract('lowdb', async () => {
  const dataDir = await fresh();
  return { store: await openLowdbStaffStore(dataDir), another: () => openLowdbStaffStore(dataDir) };
});

runAuditLogContract('file', async () => {
  const dataDir = await fresh();
  return { log: await openFileAuditLog(dataDir), another: () => openFileAuditLog(dataDir) };
});

runContentStoreContract('lowdb', async () => {
  const dataDir = await fresh();
  const open = () => openLowdbContentStore({ dataDir, onFileProblem: () => undefined });
  return { create: open, reopen: open };
});

const openedBackendStores: OpenedBackendStore[] = [];
afterEach(async () => {
  await Promise.all(openedBackendStores.splice(0).map((store) => store.close()));
});

runBackendStoreContract('embedded', async () => {
  const dataDir = await fresh();
  const open = async () => {
    const store = await openLowdbBackendStore({ dataDir, now: () => new Date(), logger: createLogger({ level: 'silent' }) });
    openedBackendStores.push(store);
    return store;
  };
  return { store: await open(), reopen: open };
});
