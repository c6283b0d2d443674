import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { startTestServer, type TestServer } from '../http/testServer.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase } from './testDatabase.js';

const availability = postgresAvailability();

/** What a person types, one answer a turn, to bind their mother in 大连. */
const binding = ['我要绑定', '张伟', '21020219850612123X', '13812345678', '我妈', '李秀英', '21020219580304242X', '13912345678', '不用了，下一步', '同意', '确认提交'];

describe.skipIf(!availability.available)('two instances on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    if (database === undefined) throw new Error('the run started no PostgreSQL cluster');
    const shared = {
      DATABASE_URL: database.url,
      SESSION_SECRET: 'one-secret-shared-by-every-instance-of-this-test',
      DATA_KEY: generateDataKey().bytes.toString('base64'),
      BACKEND_REVIEW_DELAY_MS: '0',
    };
    first = await startTestServer(shared);
    // One back end for both, as in a real deployment: the second instance files with the first one's stub.
    second = await startTestServer({ ...shared, START_BACKEND_STUB: 'false', BACKEND_URL: first.backendUrl });
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await Promise.all([first?.remove(), second?.remove()]);
    await database?.drop();
  });

  it('continues one conversation turn by turn on alternating instances and files the binding once', async () => {
    let sessionId: string | undefined;
    let last: any;
    for (const [index, text] of binding.entries()) {
      const instance = index % 2 === 0 ? first : second;
      const response = await instance.post('/api/v1/chat', { ...(sessionId ? { sessionId } : {}), text, region: '210200' });
      expect(response.status, text).toBe(200);
      sessionId = response.body.sessionId;
      last = response.body;
    }
    expect(last.form.status).toBe('submitted');
    expect(last.form.applicationId).toEqual(expect.any(String));
    expect(last.replies.map((reply: { text: string }) => reply.text).join('')).toMatch(/授权记录编号.*GJ/);
    // Asked again on the other instance, the conversation knows its record number and files nothing new.
    const again = await second.post('/api/v1/chat', { sessionId, text: '提交了吗' });
    expect(again.body.form.applicationId).toBe(last.form.applicationId);
  });
});

describe.skipIf(!availability.available)('allowances shared by instances on one database', () => {
  it('counts a client\'s requests on every instance together', async () => {
    const database = await createTestDatabase();
    if (database === undefined) throw new Error('the run started no PostgreSQL cluster');
    const environment = {
      DATABASE_URL: database.url,
      SESSION_SECRET: 'one-secret-shared-by-every-instance-of-this-test',
      DATA_KEY: generateDataKey().bytes.toString('base64'),
      RATE_LIMIT_PER_MINUTE: '3',
    };
    const one = await startTestServer(environment);
    const other = await startTestServer({ ...environment, START_BACKEND_STUB: 'false', BACKEND_URL: one.backendUrl });
    try {
      const statuses = [];
      for (const instance of [one, other, one, other]) statuses.push((await instance.post('/api/v1/chat', { text: '你好' })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await Promise.all([one.stop(), other.stop()]);
      await Promise.all([one.remove(), other.remove()]);
      await database.drop();
    }
  });
});
