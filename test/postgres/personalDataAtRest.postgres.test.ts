import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { filesHolding, notPrivate, plainPersonalData, tablesHolding, wholeBinding } from '../helpers/personalDataAtRest.js';
import { startTestServer, type TestServer } from '../http/testServer.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase } from './testDatabase.js';

const availability = postgresAvailability();

/**
 * After a whole binding on PostgreSQL (and a question about it afterwards), no table — whichever store added it — and
 * no file of the instance's DATA_DIR holds an ID or phone number, or the member's name, in plain text; the files are
 * the service user's alone.
 */
describe.skipIf(!availability.available)('personal data at rest on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: TestServer;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    if (database === undefined) throw new Error('the run started no PostgreSQL cluster');
    server = await startTestServer({
      DATABASE_URL: database.url,
      SESSION_SECRET: 'at-rest-test-session-secret-of-32-characters',
      BACKEND_SECRET: 'at-rest-test-back-end-secret-of-32-characters',
      DATA_KEY: generateDataKey().bytes.toString('base64'),
      BACKEND_REVIEW_DELAY_MS: '0',
    });
    let last: any;
    for (const text of wholeBinding) last = (await server.post('/api/v1/chat', { ...(last ? { sessionId: last.sessionId } : {}), text, region: '210200' })).body;
    expect(last.form.status).toBe('submitted');
    expect((await server.post('/api/v1/chat', { sessionId: last.sessionId, text: '提交了吗' })).body.form.applicationId).toBe(last.form.applicationId);
    await server.stop();
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
  });

  afterAll(async () => {
    await pool?.end();
    await server?.remove();
    await database?.drop();
  });

  it('keeps no ID or phone number in plain text in any table', async () => {
    const { tables, found } = await tablesHolding(pool, plainPersonalData);
    expect(tables).toEqual(expect.arrayContaining(['public.sessions', 'public.outbox']));
    expect(found).toEqual([]);
    // The scan does read what the rows hold: a migration's name is found in its table.
    expect((await tablesHolding(pool, ['sessions_and_outbox'])).found).not.toEqual([]);
  });

  it('keeps none in the instance\'s files either, and lets only the service\'s user read them', async () => {
    expect(await filesHolding(server.dataDir, plainPersonalData)).toEqual([]);
    expect(await notPrivate(server.dataDir)).toEqual([]);
  });
});
