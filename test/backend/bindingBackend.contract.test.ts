import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpBindingBackend } from '../../src/adapters/httpBindingBackend.js';
import { createInProcessBindingBackend } from '../../src/adapters/inProcessBindingBackend.js';
import { createBackendService } from '../../src/backend-stub/backendService.js';
import { demoPerson, demoRegistry, demoSeedApplications } from '../../src/backend-stub/demoRegistry.js';
import { createMemoryBackendStore } from '../../src/backend-stub/memoryBackendStore.js';
import { ApplicationSchema, type BindingBackend } from '../../src/ports/bindingBackend.js';
import { breakCheckDigit } from '../helpers/idNumbers.js';
import { createSmsOutbox } from '../../src/backend-stub/smsOutbox.js';
import { FakeClock, collectingLogger, member, newPerson, request, startTestStub, testBackendSecret } from './backendHarness.js';
import { loadBackendContent } from './backendTestContent.js';

/** `textsTo`: what the back end's SMS stand-in sent to a phone, as the person would read it. */
type Subject = { backend: BindingBackend; textsTo(phone: string): string[]; close(): Promise<void> };

const subjects: [string, () => Promise<Subject>][] = [
  [
    'HTTP client against the stub on port 0',
    async () => {
      const stub = await startTestStub();
      return {
        backend: createHttpBindingBackend({ baseUrl: stub.url, secret: testBackendSecret, timeoutMs: 5_000, retries: 2 }),
        textsTo: (phone) => stub.sms.messagesTo(phone).map((message) => message.text),
        close: stub.close,
      };
    },
  ],
  [
    'in-process adapter over the service',
    async () => {
      const content = await loadBackendContent();
      let count = 0;
      const clock = new FakeClock();
      const sms = createSmsOutbox({ clock, logger: collectingLogger().logger });
      const service = await createBackendService({
        store: createMemoryBackendStore(),
        clock,
        ids: { next: (prefix = 'id') => `${prefix}_${(count += 1)}` },
        policies: content.regions,
        messages: content.messages,
        registry: demoRegistry,
        reviewDelayMs: 0,
        seedApplications: demoSeedApplications,
        sendSms: sms.send,
      });
      return { backend: createInProcessBindingBackend(service), textsTo: (phone) => sms.messagesTo(phone).map((message) => message.text), close: async () => {} };
    },
  ],
];

