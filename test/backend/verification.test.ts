import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationRules } from '../../src/backend-stub/codeVerification.js';
import { member, newPerson, request, startTestStub, testBackendSecret, type TestStub } from './backendHarness.js';

/**
 * Identity before account data, at the back end: one-time codes texted to the phone on file, the grants they buy,
 * and the caps that keep strangers from guessing or from locking the owner out. Time moves on the stub's clock.
 */
let stub: TestStub;
beforeAll(async () => {
  stub = await startTestStub();
});
afterAll(async () => stub.close());

const json = { 'content-type': 'application/json' };
let count = 0;
const someone = () => {
  count += 1;
  return { session: `session-${count}`, address: `10.1.0.${count}` };
};
type Requester = ReturnType<typeof someone>;
type Subject = { kind: 'idNumber' | 'recordNumber'; value: string };

/** An applicant with one approved application, as the owner would have it. */
async function applicantOnFile() {
  const applicant = newPerson();
  const spouse = newPerson();
  const filed = await stub.apply(request('210200', applicant, [member(spouse, 'spouse')]), `verification-${(count += 1)}`);
  expect(filed.status).toBe(201);
  return { applicant, spouse, application: filed.body, subject: { kind: 'idNumber', value: applicant.idNumber } as Subject };
}

const askCode = (subject: Subject, requester: Requester) => stub.post('/api/v1/verification/codes', { subject, requester }, json);
const tryCode = (subject: Subject, code: string, requester: Requester) => stub.post('/api/v1/verification/grants', { subject, code, requester }, json);
const lastCode = (phone: string) => /\d{6}/.exec(stub.sms.messagesTo(phone).at(-1)?.text ?? '')?.[0] ?? 'none';
const wrong = (code: string) => (code === '000000' ? '000001' : '000000');
const listWith = (idNumber: string, grant: string) => stub.get(`/api/v1/applicants/${idNumber}/applications`, { 'x-verification-grant': grant });

describe('the back end answers only callers that carry its secret', () => {
  it('refuses every API call without the secret or with a wrong one (401), and keeps /healthz open', async () => {
    const { applicant, application } = await applicantOnFile();
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/applicants/${applicant.idNumber}/applications`],
      ['GET', `/api/v1/applications/${application.id}`],
      ['GET', `/api/v1/records/${application.recordNumber}`],
      ['GET', `/api/v1/admin/applications?applicant=${applicant.idNumber}`],
      ['GET', `/api/v1/sms-outbox?phone=${applicant.phone}`],
      ['POST', '/api/v1/applications', request('210200', newPerson(), [member(newPerson(), 'spouse')])],
      ['POST', '/api/v1/verification/codes', { subject: { kind: 'idNumber', value: applicant.idNumber }, requester: someone() }],
      ['POST', `/api/v1/applicants/${applicant.idNumber}/bindings/${application.members[0].idNumber}/cancel`],
    ];
    for (const authorization of [undefined, 'Bearer wrong-secret', testBackendSecret, `Bearer ${testBackendSecret}x`]) {
      for (const [method, path, body] of calls) {
        const headers: Record<string, string> = { ...json, 'idempotency-key': 'unauthorized-try' };
        if (authorization !== undefined) headers.authorization = authorization;
        const response = await fetch(`${stub.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
        expect(response.status, `${method} ${path} with ${authorization}`).toBe(401);
        expect((await response.json()).error.code).toBe('unauthorized');
      }
    }
    expect((await fetch(`${stub.url}/healthz`)).status).toBe(200);
    expect((await stub.list(applicant.idNumber)).applications).toHaveLength(1);
    expect(stub.sms.messagesTo(applicant.phone)).toHaveLength(0);
  });

  it('lists an applicant for operators with the secret alone, as { applications, bindings }', async () => {
    const { applicant, spouse } = await applicantOnFile();
    const listed = await stub.get(`/api/v1/admin/applications?applicant=${applicant.idNumber}`);
    expect(listed.status).toBe(200);
    expect(listed.body.applications).toHaveLength(1);
    expect(listed.body.bindings.map((binding: { member: { idNumber: string } }) => binding.member.idNumber)).toEqual([spouse.idNumber]);
  });
});

