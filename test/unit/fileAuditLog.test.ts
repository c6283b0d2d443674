import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditFileName, openFileAuditLog } from '../../src/adapters/fileAuditLog.js';
import type { AuditEntry } from '../../src/ports/auditLog.js';

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
});
