import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../../src/adapters/memoryOutbox.js';
import { createMemorySessionStore } from '../../src/adapters/memorySessionStore.js';
import { createPersonalDataCipher, generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { migrate } from '../../src/adapters/postgresMigrations.js';
import { createPostgresStores } from '../../src/adapters/postgresStores.js';
import type { ConversationState } from '../../src/engine/state.js';
import type { NewOutboxEntry } from '../../src/ports/outbox.js';
import type { StoredSession } from '../../src/ports/sessionStore.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase } from './testDatabase.js';

const availability = postgresAvailability();
const applicantId = '210202196803150310';
const applicantPhone = '13800000001';

function session(id: string, updatedAt: string, transcriptLength = 2): StoredSession {
  return {
    id,
    updatedAt,
    state: { marker: id, form: { applicant: { name: '王建国', idNumber: applicantId, phone: applicantPhone } } } as unknown as ConversationState,
    transcript: Array.from({ length: transcriptLength }, (_, index) => ({
      seq: index + 1,
      from: index % 2 === 0 ? ('user' as const) : ('bot' as const),
      text: index === 0 ? `我的身份证号是${applicantId}` : `第${index + 1}句，比较长的回答`.repeat(3),
    })),
  };
}

const confirmed = (key: string, sessionId: string, createdAt = '2026-01-01T08:00:00.000Z'): NewOutboxEntry => ({
  key,
  sessionId,
  request: { region: '210200', applicant: { name: '王建国', idNumber: applicantId, phone: applicantPhone }, members: [{ relationship: 'spouse', name: '李秀梅', idNumber: '210202197007220423', phone: '13800000002' }] },
  createdAt,
});

/** What only PostgreSQL has to prove beyond the store contracts (stores.contract.postgres.test.ts). */
describe.skipIf(!availability.available)('sessions and outbox on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  let stores: ReturnType<typeof createPostgresStores>;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url });
    await migrate(pool);
    stores = createPostgresStores(pool, createPersonalDataCipher(generateDataKey()), { instanceId: 'instance-a' });
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('commits a turn with its confirmed application together, and keeps the transcript as the memory store does', async () => {
    const turn = session('s-commit', '2026-01-01T08:00:00.000Z', 40);
    await stores.store.commitTurn(turn, [confirmed('s-commit-1', 's-commit')]);
    const memoryOutbox = createMemoryOutbox();
    const memory = createMemorySessionStore({ outbox: memoryOutbox });
    await memory.commitTurn(turn, []);
    expect(await stores.store.get('s-commit')).toEqual(await memory.get('s-commit'));
    expect((await stores.outbox.get('s-commit-1'))).toMatchObject({ sessionId: 's-commit', state: 'pending', attempts: 0, request: confirmed('x', 'y').request });
  });

  it('commits nothing when the turn fails: neither the session nor its application', async () => {
    const broken = { ...session('s-broken', 'not a time') };
    await expect(stores.store.commitTurn(broken, [confirmed('s-broken-1', 's-broken')])).rejects.toThrow();
    expect(await stores.store.get('s-broken')).toBeUndefined();
    expect(await stores.outbox.get('s-broken-1')).toBeUndefined();
  });

  it('lets each pending application be worked by one instance at a time, and another take it over once the lease ends', async () => {
    const cipher = createPersonalDataCipher(generateDataKey());
    const a = createPostgresStores(pool, cipher, { instanceId: 'lease-a' });
    const b = createPostgresStores(pool, cipher, { instanceId: 'lease-b' });
    await a.store.commitTurn(session('s-lease', '2026-01-01T08:00:00.000Z'), [confirmed('lease-1', 's-lease', '2026-01-03T08:00:00.000Z')]);
    const leased = (entries: { key: string }[]) => entries.some((entry) => entry.key === 'lease-1');
    expect(leased(await b.outbox.pending())).toBe(false);
    expect(leased(await a.outbox.pending())).toBe(true);
    // Instance a dies; when its lease has run out, b takes the entry, and a (back again) no longer sees it.
    await pool.query(`UPDATE outbox SET lease_until = now() - interval '1 second' WHERE key = 'lease-1'`);
    const [takenByB, seenByA] = [await b.outbox.pending(), await a.outbox.pending()];
    expect(leased(takenByB)).toBe(true);
    expect(leased(seenByA)).toBe(false);
  });

  it('never hands one entry to two instances claiming at the same moment', async () => {
    const cipher = createPersonalDataCipher(generateDataKey());
    const instances = Array.from({ length: 4 }, (_, index) => createPostgresStores(pool, cipher, { instanceId: `race-${index}` }));
    for (let index = 0; index < 20; index += 1) await instances[0]!.outbox.add(confirmed(`race-${index}`, 'race'));
    await pool.query(`UPDATE outbox SET lease_until = NULL, leased_by = NULL WHERE key LIKE 'race-%'`);
    const claims = await Promise.all(instances.map((instance) => instance.outbox.pending()));
    const keys = claims.flatMap((entries) => entries.map((entry) => entry.key)).filter((key) => key.startsWith('race-'));
    expect(keys.sort()).toEqual(Array.from({ length: 20 }, (_, index) => `race-${index}`).sort());
  });

  it('holds no ID or phone number in plain text in any table', async () => {
    await stores.store.commitTurn(session('s-plain', '2026-01-01T08:00:00.000Z'), [confirmed('s-plain-1', 's-plain')]);
    const { rows } = await pool.query<{ row: string }>(`SELECT row_to_json(s)::text AS row FROM sessions s UNION ALL SELECT row_to_json(o)::text FROM outbox o`);
    expect(rows.length).toBeGreaterThan(0);
    for (const { row } of rows) {
      expect(row).not.toContain(applicantId);
      expect(row).not.toContain(applicantPhone);
      expect(row).not.toContain('王建国');
    }
  });
});
