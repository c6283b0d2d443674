import { beforeEach, describe, expect, it } from 'vitest';
import { emptyBackendData, metaOf, type BackendData, type StoredApplication, type StoredBinding } from '../../src/backend-stub/backendData.js';
import type { BackendStore } from '../../src/backend-stub/backendStore.js';
import { makeIdNumber } from '../helpers/idNumbers.js';

const applicant = { name: '刘桂芳', idNumber: makeIdNumber({ region: '210202', birthDate: '1961-04-02', sex: 'female' }), phone: '13912345678' };
export const mother = { name: '李秀英', idNumber: makeIdNumber({ region: '210202', birthDate: '1938-03-04', sex: 'female' }), phone: '13812345678', relationship: 'mother' as const };
export const son = { name: '张伟', idNumber: makeIdNumber({ region: '210202', birthDate: '1985-06-12', sex: 'male' }), phone: '13712345678', relationship: 'child' as const };

export function application(id: string, sequence: number, overrides: Partial<StoredApplication> = {}): StoredApplication {
  return {
    id,
    recordNumber: `GJ21020020261130${String(sequence).padStart(4, '0')}`,
    status: 'submitted',
    rejection: null,
    region: '210200',
    applicant,
    members: [mother, son],
    createdAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-11-30T08:00:00.000Z',
    decidesAt: null,
    sequence,
    idempotencyKey: `key-${id}`,
    fingerprint: `fingerprint-${id}`,
    reviewStartsAt: '2026-11-30T08:02:00.000Z',
    ...overrides,
  };
}

export function binding(applicationId: string, member: StoredBinding['member'], overrides: Partial<StoredBinding> = {}): StoredBinding {
  return { applicationId, recordNumber: 'GJ210200202611300001', member, since: '2026-11-30T08:05:00.000Z', applicantIdNumber: applicant.idNumber, endedAt: null, unbindKey: null, ...overrides };
}

/** The back-end stub's BackendStore contract; `reopen` (persistent ones): the records as a restarted stub reads them. */
export function runBackendStoreContract(name: 'memory' | 'embedded' | 'postgres', open: () => Promise<{ store: BackendStore; reopen?: () => Promise<BackendStore> }>): void {
  describe(`BackendStore contract: ${name}`, () => {
    let store: BackendStore;
    let reopen: (() => Promise<BackendStore>) | undefined;
    beforeEach(async () => {
      ({ store, reopen } = await open());
    });

    it('starts empty', async () => {
      expect(await store.read()).toEqual(emptyBackendData());
    });

    it('keeps what each change names, in the order records were first written, and changes a record in place', async () => {
      const meta = { ...metaOf(emptyBackendData()), seeded: true, lastSequence: 2, recordSequences: { '21020020261130': 2 } };
      await store.commit({ meta, applications: [application('app-b', 1), application('app-a', 2)], bindings: [] });
      const decided = application('app-b', 1, { status: 'approved', reviewStartsAt: null, updatedAt: '2026-11-30T08:05:00.000Z' });
      await store.commit({ meta, applications: [decided], bindings: [binding('app-b', mother), binding('app-b', son)] });
      await store.commit({ meta, applications: [], bindings: [binding('app-b', son, { endedAt: '2026-11-30T09:00:00.000Z', unbindKey: 'unbind-1' })] });
      const expected: BackendData = {
        ...meta,
        applications: [decided, application('app-a', 2)],
        bindings: [binding('app-b', mother), binding('app-b', son, { endedAt: '2026-11-30T09:00:00.000Z', unbindKey: 'unbind-1' })],
      };
      expect(await store.read()).toEqual(expected);
      if (reopen !== undefined) expect(await (await reopen()).read()).toEqual(expected);
    });
  });
}
