import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson } from '../../src/backend-stub/demoRegistry.js';
import type { Content } from '../../src/content/schema.js';
import { policyFor, type RegionPolicy } from '../../src/engine/policyFor.js';
import type { Relationship } from '../../src/content/schema.js';
import { member, newPerson, request, startTestStub, type TestStub } from './backendHarness.js';
import { loadBackendContent } from './backendTestContent.js';

let stub: TestStub;
let content: Pick<Content, 'regions' | 'messages'>;
const policy = (code: string): RegionPolicy => policyFor(content, code);

beforeAll(async () => {
  content = await loadBackendContent();
  stub = await startTestStub();
});
afterAll(async () => stub.close());

let keyCount = 0;
const file = async (body: unknown) => {
  keyCount += 1;
  const answer = await stub.apply(body, `rules-${keyCount}`);
  expect(answer.status).toBe(201);
  return answer.body;
};
const person = (name: Parameters<typeof demoPerson>[0]) => {
  const { name: personName, idNumber } = demoPerson(name);
  return { name: personName, idNumber, phone: '13800000009' };
};
const dalian = '210200';

/** Files the application and expects the review to reject it for `code` (for member `memberIndex`), worded from backend.yaml. */
async function expectRejected(body: unknown, code: string, memberIndex?: number) {
  const application = await file(body);
  expect(application.status).toBe('rejected');
  expect(application.rejection.code).toBe(code);
  expect(application.rejection.memberIndex).toBe(memberIndex);
  expect(application.rejection.message).toContain(content.messages[`backend.rejection.${code}`]!.replace('{hotline}', '12393'));
  return application;
}

describe('the applicant', () => {
  it('is approved when 职工医保-insured with a balance, and the members are then bound', async () => {
    const applicant = person('王建国');
    const application = await file(request(dalian, applicant, [member(person('李秀梅'), 'spouse'), member(person('王淑珍'), 'mother')]));
    expect(application.status).toBe('approved');
    expect(application.recordNumber).toMatch(/^GJ210200\d{8}\d{5}$/);
    const { bindings } = await stub.list(applicant.idNumber);
    expect(bindings.map((binding) => binding.member.idNumber).sort()).toEqual([person('李秀梅').idNumber, person('王淑珍').idNumber].sort());
  });

  it('must be insured at all', async () => {
    await expectRejected(request(dalian, person('孙志强'), [member(newPerson(), 'child')]), 'applicant_not_insured');
  });

  it('cannot authorize with 居民医保, which has no personal account', async () => {
    await expectRejected(request(dalian, person('赵桂兰'), [member(newPerson(), 'child')]), 'applicant_resident_insurance');
  });

  it('needs a balance above zero', async () => {
    await expectRejected(request(dalian, person('周丽娟'), [member(newPerson(), 'child')]), 'applicant_zero_balance');
  });

  it('applies where they are insured', async () => {
    await expectRejected(request(dalian, person('陈浩'), [member(newPerson(), 'child')]), 'applicant_other_region');
  });

  it('cannot authorize while bound by someone else (binding is one-way)', async () => {
    await expectRejected(request(dalian, person('吴秀英'), [member(newPerson(), 'child')]), 'applicant_is_bound');
  });

  it('cannot bind themself', async () => {
    const applicant = newPerson();
    await expectRejected(request(dalian, applicant, [member(newPerson(), 'child'), member(applicant, 'spouse')]), 'self_binding', 1);
  });
});

describe('each member', () => {
  it('appears once per application', async () => {
    const child = newPerson({ birthDate: '2010-05-05' });
    await expectRejected(request(dalian, newPerson(), [member(child, 'child'), member(child, 'child')]), 'duplicate_member', 1);
  });

  it("must be in a relationship the region allows, with the region's own reason", async () => {
    const rejected = await expectRejected(request(dalian, newPerson(), [member(newPerson(), 'sibling')]), 'relationship_not_allowed', 0);
    const reason = policy(dalian).relationships.sibling?.reason;
    expect(reason).toBeTruthy();
    expect(rejected.rejection.message).toContain(reason);
    // Regions without their own policy follow the national one, where siblings are 近亲属.
    expect((await file(request('230100', newPerson(), [member(newPerson(), 'sibling')]))).status).toBe('approved');
  });

  it('must be insured', async () => {
    await expectRejected(request(dalian, newPerson(), [member(newPerson(), 'child'), member(person('孙志强'), 'father')]), 'member_not_insured', 1);
  });

  it('must be insured in the allowed area: the same city in 大连, the same province where the policy says so', async () => {
    await expectRejected(request(dalian, newPerson(), [member(person('郑海涛'), 'spouse')]), 'member_outside_area', 0);
    await expectRejected(request(dalian, newPerson(), [member(person('刘洋'), 'child')]), 'member_outside_area', 0);
    expect(policy('national').insuredArea).toBe('province');
    // 沈阳 has no policy of its own: the national one lets a 大连-insured son be bound from 沈阳 (same province).
    expect((await file(request('210100', newPerson(), [member(person('王磊'), 'child')]))).status).toBe('approved');
  });

  it('cannot be an authorizer themself', async () => {
    await expectRejected(request(dalian, newPerson(), [member(person('吴国华'), 'father')]), 'member_is_authorizer', 0);
  });

  it('cannot be bound twice by the same authorizer', async () => {
    const applicant = newPerson();
    const spouse = newPerson();
    expect((await file(request(dalian, applicant, [member(spouse, 'spouse')]))).status).toBe('approved');
    await expectRejected(request(dalian, applicant, [member(spouse, 'spouse')]), 'member_bound_by_you', 0);
  });

  it('cannot be bound by a second authorizer where one authorizer per member applies, but can where it does not', async () => {
    expect(policy(dalian).oneAuthorizerPerMember).toBe(true);
    await expectRejected(request(dalian, newPerson(), [member(person('吴秀英'), 'mother')]), 'member_already_bound', 0);

    expect(policy('330000').oneAuthorizerPerMember).toBe(false);
    const grandmother = newPerson({ birthDate: '1945-03-03' });
    expect((await file(request('330100', newPerson(), [member(grandmother, 'grandparent')]))).status).toBe('approved');
    expect((await file(request('330100', newPerson(), [member(grandmother, 'grandparent')]))).status).toBe('approved');
  });
});

describe('limits', () => {
  it('counts each relationship against its maximum, current bindings included', async () => {
    const childMax = policy(dalian).relationships.child?.max;
    expect(childMax).toBeGreaterThan(1);
    const applicant = newPerson();
    const children = Array.from({ length: childMax! + 1 }, () => member(newPerson({ birthDate: '2005-06-06' }), 'child'));
    await expectRejected(request(dalian, applicant, children), 'relationship_limit', childMax);
    expect((await file(request(dalian, applicant, children.slice(0, childMax! - 1)))).status).toBe('approved');
    await expectRejected(request(dalian, applicant, children.slice(childMax! - 1)), 'relationship_limit', 1);
  });

  it('counts all members against the total limit', async () => {
    const taian = policy('370900');
    expect(taian.totalLimit).not.toBeNull();
    const relationships: Relationship[] = ['child', 'sibling', 'grandparent', 'grandchild'];
    const members = Array.from({ length: taian.totalLimit! + 1 }, (_, index) => member(newPerson(), relationships[index % relationships.length]!));
    await expectRejected(request('370900', newPerson(), members), 'total_limit', taian.totalLimit!);
    expect((await file(request('370900', newPerson(), members.slice(0, taian.totalLimit!)))).status).toBe('approved');
  });
});