describe.each(subjects)('BindingBackend contract: %s', (_name, create) => {
  let subject: Subject;
  let backend: BindingBackend;
  beforeAll(async () => {
    subject = await create();
    backend = subject.backend;
    textsTo = subject.textsTo;
  });
  let textsTo: Subject['textsTo'];
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
    expect(await backend.get(filed.value.id, { filingKey: 'contract-5' })).toEqual(filed);
    expect(await backend.get(filed.value.id, { filingKey: 'contract-1' })).toMatchObject({ ok: false, kind: 'refused', status: 403, code: 'verification_required' });
    expect(await backend.get('app_unknown', { filingKey: 'contract-5' })).toMatchObject({ ok: false, kind: 'refused', status: 404, code: 'application_not_found' });
  });

  it('lists the applications and current bindings of an applicant, and unbinds idempotently', async () => {
    const applicant = newPerson();
    const spouse = newPerson();
    await backend.submit(request('210200', applicant, [member(spouse, 'spouse')]), 'contract-6');
    const filer = { filingKey: 'contract-6' };
    const listed = await backend.listForApplicant(applicant.idNumber, filer);
    expect(listed.ok && listed.value.applications.length).toBe(1);
    expect(listed.ok && listed.value.bindings.map((binding) => binding.member.idNumber)).toEqual([spouse.idNumber]);

    const ended = await backend.unbind(applicant.idNumber, spouse.idNumber, 'contract-7', filer);
    expect(ended.ok && ended.value.member.idNumber).toBe(spouse.idNumber);
    expect(await backend.unbind(applicant.idNumber, spouse.idNumber, 'contract-7', filer)).toEqual(ended);
    expect(await backend.unbind(applicant.idNumber, spouse.idNumber, 'contract-8', filer)).toMatchObject({ ok: false, kind: 'refused', status: 404, code: 'binding_not_found' });
    const after = await backend.listForApplicant(applicant.idNumber, filer);
    expect(after.ok && after.value.bindings).toEqual([]);
  });

  it('shows and changes nothing for a caller who neither filed nor verified', async () => {
    const applicant = newPerson();
    const spouse = newPerson();
    const filed = await backend.submit(request('210200', applicant, [member(spouse, 'spouse')]), 'contract-9');
    if (!filed.ok) throw new Error('not filed');
    const denied = { ok: false, kind: 'refused', status: 403, code: 'verification_required' };
    for (const access of [{ filingKey: 'contract-1' }, { grant: 'made-up' }]) {
      expect(await backend.listForApplicant(applicant.idNumber, access)).toMatchObject(denied);
      expect(await backend.findByRecordNumber(filed.value.recordNumber, access)).toMatchObject(denied);
      expect(await backend.unbind(applicant.idNumber, spouse.idNumber, 'contract-10', access)).toMatchObject(denied);
    }
    // A record number nobody has is answered exactly like one the caller may not see.
    expect(await backend.findByRecordNumber('GJ2102002099010100001', { filingKey: 'contract-9' })).toMatchObject(denied);
    expect(await backend.listForApplicant(applicant.idNumber, { filingKey: 'contract-9' })).toMatchObject({ ok: true, value: { bindings: [{ member: { idNumber: spouse.idNumber } }] } });
  });

  it('shows a filer only what they filed: anyone may file with an ID number, so its other applications need the code', async () => {
    const applicant = newPerson();
    const spouse = newPerson();
    const child = newPerson();
    const earlier = await backend.submit(request('210200', applicant, [member(spouse, 'spouse')]), 'contract-20');
    const later = await backend.submit(request('210200', applicant, [member(child, 'child')]), 'contract-21');
    if (!earlier.ok || !later.ok) throw new Error('not filed');
    const filer = { filingKey: 'contract-21' };
    const listed = await backend.listForApplicant(applicant.idNumber, filer);
    expect(listed.ok && listed.value.applications.map((application) => application.id)).toEqual([later.value.id]);
    expect(listed.ok && listed.value.bindings.map((binding) => binding.member.idNumber)).toEqual([child.idNumber]);
    const denied = { ok: false, kind: 'refused', status: 403, code: 'verification_required' };
    expect(await backend.get(earlier.value.id, filer)).toMatchObject(denied);
    expect(await backend.findByRecordNumber(earlier.value.recordNumber, filer)).toMatchObject(denied);
    expect(await backend.unbind(applicant.idNumber, spouse.idNumber, 'contract-22', filer)).toMatchObject({ ok: false, code: 'binding_not_found' });
  });

  it('texts a code to the phone on file; the right code gives a grant for that applicant only', async () => {
    const applicant = newPerson();
    const filed = await backend.submit(request('210200', applicant, [member(newPerson(), 'spouse')]), 'contract-11');
    if (!filed.ok) throw new Error('not filed');
    const requester = { session: 'contract-session', address: '10.0.0.1' };
    const bySubject = { kind: 'recordNumber', value: filed.value.recordNumber } as const;
    expect(await backend.requestCode(bySubject, requester)).toMatchObject({ ok: true });
    const texts = textsTo(applicant.phone);
    expect(texts).toHaveLength(1);
    const code = /\d{6}/.exec(texts[0]!)![0];
    expect(await backend.verifyCode(bySubject, code === '000000' ? '111111' : '000000', requester)).toMatchObject({ ok: false, kind: 'refused', status: 422, code: 'code_invalid' });
    const granted = await backend.verifyCode(bySubject, code, requester);
    if (!granted.ok) throw new Error(`no grant: ${granted.message}`);
    const access = { grant: granted.value.grant };
    expect(await backend.findByRecordNumber(filed.value.recordNumber, access)).toEqual(filed);
    expect(await backend.listForApplicant(applicant.idNumber, access)).toMatchObject({ ok: true, value: { applications: [{ id: filed.value.id }] } });
    expect(await backend.listForApplicant(newPerson().idNumber, access)).toMatchObject({ ok: false, code: 'verification_required' });
    // Used once: the same code buys nothing more.
    expect(await backend.verifyCode(bySubject, code, requester)).toMatchObject({ ok: false, code: 'code_invalid' });
  });

  it('answers a code request for an unknown ID number exactly as for a known one, and texts nobody', async () => {
    const known = newPerson();
    await backend.submit(request('210200', known, [member(newPerson(), 'spouse')]), 'contract-12');
    const unknown = newPerson();
    const ask = (idNumber: string, session: string) => backend.requestCode({ kind: 'idNumber', value: idNumber }, { session, address: `addr-${session}` });
    const forKnown = await ask(known.idNumber, 'contract-known');
    const forUnknown = await ask(unknown.idNumber, 'contract-unknown');
    expect(forKnown.ok && forUnknown.ok).toBe(true);
    expect(Object.keys(forUnknown.ok ? forUnknown.value : {})).toEqual(Object.keys(forKnown.ok ? forKnown.value : {}));
    expect(textsTo(known.phone)).toHaveLength(1);
    expect(textsTo(unknown.phone)).toHaveLength(0);
  });
});
