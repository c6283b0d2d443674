import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson, demoSeedApplications } from '../../src/backend-stub/demoRegistry.js';
import { policyFor, type RegionPolicy } from '../../src/engine/policyFor.js';
import { member, newPerson, request, startTestStub, type TestStub } from './backendHarness.js';
import { loadBackendContent } from './backendTestContent.js';

let stub: TestStub;
let hunan: RegionPolicy;
let messages: Record<string, string>;
beforeAll(async () => {
  const content = await loadBackendContent();
  hunan = policyFor(content, '430000');
  messages = content.messages;
  stub = await startTestStub();
});
afterAll(async () => stub.close());

let keyCount = 0;
const key = () => `unbinding-${(keyCount += 1)}`;
const approvedApplication = async (body: unknown) => {
  const answer = await stub.apply(body, key());
  expect(answer.body.status).toBe('approved');
  return answer.body;
};

describe('unbinding', () => {
  it('ends the binding, after which the same member can be bound again', async () => {
    const applicant = newPerson();
    const mother = newPerson({ birthDate: '1948-08-08' });
    const application = await approvedApplication(request('210200', applicant, [member(mother, 'mother')]));
    const ended = await stub.unbind(applicant.idNumber, mother.idNumber, key());
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ applicationId: application.id, recordNumber: application.recordNumber, member: { idNumber: mother.idNumber } });
    expect((await stub.list(applicant.idNumber)).bindings).toHaveLength(0);
    await approvedApplication(request('210200', applicant, [member(mother, 'mother')]));
    expect((await stub.list(applicant.idNumber)).bindings).toHaveLength(1);
  });

  it('frees a member for another authorizer', async () => {
    const authorizer = demoPerson('吴国华');
    const bound = demoPerson('吴秀英');
    const phone = demoSeedApplications.find((seed) => seed.applicant.idNumber === authorizer.idNumber)!.applicant.phone;
    const grant = await stub.grantFor(authorizer.idNumber, phone);
    expect((await stub.unbind(authorizer.idNumber, bound.idNumber, key(), { 'x-verification-grant': grant })).status).toBe(200);
    await approvedApplication(request('210200', newPerson(), [member({ name: bound.name, idNumber: bound.idNumber, phone: '13800000012' }, 'mother')]));
  });

  it('answers 404 in Chinese when the applicant has no such binding', async () => {
    const applicant = newPerson();
    await approvedApplication(request('210200', applicant, [member(newPerson(), 'spouse')]));
    const answer = await stub.unbind(applicant.idNumber, newPerson().idNumber, key());
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: 'binding_not_found', message: messages['backend.error.binding_not_found'] });
  });

  it('changes nothing for a caller who neither filed nor verified, and does not say whether the applicant exists', async () => {
    const applicant = newPerson();
    const spouse = newPerson();
    await approvedApplication(request('210200', applicant, [member(spouse, 'spouse')]));
    const stranger = await stub.unbind(applicant.idNumber, spouse.idNumber, key(), {});
    const nobody = await stub.unbind(newPerson().idNumber, newPerson().idNumber, key(), {});
    const guessedKey = await stub.unbind(applicant.idNumber, spouse.idNumber, key(), { 'x-filing-key': 'seed-0' });
    for (const answer of [stranger, nobody, guessedKey]) expect(answer).toMatchObject({ status: 403, body: { error: { code: 'verification_required' } } });
    expect((await stub.list(applicant.idNumber)).bindings).toHaveLength(1);
  });
});

describe('the lifetime limit in 湖南', () => {
  it('counts distinct people ever bound; binding the same person again counts once', async () => {
    const total = hunan.totalLimit!;
    const lifetime = hunan.lifetimeLimit!;
    expect(lifetime).toBeGreaterThan(total);
    const applicant = newPerson({ region: '430102' });
    const everBound: ReturnType<typeof newPerson>[] = [];

    // Bind and unbind in batches the total limit allows, until the lifetime limit is used up.
    while (everBound.length < lifetime) {
      const batch = Array.from({ length: Math.min(total, lifetime - everBound.length) }, () => newPerson({ region: '430102' }));
      await approvedApplication(request('430100', applicant, batch.map((person) => member(person, 'sibling'))));
      for (const person of batch) expect((await stub.unbind(applicant.idNumber, person.idNumber, key())).status).toBe(200);
      everBound.push(...batch);
    }

    const stranger = await stub.apply(request('430100', applicant, [member(newPerson({ region: '430102' }), 'sibling')]), key());
    expect(stranger.body.rejection).toMatchObject({ code: 'lifetime_limit', memberIndex: 0 });
    await approvedApplication(request('430100', applicant, [member(everBound[0]!, 'sibling')]));
  });
});
