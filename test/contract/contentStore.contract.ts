import { describe, expect, it } from 'vitest';
import { emptyContentRecord, type ContentRecord, type ContentStore, type ContentVersion } from '../../src/ports/contentStore.js';

function version(number: number, overrides: Partial<ContentVersion> = {}): ContentVersion {
  return {
    number,
    status: 'draft',
    origin: 'editor',
    basedOn: null,
    files: { 'flows/faq/limits.yaml': `hash-${number}` },
    author: { id: 'staff-1', login: 'li.na' },
    editors: [{ id: 'staff-1', login: 'li.na' }],
    message: '',
    createdAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-11-30T08:00:00.000Z',
    submittedAt: null,
    approver: null,
    approvedAt: null,
    publishAt: null,
    publishedAt: null,
    rollbackOf: null,
    returnNote: null,
    ...overrides,
  };
}

const adding = (added: ContentVersion) => (record: ContentRecord) => ({
  record: { ...record, versions: [...record.versions, added], blobs: { ...record.blobs, [`hash-${added.number}`]: `text ${added.number}` } },
  result: added.number,
});

/** `create` gives an empty store; `reopen` (persistent ones) another store on the same data: a restart, or another instance. */
export type ContentStoreFactory = { create: () => Promise<ContentStore>; reopen?: () => Promise<ContentStore> };

export function runContentStoreContract(name: 'memory' | 'lowdb' | 'postgres', factory: () => Promise<ContentStoreFactory>): void {
  describe(`ContentStore contract: ${name}`, () => {
    it('starts empty, and returns what an update stored together with the update’s result', async () => {
      const store = await (await factory()).create();
      expect(await store.read()).toEqual(emptyContentRecord());
      expect(await store.update(adding(version(1)))).toBe(1);
      const record = await store.read();
      expect(record.versions).toEqual([version(1)]);
      expect(record.blobs).toEqual({ 'hash-1': 'text 1' });
    });

    it('runs concurrent updates one after another on the record as stored then: none is lost', async () => {
      const store = await (await factory()).create();
      await Promise.all([1, 2, 3, 4, 5].map((number) => store.update(adding(version(number)))));
      expect((await store.read()).versions.map((stored) => stored.number).sort()).toEqual([1, 2, 3, 4, 5]);
    });

    it('stores nothing when a change throws, and the error reaches the caller; later updates still work', async () => {
      const store = await (await factory()).create();
      await store.update(adding(version(1)));
      await expect(
        store.update(() => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await store.update((record) => ({ record: { ...record, published: 1 }, result: null }));
      expect((await store.read()).published).toBe(1);
      expect((await store.read()).versions).toHaveLength(1);
    });

    it('hands out copies: changing what was read changes nothing stored', async () => {
      const store = await (await factory()).create();
      await store.update(adding(version(1)));
      const record = await store.read();
      record.versions[0]!.status = 'published';
      record.published = 9;
      expect((await store.read()).versions[0]?.status).toBe('draft');
      expect((await store.read()).published).toBeNull();
    });

    it('keeps the record across a reopen, and a second store on the same data sees the first one’s changes', async () => {
      const made = await factory();
      if (made.reopen === undefined) return;
      const first = await made.create();
      const second = await made.reopen();
      await first.update(adding(version(1)));
      await first.update((record) => ({ record: { ...record, published: 1, repositoryHash: 'abc' }, result: null }));
      const seen = await second.read();
      expect(seen.published).toBe(1);
      expect(seen.repositoryHash).toBe('abc');
      expect(seen.versions.map((stored) => stored.number)).toEqual([1]);
      expect((await (await made.reopen()).read()).versions).toEqual([version(1)]);
    });

    it('runs updates from two stores on the same data one after another: none is lost, and each sees the other’s changes', async () => {
      const made = await factory();
      if (made.reopen === undefined) return;
      const first = await made.create();
      const second = await made.reopen();
      await Promise.all([1, 2, 3, 4, 5, 6].map((number) => (number % 2 === 0 ? first : second).update(adding(version(number)))));
      // A change to a version already stored (its publish) reaches the other store too.
      await second.update((record) => ({
        record: { ...record, versions: record.versions.map((stored) => (stored.number === 3 ? { ...stored, status: 'published' as const } : stored)), published: 3 },
        result: null,
      }));
      const seen = await first.read();
      expect(seen.versions.map((stored) => stored.number).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(seen.versions.find((stored) => stored.number === 3)?.status).toBe('published');
      expect(seen.published).toBe(3);
      expect(Object.keys(seen.blobs).sort()).toEqual(['hash-1', 'hash-2', 'hash-3', 'hash-4', 'hash-5', 'hash-6']);
    });
  });
}
