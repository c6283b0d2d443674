import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { rotateKey } from '../../src/data/rotateKey.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { startTestServer, type TestServer } from '../http/testServer.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase } from './testDatabase.js';

const availability = postgresAvailability();

/**
 * `npm run data -- rotate-key` on PostgreSQL: the operator gives every instance the new DATA_KEY with the old one in
 * DATA_KEY_PREVIOUS (conversations sealed under the old key go on meanwhile), runs the command while the instances
 * serve, and then drops DATA_KEY_PREVIOUS: the service on the new key alone still knows everyone's conversation.
 */
const binding = ['我要绑定', '尉迟刚', makeIdNumber({ region: '210202', birthDate: '1977-07-07' }), '13588889999', '我妈', '尉迟芳', makeIdNumber({ region: '210202', birthDate: '1950-10-10', sex: 'female' }), '13688889999', '不用了，下一步', '同意', '确认提交'];
const secrets = { SESSION_SECRET: 'rotation-test-session-secret-of-32-chars', BACKEND_SECRET: 'rotation-test-back-end-secret-of-32-chars', BACKEND_REVIEW_DELAY_MS: '0' };

describe.skipIf(!availability.available)('rotating DATA_KEY on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const oldKey = generateDataKey();
  const newKey = generateDataKey();
  const base64 = (key: typeof oldKey) => key.bytes.toString('base64');
  const servers: TestServer[] = [];
  let sessionId: string;
  let applicationId: string;

  const start = async (environment: Record<string, string>) => {
    const server = await startTestServer({ DATABASE_URL: database!.url, ...secrets, ...environment });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const before = await start({ DATA_KEY: base64(oldKey) });
    let last: any;
    for (const text of binding) last = (await before.post('/api/v1/chat', { ...(last ? { sessionId: last.sessionId } : {}), text, region: '210200' })).body;
    expect(last.form.status).toBe('submitted');
    sessionId = last.sessionId;
    applicationId = last.form.applicationId;
    await before.stop();
  });

  afterAll(async () => {
    for (const server of servers) {
      await server.stop();
      await server.remove();
    }
    await database?.drop();
  });

  const staleRows = async (pool: pg.Pool, keyId: string) =>
    Number((await pool.query<{ count: string }>(`SELECT (SELECT count(*) FROM sessions WHERE document NOT LIKE $1) + (SELECT count(*) FROM outbox WHERE request NOT LIKE $1 OR result NOT LIKE $1) AS count`, [`gcm1.${keyId}.%`])).rows[0]!.count);

  it('re-seals every row under the new key while an instance with both keys serves', async () => {
    const during = await start({ DATA_KEY: base64(newKey), DATA_KEY_PREVIOUS: base64(oldKey), START_BACKEND_STUB: 'false' });
    // A person comes back during the rotation: their conversation, sealed under the old key, opens.
    expect((await during.post('/api/v1/chat', { sessionId, text: '你好' })).status).toBe(200);
    const pool = new pg.Pool({ connectionString: database!.url });
    try {
      expect(await staleRows(pool, newKey.id)).toBeGreaterThan(0);
      const report = await rotateKey({ dataDir: during.dataDir, configured: { current: base64(newKey), previous: [base64(oldKey)] }, pool });
      expect(report.keyId).toBe(newKey.id);
      expect(report.resealed.outbox).toBe(1);
      // The back-end stub beside the first instance kept its records in this database too (schema backend_stub).
      expect(report.resealed['backend_stub.backend_applications']).toBeGreaterThan(0);
      expect(report.resealed['backend_stub.backend_bindings']).toBeGreaterThan(0);
      expect(report.next.join(' ')).toContain('DATA_KEY_PREVIOUS');
      expect(await staleRows(pool, newKey.id)).toBe(0);
      // A second run finds nothing to do.
      expect((await rotateKey({ dataDir: during.dataDir, configured: { current: base64(newKey), previous: [base64(oldKey)] }, pool })).resealed).toMatchObject({ sessions: 0, outbox: 0 });
    } finally {
      await pool.end();
    }
  });

  it('serves on the new key alone afterwards: the conversation still knows its application', async () => {
    const after = await start({ DATA_KEY: base64(newKey), START_BACKEND_STUB: 'false' });
    const next = await after.post('/api/v1/chat', { sessionId, text: '提交了吗' });
    expect(next.status).toBe(200);
    expect(next.body.form.applicationId).toBe(applicationId);
  });
});
