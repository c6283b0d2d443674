import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { startTestServer, type TestServer } from './testServer.js';

/** A person's whole binding, as typed: their numbers and their mother's (made up for this test alone). */
const idNumber = makeIdNumber({ region: '210202', birthDate: '1983-04-21' });
const phone = '13698765432';
const motherId = makeIdNumber({ region: '210202', birthDate: '1957-10-08', sex: 'female' });
const motherPhone = '15887654321';
const binding = ['我要绑定', '欧阳明远', idNumber, phone, '我妈', '司马慧兰', motherId, motherPhone, '不用了，下一步', '同意', '确认提交'];

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? filesUnder(path.join(directory, entry.name)) : [path.join(directory, entry.name)])));
  return nested.flat();
}

describe('personal data at rest on the embedded default', () => {
  let server: TestServer;
  let sessionId: string | undefined;
  let applicationId: string | undefined;

  beforeAll(async () => {
    server = await startTestServer({ BACKEND_REVIEW_DELAY_MS: '0' });
    let last: any;
    for (const text of binding) {
      last = (await server.post('/api/v1/chat', { ...(sessionId ? { sessionId } : {}), text, region: '210200' })).body;
      sessionId = last.sessionId;
    }
    expect(last.form.status).toBe('submitted');
    applicationId = last.form.applicationId;
    await server.stop();
  });

  afterAll(() => server?.remove());

  it('keeps no ID or phone number in plain text in any file, the assistant\'s or the back end\'s', async () => {
    const files = await filesUnder(server.dataDir);
    expect(files.some((file) => file.endsWith('store.log'))).toBe(true);
    expect(files.some((file) => file.endsWith('backend.log'))).toBe(true);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const number of [idNumber, phone, motherId, motherPhone]) expect(text.includes(number), `${path.basename(file)} holds ${number}`).toBe(false);
      expect(text.includes('司马慧兰'), `${path.basename(file)} holds a name`).toBe(false);
    }
  });

  it('lets only the service\'s own user read its data directory and files', async () => {
    expect((await stat(server.dataDir)).mode & 0o777).toBe(0o700);
    for (const file of await filesUnder(server.dataDir)) expect((await stat(file)).mode & 0o777, path.basename(file)).toBe(0o600);
  });

  it('reads its sealed data back after a restart: the conversation still knows its record number', async () => {
    const again = await startTestServer({}, { dataDir: server.dataDir });
    try {
      expect(await readdir(server.dataDir)).toContain('data-key');
      const next = await again.post('/api/v1/chat', { sessionId, text: '提交了吗' });
      expect(next.status).toBe(200);
      expect(next.body.form.applicationId).toBe(applicationId);
    } finally {
      await again.stop();
    }
  });
});
