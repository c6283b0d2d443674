import { readdir, stat } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesHolding, filesUnder, notPrivate, plainPersonalData, wholeBinding } from '../helpers/personalDataAtRest.js';
import { startTestServerForThisTest, useTestServer } from './testServer.js';

/** The embedded default; test/postgres/personalDataAtRest.postgres.test.ts does the same on PostgreSQL. */
describe('personal data at rest on the embedded default', () => {
  let sessionId: string | undefined;
  let applicationId: string | undefined;
  const server = useTestServer({ BACKEND_REVIEW_DELAY_MS: '0' });

  beforeAll(async () => {
    let last: any;
    for (const text of wholeBinding) {
      last = (await server.post('/api/v1/chat', { ...(sessionId ? { sessionId } : {}), text, region: '210200' })).body;
      sessionId = last.sessionId;
    }
    expect(last.form.status).toBe('submitted');
    applicationId = last.form.applicationId;
    await server.stop();
  });

  it('keeps no ID or phone number in plain text in any file, the assistant\'s or the back end\'s', async () => {
    const files = await filesUnder(server.dataDir);
    expect(files.some((file) => file.endsWith('store.log'))).toBe(true);
    expect(files.some((file) => file.endsWith('backend.log'))).toBe(true);
    expect(await filesHolding(server.dataDir, plainPersonalData)).toEqual([]);
  });

  it('lets only the service\'s own user read its data directory and files', async () => {
    expect((await stat(server.dataDir)).mode & 0o777).toBe(0o700);
    expect(await notPrivate(server.dataDir)).toEqual([]);
  });

  it('reads its sealed data back after a restart: the conversation still knows its record number', async () => {
    const again = await startTestServerForThisTest({}, { dataDir: server.dataDir });
    expect(await readdir(server.dataDir)).toContain('data-key');
    const next = await again.post('/api/v1/chat', { sessionId, text: '提交了吗' });
    expect(next.status).toBe(200);
    expect(next.body.form.applicationId).toBe(applicationId);
  });
});