describe('one-time codes', () => {
  it('texts a 6-digit code to the phone on file, logs it with the phone masked, lists it in the SMS outbox; the code buys a grant', async () => {
    const { applicant, spouse, subject } = await applicantOnFile();
    const owner = someone();
    expect(await askCode(subject, owner)).toMatchObject({ status: 202 });
    const code = lastCode(applicant.phone);
    expect(code).toMatch(/^\d{6}$/);

    const outbox = await stub.get(`/api/v1/sms-outbox?phone=${applicant.phone}`);
    expect(outbox.body.messages).toEqual([expect.objectContaining({ phone: applicant.phone, text: expect.stringContaining(code) })]);
    const logged = stub.logLines.find((line) => line.includes('sms sent') && line.includes(code));
    expect(logged).toBeDefined();
    expect(logged).not.toContain(applicant.phone);
    expect(logged).toContain(applicant.phone.slice(-4));

    expect((await listWith(applicant.idNumber, 'no-grant')).status).toBe(403);
    const granted = await tryCode(subject, code, owner);
    expect(granted.status).toBe(201);
    const listed = await listWith(applicant.idNumber, granted.body.grant);
    expect(listed.status).toBe(200);
    expect(listed.body.bindings[0].member.idNumber).toBe(spouse.idNumber);
  });

  it('makes the record number a status key once verified by it, and only for that applicant', async () => {
    const { applicant, application } = await applicantOnFile();
    const other = await applicantOnFile();
    const subject: Subject = { kind: 'recordNumber', value: application.recordNumber.toLowerCase() };
    const owner = someone();
    await askCode(subject, owner);
    const granted = await tryCode(subject, lastCode(applicant.phone), owner);
    expect(granted.status).toBe(201);
    const grant = { 'x-verification-grant': granted.body.grant };
    expect(await stub.get(`/api/v1/records/${application.recordNumber}`, grant)).toMatchObject({ status: 200, body: { id: application.id } });
    expect(await stub.get(`/api/v1/records/${other.application.recordNumber}`, grant)).toMatchObject({ status: 403, body: { error: { code: 'verification_required' } } });
    expect(await stub.get(`/api/v1/records/${application.recordNumber}`)).toMatchObject({ status: 403 });
  });

  it('expires a code after 5 minutes; the grant it bought expires too', async () => {
    const { applicant, subject } = await applicantOnFile();
    const owner = someone();
    await askCode(subject, owner);
    const code = lastCode(applicant.phone);
    stub.clock.advance(verificationRules.codeTtlMs);
    expect(await tryCode(subject, code, owner)).toMatchObject({ status: 422, body: { error: { code: 'code_expired' } } });

    await askCode(subject, owner);
    const granted = await tryCode(subject, lastCode(applicant.phone), owner);
    expect((await listWith(applicant.idNumber, granted.body.grant)).status).toBe(200);
    stub.clock.advance(verificationRules.grantTtlMs);
    expect((await listWith(applicant.idNumber, granted.body.grant)).status).toBe(403);
  });

  it('allows a resend only 60 s after the last code, and the new code replaces the old', async () => {
    const { applicant, subject } = await applicantOnFile();
    const owner = someone();
    await askCode(subject, owner);
    const first = lastCode(applicant.phone);
    stub.clock.advance(verificationRules.resendAfterMs - 1_000);
    expect(await askCode(subject, owner)).toMatchObject({ status: 429, body: { error: { code: 'resend_too_soon' } } });
    expect(stub.sms.messagesTo(applicant.phone)).toHaveLength(1);
    stub.clock.advance(1_000);
    expect(await askCode(subject, owner)).toMatchObject({ status: 202 });
    const second = lastCode(applicant.phone);
    if (first !== second) expect(await tryCode(subject, first, owner)).toMatchObject({ status: 422, body: { error: { code: 'code_invalid' } } });
    expect(await tryCode(subject, second, owner)).toMatchObject({ status: 201 });
  });

  it('takes 5 tries per code, then locks that session and address out for 15 minutes, not longer', async () => {
    const { applicant, subject } = await applicantOnFile();
    const owner = someone();
    await askCode(subject, owner);
    const code = lastCode(applicant.phone);
    for (let attempt = 1; attempt < verificationRules.triesPerCode; attempt += 1) {
      expect(await tryCode(subject, wrong(code), owner)).toMatchObject({ status: 422, body: { error: { code: 'code_invalid' } } });
    }
    expect(await tryCode(subject, wrong(code), owner)).toMatchObject({ status: 429, body: { error: { code: 'code_locked' } } });
    const warned = stub.logLines.filter((line) => line.includes('"level":"warn"') && line.includes('code_locked'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).not.toContain(applicant.idNumber);
    // The right code no longer helps, and no new one is sent while locked.
    expect(await tryCode(subject, code, owner)).toMatchObject({ status: 429, body: { error: { code: 'code_locked' } } });
    stub.clock.advance(verificationRules.resendAfterMs);
    expect(await askCode(subject, owner)).toMatchObject({ status: 429, body: { error: { code: 'code_locked' } } });
    stub.clock.advance(verificationRules.lockoutMs);
    expect(await askCode(subject, owner)).toMatchObject({ status: 202 });
    expect(await tryCode(subject, lastCode(applicant.phone), owner)).toMatchObject({ status: 201 });
  });

  it('never lets a stranger lock the owner out: the stranger burns only their own code and caps', async () => {
    const { applicant, subject } = await applicantOnFile();
    const stranger = someone();
    await askCode(subject, stranger);
    for (let attempt = 0; attempt < verificationRules.triesPerCode; attempt += 1) await tryCode(subject, String(100_000 + attempt), stranger);
    expect(await askCode(subject, stranger)).toMatchObject({ status: 429, body: { error: { code: 'code_locked' } } });
    const strangerAgain = { session: `${stranger.session}-new`, address: stranger.address };
    expect(await askCode(subject, strangerAgain)).toMatchObject({ status: 429 });

    const owner = someone();
    expect(await askCode(subject, owner)).toMatchObject({ status: 202 });
    const granted = await tryCode(subject, lastCode(applicant.phone), owner);
    expect(granted.status).toBe(201);
    expect((await listWith(applicant.idNumber, granted.body.grant)).status).toBe(200);
  });

  it('a code asked by one session is no use to another', async () => {
    const { applicant, subject } = await applicantOnFile();
    const owner = someone();
    await askCode(subject, owner);
    const code = lastCode(applicant.phone);
    expect(await tryCode(subject, code, someone())).toMatchObject({ status: 422, body: { error: { code: 'code_invalid' } } });
    expect(await tryCode(subject, code, owner)).toMatchObject({ status: 201 });
  });

  it('caps sends at 3 an hour per session and per address', async () => {
    const people = await Promise.all([applicantOnFile(), applicantOnFile(), applicantOnFile(), applicantOnFile()]);
    const asker = someone();
    for (const person of people.slice(0, 3)) expect(await askCode(person.subject, asker)).toMatchObject({ status: 202 });
    expect(await askCode(people[3]!.subject, asker)).toMatchObject({ status: 429, body: { error: { code: 'too_many_codes' } } });
    // A new session from the same address is still capped; so is the same session from another address.
    expect(await askCode(people[3]!.subject, { session: 'fresh-session', address: asker.address })).toMatchObject({ status: 429 });
    expect(await askCode(people[3]!.subject, { session: asker.session, address: '10.9.9.9' })).toMatchObject({ status: 429 });
    expect(stub.sms.messagesTo(people[3]!.applicant.phone)).toHaveLength(0);
    stub.clock.advance(60 * 60_000);
    expect(await askCode(people[3]!.subject, asker)).toMatchObject({ status: 202 });
  });

  it('texts one phone at most 20 times a day, without telling the asker', async () => {
    const { applicant, subject } = await applicantOnFile();
    for (let sent = 0; sent < verificationRules.sendsPerPhonePerDay; sent += 1) expect(await askCode(subject, someone())).toMatchObject({ status: 202 });
    expect(stub.sms.messagesTo(applicant.phone)).toHaveLength(verificationRules.sendsPerPhonePerDay);
    expect(await askCode(subject, someone())).toMatchObject({ status: 202 });
    expect(stub.sms.messagesTo(applicant.phone)).toHaveLength(verificationRules.sendsPerPhonePerDay);
    stub.clock.advance(24 * 60 * 60_000);
    expect(await askCode(subject, someone())).toMatchObject({ status: 202 });
    expect(stub.sms.messagesTo(applicant.phone)).toHaveLength(verificationRules.sendsPerPhonePerDay + 1);
  });

  it('answers for an ID number or record number nobody has exactly as for one on file', async () => {
    const { subject } = await applicantOnFile();
    const unknownId: Subject = { kind: 'idNumber', value: newPerson().idNumber };
    const unknownRecord: Subject = { kind: 'recordNumber', value: 'GJ2102002099010100001' };
    const known = await askCode(subject, someone());
    for (const nobody of [unknownId, unknownRecord]) {
      const asker = someone();
      const answer = await askCode(nobody, asker);
      expect(answer.status).toBe(known.status);
      expect(Object.keys(answer.body)).toEqual(Object.keys(known.body));
      expect(await tryCode(nobody, '123456', asker)).toMatchObject({ status: 422, body: { error: { code: 'code_invalid' } } });
    }
  });

  it('refuses malformed requests in Chinese, sending nothing', async () => {
    const { applicant } = await applicantOnFile();
    expect(await askCode({ kind: 'idNumber', value: '12345' }, someone())).toMatchObject({ status: 422, body: { error: { code: 'invalid_id_number' } } });
    expect(await askCode({ kind: 'recordNumber', value: 'GJ123' }, someone())).toMatchObject({ status: 422, body: { error: { code: 'invalid_record_number' } } });
    const missing = await stub.post('/api/v1/verification/codes', { subject: { kind: 'idNumber', value: applicant.idNumber } }, json);
    expect(missing).toMatchObject({ status: 422, body: { error: { code: 'invalid_request', field: 'requester' } } });
    expect(missing.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await stub.get('/api/v1/sms-outbox?phone=123')).toMatchObject({ status: 422, body: { error: { code: 'invalid_phone' } } });
    expect(stub.sms.messagesTo(applicant.phone)).toHaveLength(0);
  });
});
