import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalDataCipher, generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { createPostgresHandoffs } from '../../src/adapters/postgresHandoffs.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { filesHolding, notPrivate, plainPersonalData, tablesHolding, wholeBinding } from '../helpers/personalDataAtRest.js';
import { signedInStaff } from '../http/staffClient.js';
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

  it("keeps none in the instance's files either, and lets only the service's user read them", async () => {
    expect(await filesHolding(server.dataDir, plainPersonalData)).toEqual([]);
    expect(await notPrivate(server.dataDir)).toEqual([]);
  });
});

/** A caller's ID number an agent types, and a phone number left for a callback: made up for this test alone. */
const callerId = makeIdNumber({ region: '210202', birthDate: '1962-02-14', sex: 'female' });
const callbackPhone = '13511223344';
const numbers = [...plainPersonalData, callerId, callbackPhone];

/**
 * Every table of the assistant and of the stub's schema, after a binding, an agent's call, a person waiting for an
 * agent and a callback ticket: no ID or phone number in plain text anywhere (content versions are not personal data).
 */
describe.skipIf(!availability.available)('personal data at rest on PostgreSQL, staff and queue stores included', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  let server: TestServer;
  const dataKey = generateDataKey();

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestServer({
      DATABASE_URL: database.url,
      SESSION_SECRET: 'one-secret-shared-by-every-instance-of-this-test',
      BACKEND_SECRET: 'one-back-end-secret-shared-by-every-instance-and-the-stub',
      DATA_KEY: dataKey.bytes.toString('base64'),
      BACKEND_REVIEW_DELAY_MS: '0',
      AGENT_HOURS: 'Mon-Sun 00:00-24:00',
    });
    pool = new pg.Pool({ connectionString: database.url, max: 2 });

    let sessionId: string | undefined;
    let last: any;
    for (const text of wholeBinding) {
      last = (await server.post('/api/v1/chat', { ...(sessionId ? { sessionId } : {}), text, region: '210200' })).body;
      sessionId = last.sessionId;
    }
    expect(last.form.status).toBe('submitted');

    const agent = await signedInStaff(server, 'li.na', 'agent');
    const callId = (await agent.request('POST', '/api/v1/agent/calls', { region: '210200' })).body.call.id;
    await agent.request('POST', `/api/v1/agent/calls/${callId}/say`, { text: '我要绑定' });
    expect((await agent.request('POST', `/api/v1/agent/calls/${callId}/edit`, { slot: 'applicant.idNumber', value: callerId })).status).toBe(200);

    await agent.request('GET', '/api/v1/agent/handoffs');
    const waiting = (await server.post('/api/v1/chat', { text: '转人工', region: '210200' })).body;
    await createPostgresHandoffs(pool, createPersonalDataCipher(dataKey)).requestCallback(
      { conversationId: waiting.sessionId, region: '210200', phone: callbackPhone, preferredTime: `打${callbackPhone}` },
      new Date(),
    );
    await server.stop();
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    await server?.remove();
    await database?.drop();
  });

  it('keeps no ID or phone number in plain text in any table, the assistant’s or the back end’s', async () => {
    expect((await tablesHolding(pool, numbers)).found).toEqual([]);
    // What was scanned holds what the test did: the scan did not pass by finding nothing.
    for (const table of [
      'public.sessions',
      'public.outbox',
      'public.staff_accounts',
      'public.audit_log',
      'public.handoffs',
      'public.callback_tickets',
      'backend_stub.backend_applications',
      'backend_stub.backend_bindings',
    ]) {
      expect(Number((await pool.query<{ count: string }>(`SELECT count(*) FROM ${table}`)).rows[0]?.count), table).toBeGreaterThan(0);
    }
  });
});
