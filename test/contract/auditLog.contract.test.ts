import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditFileName, openFileAuditLog } from '../../src/adapters/fileAuditLog.js';
import { createMemoryAuditLog } from '../../src/adapters/memoryAuditLog.js';
import type { AuditEntry, AuditLog } from '../../src/ports/auditLog.js';

function entry(at: string, action: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { at, staffId: 'staff-1', login: 'li.na', action, conversationId: null, detail: {}, ...overrides };
}

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'audit-'));
  directories.push(directory);
  return directory;
}

const factories: [string, () => Promise<AuditLog>][] = [
  ['memory', async () => createMemoryAuditLog()],
  ['file', async () => openFileAuditLog(await temporaryDirectory())],
];

describe.each(factories)('AuditLog contract: %s', (_name, createLog) => {
  it('lists entries in the order they were appended', async () => {
    const log = await createLog();
    expect(await log.list()).toEqual([]);
    await log.append(entry('2026-11-30T08:00:00.000Z', 'staff.signin'));
    await log.append(entry('2026-11-30T08:01:00.000Z', 'call.started', { conversationId: 'c1', detail: { region: '210200' } }));
    expect((await log.list()).map((stored) => stored.action)).toEqual(['staff.signin', 'call.started']);
    expect((await log.list())[1]).toEqual(entry('2026-11-30T08:01:00.000Z', 'call.started', { conversationId: 'c1', detail: { region: '210200' } }));
  });

  it('filters by staff member, conversation and action', async () => {
    const log = await createLog();
    await log.append(entry('2026-11-30T08:00:00.000Z', 'call.started', { conversationId: 'c1' }));
    await log.append(entry('2026-11-30T08:00:01.000Z', 'call.edit', { conversationId: 'c1', staffId: 'staff-2' }));
    await log.append(entry('2026-11-30T08:00:02.000Z', 'call.edit', { conversationId: 'c2' }));
    expect((await log.list({ conversationId: 'c1' })).length).toBe(2);
    expect((await log.list({ staffId: 'staff-2' })).map((stored) => stored.conversationId)).toEqual(['c1']);
    expect((await log.list({ action: 'call.edit', staffId: 'staff-1' })).map((stored) => stored.conversationId)).toEqual(['c2']);
  });

  it('drops only entries older than the retention cutoff', async () => {
    const log = await createLog();
    await log.append(entry('2025-01-01T00:00:00.000Z', 'old'));
    await log.append(entry('2026-11-30T08:00:00.000Z', 'recent'));
    expect(await log.prune(new Date('2025-12-01T00:00:00.000Z'))).toBe(1);
    expect((await log.list()).map((stored) => stored.action)).toEqual(['recent']);
    expect(await log.prune(new Date('2025-12-01T00:00:00.000Z'))).toBe(0);
  });
});

describe('file AuditLog', () => {
  it('keeps the entries around a torn line left by a crash mid-append, and appends after it', async () => {
    const directory = await temporaryDirectory();
    const log = await openFileAuditLog(directory);
    await log.append(entry('2026-11-30T08:00:00.000Z', 'first'));
    await appendFile(path.join(directory, auditFileName), '{"at":"2026-11-30T08:00:01.000Z","staff');
    const reopened = await openFileAuditLog(directory);
    await reopened.append(entry('2026-11-30T08:00:02.000Z', 'after-crash'));
    expect((await reopened.list()).map((stored) => stored.action)).toEqual(['first', 'after-crash']);
  });

  it('loses no entry appended by another opener while pruning', async () => {
    const directory = await temporaryDirectory();
    const server = await openFileAuditLog(directory);
    const commandLine = await openFileAuditLog(directory);
    for (let index = 0; index < 20; index += 1) await server.append(entry('2025-01-01T00:00:00.000Z', `old-${index}`));
    await Promise.all([
      server.prune(new Date('2026-01-01T00:00:00.000Z')),
      ...Array.from({ length: 10 }, (_, index) => commandLine.append(entry('2026-11-30T08:00:00.000Z', `new-${index}`))),
    ]);
    expect((await server.list()).map((stored) => stored.action).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `new-${index}`).sort());
  });
});
