import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { startTestServerForThisTest, useTestServer } from './testServer.js';

/**
 * The assistant and its back end as separate services: the stub listens on loopback, answers only callers with the
 * shared secret (generated into DATA_DIR when BACKEND_SECRET is unset), and a person who did not file sees their
 * applications only after typing the code texted to the phone on file — read here from the SMS outbox, as in a demo.
 */
let secret: string;
const server = useTestServer();

beforeAll(async () => {
  secret = (await readFile(path.join(server.dataDir, 'backend-secret'), 'utf8')).trim();
});

let sequence = 0;
const person = () => makeIdNumber({ region: '210202', birthDate: '1975-03-03', sequence: (sequence += 1) });
const backend = (pathname: string, init: RequestInit = {}, key = secret) =>
  fetch(`${server.backendUrl}${pathname}`, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers } });
const chat = async (text: string, sessionId?: string) => (await server.post('/api/v1/chat', { text, ...(sessionId ? { sessionId } : {}) })).body;
const saidIn = (body: { replies: { text: string }[] }) => body.replies.map((reply) => reply.text).join('\n');

async function fileDirectly(applicantIdNumber: string, phone: string) {
  const body = {
    region: '210200',
    applicant: { name: '刘芳', idNumber: applicantIdNumber, phone },
    members: [{ name: '刘建军', idNumber: makeIdNumber({ region: '210202', birthDate: '1948-01-01', sequence: (sequence += 1) }), phone: '13900000001', relationship: 'father' }],
  };
  const response = await backend('/api/v1/applications', { method: 'POST', body: JSON.stringify(body), headers: { 'idempotency-key': `http-verification-${sequence}` } });
  expect(response.status).toBe(201);
}

describe('the back-end stub as a service boundary', () => {
  it('listens on loopback and refuses calls without the shared secret', async () => {
    expect(new URL(server.backendUrl).hostname).toBe('127.0.0.1');
    const applicant = person();
    for (const key of ['', 'wrong-secret-wrong-secret-wrong-secret']) {
      expect((await backend(`/api/v1/admin/applications?applicant=${applicant}`, {}, key)).status).toBe(401);
      expect((await backend('/api/v1/sms-outbox?phone=13800000000', {}, key)).status).toBe(401);
    }
    expect((await backend(`/api/v1/admin/applications?applicant=${applicant}`)).status).toBe(200);
  });
});

describe('status through the chat API for a session that did not file', () => {
  it('asks for the code texted to the phone on file, then shows the application', async () => {
    const applicant = person();
    const phone = '13811112222';
    await fileDirectly(applicant, phone);

    const asked = await chat(`查一下${applicant}的申请进度`);
    expect(saidIn(asked)).toContain('验证码');
    expect(saidIn(asked)).not.toContain('刘建军');
    expect(asked.dialog).toEqual({ name: 'status', status: 'verifying' });

    const outbox = await (await backend(`/api/v1/sms-outbox?phone=${phone}`)).json();
    const code = /\d{6}/.exec(outbox.messages.at(-1).text)![0];
    const shown = await chat(code, asked.sessionId);
    expect(saidIn(shown)).toContain('验证通过');
    expect(saidIn(shown)).toContain('刘建军');
    expect(shown.dialog).toBeNull();
  });

});

describe('codes asked from one address', () => {
  it('are capped at 3 an hour, whatever the session: the channel passes the client address to the back end', async () => {
    const fresh = await startTestServerForThisTest();
    const answers = [];
    for (let index = 0; index < 4; index += 1) {
      const response = await fresh.post('/api/v1/chat', { text: `查一下${person()}的申请进度` });
      answers.push(saidIn(response.body));
    }
    expect(answers.slice(0, 3).every((said) => said.includes('如果这个身份证号办理过'))).toBe(true);
    expect(answers[3]).toContain('次数太多');
  });
});
