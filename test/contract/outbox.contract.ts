import { beforeEach, describe, expect, it } from 'vitest';
import type { Application } from '../../src/ports/bindingBackend.js';
import { UnknownOutboxEntryError, type Outbox } from '../../src/ports/outbox.js';
import { member, newPerson, request } from '../backend/backendHarness.js';


const entry = (key: string, createdAt: string) => ({
  key,
  sessionId: `session-${key}`,
  request: request('210200', newPerson(), [member(newPerson(), 'spouse')]),
  createdAt,
});
const filed = (key: string) => ({
  type: 'application-filed' as const,
  application: {
    id: `app-${key}`,
    recordNumber: 'GJ2102002026112000001',
    status: 'submitted',
    rejection: null,
    region: '210200',
    applicant: { name: '王建国', idNumber: '210202196803150310', phone: '13800000001' },
    members: [],
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    decidesAt: null,
  } satisfies Application,
});

/** The Outbox contract; `open` gives a fresh outbox, `reopen` (persistent ones) the same data after a restart. */
export function runOutboxContract(name: 'memory' | 'embedded' | 'postgres', open: () => Promise<{ outbox: Outbox; reopen?: () => Promise<Outbox> }>): void {
describe(`Outbox contract: ${name}`, () => {
  let reopen: (() => Promise<Outbox>) | undefined;
  let outbox: Outbox;
  beforeEach(async () => {
    ({ outbox, reopen } = await open());
  });

  it('has an entry after a restart once add() resolved, and every one of many added at once', async () => {
    if (reopen === undefined) return;
    await outbox.add(entry('durable', '2026-11-20T02:00:00.000Z'));
    await Promise.all(Array.from({ length: 25 }, (_, index) => outbox.add(entry(`burst-${index}`, '2026-11-20T02:00:01.000Z'))));
    await outbox.settle('burst-3', filed('burst-3'), new Date('2026-11-20T03:00:00.000Z'));
    const reopened = await reopen();
    expect((await reopened.pending()).map((pending) => pending.key)).toEqual(['durable', ...Array.from({ length: 25 }, (_, index) => `burst-${index}`).filter((key) => key !== 'burst-3')]);
    expect((await reopened.get('burst-3'))?.result).toEqual(filed('burst-3'));
  });

  it('keeps added entries pending, oldest first', async () => {
    await outbox.add(entry('b', '2026-11-20T02:00:02.000Z'));
    await outbox.add(entry('a', '2026-11-20T02:00:01.000Z'));
    const pending = await outbox.pending();
    expect(pending.map((candidate) => [candidate.key, candidate.state, candidate.attempts])).toEqual([
      ['a', 'pending', 0],
      ['b', 'pending', 0],
    ]);
  });

  it('adds a key once: adding it again returns the entry as it is', async () => {
    const first = await outbox.add(entry('k', '2026-11-20T02:00:00.000Z'));
    await outbox.recordAttempt('k');
    const again = await outbox.add({ ...entry('k', '2026-11-21T00:00:00.000Z'), sessionId: 'another' });
    expect(again).toEqual({ ...first, attempts: 1 });
    expect(await outbox.pending()).toHaveLength(1);
  });

  it('settles an entry as filed or refused, keeping the result, and no longer lists it as pending', async () => {
    await outbox.add(entry('f', '2026-11-20T02:00:00.000Z'));
    await outbox.add(entry('r', '2026-11-20T02:00:01.000Z'));
    await outbox.settle('f', filed('f'), new Date('2026-11-20T03:00:00.000Z'));
    await outbox.settle('r', { type: 'application-refused', code: 'invalid_id_number', message: '身份证号码有误' }, new Date('2026-11-20T03:00:00.000Z'));
    expect(await outbox.pending()).toEqual([]);
    expect(await outbox.get('f')).toMatchObject({ state: 'filed', result: filed('f'), settledAt: '2026-11-20T03:00:00.000Z' });
    expect((await outbox.get('r'))?.state).toBe('refused');
  });

  it('prunes only settled entries settled before the cutoff', async () => {
    await outbox.add(entry('old', '2026-11-01T00:00:00.000Z'));
    await outbox.add(entry('new', '2026-11-01T00:00:00.000Z'));
    await outbox.add(entry('waiting', '2026-11-01T00:00:00.000Z'));
    await outbox.settle('old', filed('old'), new Date('2026-11-02T00:00:00.000Z'));
    await outbox.settle('new', filed('new'), new Date('2026-11-20T00:00:00.000Z'));
    expect(await outbox.prune(new Date('2026-11-10T00:00:00.000Z'))).toBe(1);
    expect(await outbox.get('old')).toBeUndefined();
    expect(await outbox.get('new')).toBeDefined();
    expect(await outbox.get('waiting')).toBeDefined();
  });

  it('refuses operations on a key it does not hold', async () => {
    await expect(outbox.recordAttempt('missing')).rejects.toBeInstanceOf(UnknownOutboxEntryError);
  });

  it('does not let a caller change stored entries by mutating what it got', async () => {
    const added = await outbox.add(entry('m', '2026-11-20T02:00:00.000Z'));
    added.request.members.length = 0;
    expect((await outbox.get('m'))?.request.members).toHaveLength(1);
  });
});
}
