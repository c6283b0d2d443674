import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpBindingBackend } from '../../src/adapters/httpBindingBackend.js';
import { createInProcessBindingBackend } from '../../src/adapters/inProcessBindingBackend.js';
import { createBackendService } from '../../src/backend-stub/backendService.js';
import { demoPerson, demoRegistry, demoSeedApplications } from '../../src/backend-stub/demoRegistry.js';
import { createMemoryBackendStore } from '../../src/backend-stub/memoryBackendStore.js';
import { ApplicationSchema, type BindingBackend } from '../../src/ports/bindingBackend.js';
import { breakCheckDigit } from '../helpers/idNumbers.js';
import { FakeClock, member, newPerson, request, startTestStub } from './backendHarness.js';
import { loadBackendContent } from './backendTestContent.js';

type Subject = { backend: BindingBackend; close(): Promise<void> };

const subjects: [string, () => Promise<Subject>][] = [
  [
    'HTTP client against the stub on port 0',
    async () => {
      const stub = await startTestStub();
      return { backend: createHttpBindingBackend({ baseUrl: stub.url, timeoutMs: 5_000, retries: 2 }), close: stub.close };
    },
  ],
  [
    'in-process adapter over the service',
    async () => {
      const content = await loadBackendContent();
      let count = 0;
      const service = await createBackendService({
        store: createMemoryBackendStore(),
        clock: new FakeClock(),
        ids: { next: (prefix = 'id') => `${prefix}_${(count += 1)}` },
        policies: content.regions,
        messages: content.messages,
        registry: demoRegistry,
        reviewDelayMs: 0,
        seedApplications: demoSeedApplications,
      });
      return { backend: createInProcessBindingBackend(service), close: async () => {} };
    },
  ],
];

describe.each(subjects)('BindingBackend contract: %s', (_name, create) => {
  let subject: Subject;
  let backend: BindingBackend;
  beforeAll(async () => {
    subject = await create();
    backend = subject.backend;
  });
  afterAll(async () => subject.close());

  it('files an application once per idempotency key', async () => {
    const body = request('210200', newPerson(), [member(newPerson(), 'spouse')]);
    const first = await backend.submit(body, 'contract-1');
    const again = await backend.submit(body, 'contract-1');
    expect(first.ok && ApplicationSchema.parse(first.value).status).toBe('approved');
    expect(again.ok && again.value.id).toBe(first.ok && first.value.id);
  });

  it('reports a rule violation as a filed, rejected application', async () => {
    const { name, idNumber } = demoPerson('赵桂兰');
    const outcome = await backend.submit(request('210200', { name, idNumber }, [member(newPerson(), 'child')]), 'contract-2');
    expect(outcome.ok && outcome.value.rejection?.code).toBe('applicant_resident_insurance');
  });

  it('refuses a malformed request and a reused key with status, code and message', async () => {
    const body = request('210200', newPerson(), [member(newPerson(), 'spouse')]);
    const invalid = await backend.submit({ ...body, applicant: { ...body.applicant, idNumber: breakCheckDigit(body.applicant.idNumber) } }, 'contract-3');
    expect(invalid).toMatchObject({ ok: false, kind: 'refused', status: 422, code: 'invalid_id_number' });
    await backend.submit(body, 'contract-4');
    const reused = await backend.submit({ ...body, region: '210100' }, 'contract-4');
    expect(reused).toMatchObject({ ok: false, kind: 'refused', status: 409, code: 'idempotency_key_reused' });
    expect(!reused.ok && reused.message.length).toBeGreaterThan(0);
  });

  it('gets an application by id, and refuses an unknown id', async () => {
    const filed = await backend.submit(request('210200', newPerson(), [member(newPerson(), 'spouse')]), 'contract-5');
    if (!filed.ok) throw new Error('not filed');
    expect(await backend.get(filed.value.id)).toEqual(filed);
    expect(await backend.get('app_unknown')).toMatchObject({ ok: false, kind: 'refused', status: 404, code: 'application_not_found' });
  });

  it('lists the applications and current bindings of an applicant, and unbinds idempotently', async () => {
    const applicant = newPerson();
    const spouse = newPerson();
    await backend.submit(request('210200', applicant, [member(spouse, 'spouse')]), 'contract-6');
    const listed = await backend.listForApplicant(applicant.idNumber);
    expect(listed.ok && listed.value.applications.length).toBe(1);
    expect(listed.ok && listed.value.bindings.map((binding) => binding.member.idNumber)).toEqual([spouse.idNumber]);

    const ended = await backend.unbind(applicant.idNumber, spouse.idNumber, 'contract-7');
    expect(ended.ok && ended.value.member.idNumber).toBe(spouse.idNumber);
    expect(await backend.unbind(applicant.idNumber, spouse.idNumber, 'contract-7')).toEqual(ended);
    expect(await backend.unbind(applicant.idNumber, spouse.idNumber, 'contract-8')).toMatchObject({ ok: false, kind: 'refused', status: 404, code: 'binding_not_found' });
    const after = await backend.listForApplicant(applicant.idNumber);
    expect(after.ok && after.value.bindings).toEqual([]);
  });
});
