import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakCheckDigit } from '../helpers/idNumbers.js';
import { member, newPerson, request, startTestStub, type TestStub } from './backendHarness.js';
import { loadBackendContent } from './backendTestContent.js';

let stub: TestStub;
let dataDir: string;
let messages: Record<string, string>;
beforeAll(async () => {
  messages = (await loadBackendContent()).messages;
  dataDir = await mkdtemp(path.join(tmpdir(), 'backend-bad-input-'));
  stub = await startTestStub({ dataDir });
});
afterAll(async () => {
  await stub.close();
  await rm(dataDir, { recursive: true, force: true });
});

const applicant = newPerson({ name: '王建国' });
const good = () => request('210200', applicant, [member(newPerson({ name: '李秀梅' }), 'spouse')]);
const json = { 'content-type': 'application/json', 'idempotency-key': 'bad-input' };
const dataFile = () => readFile(path.join(dataDir, 'backend.log'), 'utf8');

/** Sends the request, expects the refusal, and checks that nothing at all was written. */
async function expectRefused(send: () => Promise<{ status: number; body: any }>, status: number, code: string) {
  const before = await dataFile();
  const answer = await send();
  expect(answer.status).toBe(status);
  expect(answer.body.error.code).toBe(code);
  expect(answer.body.error.message).toContain(messages[`backend.error.${code}`]);
  expect(await dataFile()).toBe(before);
  expect((await stub.list(applicant.idNumber)).applications).toHaveLength(0);
  return answer.body.error;
}

describe('bad requests get a clear Chinese 4xx and write nothing', () => {
  it('malformed JSON → 400', async () => {
    await expectRefused(() => stub.post('/api/v1/applications', '{"region": "210200", "applicant": {', json), 400, 'invalid_json');
  });

  it('a body that is not JSON → 415', async () => {
    await expectRefused(() => stub.post('/api/v1/applications', JSON.stringify(good()), { ...json, 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
  });

  it('a body over 32 KB → 413', async () => {
    const huge = { ...good(), note: 'x'.repeat(33 * 1024) };
    await expectRefused(() => stub.post('/api/v1/applications', huge, json), 413, 'body_too_large');
  });

  it('missing fields → 422 naming the field', async () => {
    const { members: _members, ...withoutMembers } = good();
    expect((await expectRefused(() => stub.post('/api/v1/applications', withoutMembers, json), 422, 'invalid_request')).field).toBe('members');
    expect((await expectRefused(() => stub.post('/api/v1/applications', { ...good(), members: [] }, json), 422, 'invalid_request')).field).toBe('members');
    const cousin = { ...good(), members: [{ ...good().members[0], relationship: 'cousin' }] };
    expect((await expectRefused(() => stub.post('/api/v1/applications', cousin, json), 422, 'invalid_request')).field).toBe('members[0].relationship');
    expect((await expectRefused(() => stub.post('/api/v1/applications', [good()], json), 422, 'invalid_request')).field).toBe('(body)');
  });

  it('an invalid ID number → 422 saying whose and what is wrong', async () => {
    const wrong = { ...good(), members: [{ ...good().members[0]!, idNumber: breakCheckDigit(good().members[0]!.idNumber) }] };
    const error = await expectRefused(() => stub.post('/api/v1/applications', wrong, json), 422, 'invalid_id_number');
    expect(error.field).toBe('members[0].idNumber');
    expect(error.message).toContain('第1位家人李秀梅');
    expect(error.message).toContain(messages['validation.idNumber.checksum']);
    const legacy = { ...good(), applicant: { ...applicant, idNumber: '210202800101123' } };
    expect((await expectRefused(() => stub.post('/api/v1/applications', legacy, json), 422, 'invalid_id_number')).message).toContain(messages['validation.idNumber.legacy15']);
  });

  it('an invalid name or phone number → 422', async () => {
    await expectRefused(() => stub.post('/api/v1/applications', { ...good(), applicant: { ...applicant, name: 'Tom123' } }, json), 422, 'invalid_name');
    await expectRefused(() => stub.post('/api/v1/applications', { ...good(), applicant: { ...applicant, phone: '12345' } }, json), 422, 'invalid_phone');
  });

  it('an unknown region → 422', async () => {
    await expectRefused(() => stub.post('/api/v1/applications', { ...good(), region: '999999' }, json), 422, 'unknown_region');
    await expectRefused(() => stub.post('/api/v1/applications', { ...good(), region: 'national' }, json), 422, 'unknown_region');
  });

  it('unknown applications, applicants with invalid IDs and unknown paths → 404/422, never 500', async () => {
    await expectRefused(() => stub.get('/api/v1/applications/app_nope'), 404, 'application_not_found');
    await expectRefused(() => stub.get('/api/v1/applicants/12345/applications'), 422, 'invalid_id_number');
    await expectRefused(() => stub.get('/api/v1/nothing-here'), 404, 'not_found');
  });

  it('still files the good request afterwards', async () => {
    const answer = await stub.apply(good(), 'bad-input-then-good');
    expect(answer.status).toBe(201);
    expect((await stub.list(applicant.idNumber)).applications).toHaveLength(1);
  });
});
