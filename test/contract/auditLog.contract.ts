import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditLog } from '../../src/ports/auditLog.js';

function entry(at: string, action: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { at, staffId: 'staff-1', login: 'li.na', action, conversationId: null, detail: {}, ...overrides };
}

/** The AuditLog contract; `another` (shared logs): a second process appending to the same log. */
export function runAuditLogContract(name: 'memory' | 'file' | 'postgres', open: () => Promise<{ log: AuditLog; another?: () => Promise<AuditLog> }>): void {
  describe(`AuditLog contract: ${name}`, () => {
    let log: AuditLog;
    let another: (() => Promise<AuditLog>) | undefined;
    beforeEach(async () => {
      ({ log, another } = await open());
    });

    it('lists entries in the order they were appended', async () => {
      expect(await log.list()).toEqual([]);
      await log.append(entry('2026-11-30T08:00:00.000Z', 'staff.signin'));
      await log.append(entry('2026-11-30T08:01:00.000Z', 'call.started', { conversationId: 'c1', detail: { region: '210200' } }));
      expect((await log.list()).map((stored) => stored.action)).toEqual(['staff.signin', 'call.started']);
      expect((await log.list())[1]).toEqual(entry('2026-11-30T08:01:00.000Z', 'call.started', { conversationId: 'c1', detail: { region: '210200' } }));
    });

    it('filters by staff member, conversation and action', async () => {
      await log.append(entry('2026-11-30T08:00:00.000Z', 'call.started', { conversationId: 'c1' }));
      await log.append(entry('2026-11-30T08:00:01.000Z', 'call.edit', { conversationId: 'c1', staffId: 'staff-2' }));
      await log.append(entry('2026-11-30T08:00:02.000Z', 'call.edit', { conversationId: 'c2' }));
      expect((await log.list({ conversationId: 'c1' })).length).toBe(2);
      expect((await log.list({ staffId: 'staff-2' })).map((stored) => stored.conversationId)).toEqual(['c1']);
      expect((await log.list({ action: 'call.edit', staffId: 'staff-1' })).map((stored) => stored.conversationId)).toEqual(['c2']);
    });

    it('drops only entries older than the retention cutoff', async () => {
      await log.append(entry('2025-01-01T00:00:00.000Z', 'old'));
      await log.append(entry('2026-11-30T08:00:00.000Z', 'recent'));
      expect(await log.prune(new Date('2025-12-01T00:00:00.000Z'))).toBe(1);
      expect((await log.list()).map((stored) => stored.action)).toEqual(['recent']);
      expect(await log.prune(new Date('2025-12-01T00:00:00.000Z'))).toBe(0);
    });

    it('refuses an entry that is not one (nothing stored)', async () => {
      await expect(log.append({ ...entry('2026-11-30T08:00:00.000Z', 'x'), detail: { slot: 1 } } as unknown as AuditEntry)).rejects.toThrow();
      expect(await log.list()).toEqual([]);
    });

    it('loses no entry another process appends while pruning, and lists both processes’ entries', async () => {
      if (another === undefined) return;
      const commandLine = await another();
      for (let index = 0; index < 20; index += 1) await log.append(entry('2025-01-01T00:00:00.000Z', `old-${index}`));
      await Promise.all([log.prune(new Date('2026-01-01T00:00:00.000Z')), ...Array.from({ length: 10 }, (_, index) => commandLine.append(entry('2026-11-30T08:00:00.000Z', `new-${index}`)))]);
      expect((await log.list()).map((stored) => stored.action).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `new-${index}`).sort());
    });
  });
}
