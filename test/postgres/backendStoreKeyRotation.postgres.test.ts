import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalDataCipher, generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { openPostgresBackendStore } from '../../src/backend-stub/postgresBackendStore.js';
import { emptyBackendData, metaOf } from '../../src/backend-stub/backendData.js';
import { application, binding, mother, son } from '../contract/backendStore.contract.js';
import { createTestDatabase } from './testDatabase.js';

/**
 * After DATA_KEY is rotated, the stub restarted with the new key (the old one kept to open old records) changes a
 * binding it wrote before: it must change that binding, not add a second one beside it (an unbound member would
 * then still read as bound).
 */
describe('the back-end stub on PostgreSQL across a DATA_KEY rotation', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const stores: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await database?.drop();
  });
  const open = async (cipher: ReturnType<typeof createPersonalDataCipher>) => {
    const store = await openPostgresBackendStore({ databaseUrl: database!.url, cipher });
    stores.push(store);
    return store;
  };

  it('unbinds the member it bound before the rotation, leaving one binding per member', async () => {
    const oldKey = generateDataKey();
    const newKey = generateDataKey();
    const meta = { ...metaOf(emptyBackendData()), lastSequence: 1 };
    const before = await open(createPersonalDataCipher(oldKey));
    await before.read();
    await before.commit({ meta, applications: [application('app-1', 1)], bindings: [binding('app-1', mother), binding('app-1', son)] });

    const after = await open(createPersonalDataCipher(newKey, { previous: [oldKey] }));
    const data = await after.read();
    const unbound = { ...data.bindings.find((stored) => stored.member.idNumber === son.idNumber)!, endedAt: '2026-11-30T10:00:00.000Z', unbindKey: 'unbind-1' };
    await after.commit({ meta, applications: [], bindings: [unbound] });

    const restarted = await (await open(createPersonalDataCipher(newKey, { previous: [oldKey] }))).read();
    expect(restarted.bindings).toEqual([binding('app-1', mother), binding('app-1', son, { endedAt: '2026-11-30T10:00:00.000Z', unbindKey: 'unbind-1' })]);
  });
});
