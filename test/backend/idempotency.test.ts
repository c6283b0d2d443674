import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson } from '../../src/backend-stub/demoRegistry.js';
import { member, newPerson, request, startTestStub, type TestStub } from './backendHarness.js';
import { loadBackendContent } from './backendTestContent.js';

let stub: TestStub;
let messages: Record<string, string>;
beforeAll(async () => {
  messages = (await loadBackendContent()).messages;
  stub = await startTestStub();
});
afterAll(async () => stub.close());

describe('filing with an idempotency key', () => {
  it('files one application however often the same request is retried with the same key', async () => {
    const applicant = newPerson();
    const body = request('210200', applicant, [member(newPerson(), 'spouse')]);
    const first = await stub.apply(body, 'same-key-1');
    const second = await stub.apply(body, 'same-key-1');
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.recordNumber).toBe(first.body.recordNumber);
    expect((await stub.list(applicant.idNumber)).applications).toHaveLength(1);
  });

  it('files one application when the same key arrives many times at once', async () => {
    const applicant = newPerson();
    const body = request('210200', applicant, [member(newPerson(), 'child')]);
    const answers = await Promise.all(Array.from({ length: 12 }, () => stub.apply(body, 'concurrent-key')));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 200)).toBe(true);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect((await stub.list(applicant.idNumber)).applications).toHaveLength(1);
  });

  it('treats the same person typed differently (lower-case x) as the same request', async () => {
    const { name, idNumber } = demoPerson('郑海涛');
    const applicant = newPerson({ region: '440304' });
    const upper = request('440300', applicant, [member({ name, idNumber, phone: '13800000003' }, 'sibling')]);
    const lower = request('440300', applicant, [member({ name, idNumber: idNumber.toLowerCase(), phone: '13800000003' }, 'sibling')]);
    const first = await stub.apply(upper, 'case-key');
    const again = await stub.apply(lower, 'case-key');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('refuses the same key with a different request (409) and files nothing for it', async () => {
    const applicant = newPerson();
    await stub.apply(request('210200', applicant, [member(newPerson(), 'spouse')]), 'reused-key');
    const other = await stub.apply(request('210200', applicant, [member(newPerson(), 'father')]), 'reused-key');
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'idempotency_key_reused', message: messages['backend.error.idempotency_key_reused'] });
    expect((await stub.list(applicant.idNumber)).applications).toHaveLength(1);
  });

  it('requires a key (400) and files nothing without one', async () => {
    const applicant = newPerson();
    const answer = await stub.post('/api/v1/applications', request('210200', applicant, [member(newPerson(), 'spouse')]), { 'content-type': 'application/json' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'idempotency_key_required', message: messages['backend.error.idempotency_key_required'] });
    expect((await stub.list(applicant.idNumber)).applications).toHaveLength(0);
  });
});

describe('unbinding with an idempotency key', () => {
  it('returns the same ended binding when retried, and refuses the key for another member', async () => {
    const applicant = newPerson();
    const spouse = newPerson();
    const father = newPerson({ birthDate: '1950-02-02' });
    await stub.apply(request('210200', applicant, [member(spouse, 'spouse'), member(father, 'father')]), 'unbind-setup');
    const first = await stub.unbind(applicant.idNumber, spouse.idNumber, 'unbind-key');
    const again = await stub.unbind(applicant.idNumber, spouse.idNumber, 'unbind-key');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const misuse = await stub.unbind(applicant.idNumber, father.idNumber, 'unbind-key');
    expect(misuse.status).toBe(409);
    expect(misuse.body.error.code).toBe('idempotency_key_reused');
    expect((await stub.list(applicant.idNumber)).bindings.map((binding) => binding.member.idNumber)).toEqual([father.idNumber]);
  });
});
