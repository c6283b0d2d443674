import { makeIdNumber } from '../helpers/idNumbers.js';
import { startBackendStub, type RunningBackendStub } from '../../src/backend-stub/main.js';
import type { ApplicationRequest, Application } from '../../src/ports/bindingBackend.js';
import type { Relationship } from '../../src/content/schema.js';
import { createLogger, type Logger } from '../../src/server/logger.js';
import { loadBackendContent } from './backendTestContent.js';

/** A clock the test moves by hand, so review delays pass without waiting. */
export class FakeClock {
  constructor(private current: Date = new Date('2026-11-20T02:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Collects log lines instead of printing them, so a test can read what an operator would see. */
export function collectingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }), lines };
}

/** The secret test stubs share with their callers (`Authorization: Bearer …`). */
export const testBackendSecret = 'test-backend-secret-0123456789abcdef';

export type TestStub = RunningBackendStub & {
  clock: FakeClock;
  logLines: string[];
  /** Every call carries the stub's secret unless `headers` sets another Authorization. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** POST /api/v1/applications with JSON and the key. */
  apply(request: unknown, key: string): Promise<{ status: number; body: any }>;
  /**
   * Unbinds with `access` headers; by default as the caller that filed: with the key of the last application this
   * harness filed for the applicant.
   */
  unbind(applicantIdNumber: string, memberIdNumber: string, key: string, access?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Proves control of the applicant's phone as the owner would: asks a code, reads it from the SMS outbox, verifies. */
  grantFor(applicantIdNumber: string, phone: string): Promise<string>;
  /** GET /api/v1/applications/:id as the caller that filed it through this harness. */
  application(id: string): Promise<{ status: number; body: any }>;
  /** The operator's listing: GET /api/v1/admin/applications?applicant=… behind the secret alone. */
  list(applicantIdNumber: string): Promise<{ applications: Application[]; bindings: { member: { idNumber: string } }[] }>;
};

export async function startTestStub(options: { reviewDelayMs?: number; dataDir?: string; clock?: FakeClock; port?: number } = {}): Promise<TestStub> {
  const clock = options.clock ?? new FakeClock();
  const { logger, lines } = collectingLogger();
  const stub = await startBackendStub({
    secret: testBackendSecret,
    port: options.port ?? 0,
    content: await loadBackendContent(),
    reviewDelayMs: options.reviewDelayMs ?? 0,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    clock,
    logger,
  });
  const answer = async (response: Response) => ({ status: response.status, body: JSON.parse(await response.text()) });
  const authorization = { authorization: `Bearer ${testBackendSecret}` };
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
    answer(await fetch(`${stub.url}${path}`, { method: 'POST', headers: { ...authorization, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }));
  const get = async (path: string, headers: Record<string, string> = {}) => answer(await fetch(`${stub.url}${path}`, { headers: { ...authorization, ...headers } }));
  const filingKeys = new Map<string, string>();
  const keysOfApplications = new Map<string, string>();
  const json = { 'content-type': 'application/json' };
  return {
    ...stub,
    clock,
    logLines: lines,
    post,
    get,
    async apply(request, key) {
      const answer = await post('/api/v1/applications', request, { ...json, 'idempotency-key': key });
      if (answer.status < 300) {
        filingKeys.set(answer.body.applicant.idNumber, key);
        keysOfApplications.set(answer.body.id, key);
      }
      return answer;
    },
    application: (id) => get(`/api/v1/applications/${id}`, { 'x-filing-key': keysOfApplications.get(id) ?? 'none' }),
    unbind: (applicant, member, key, access) =>
      post(`/api/v1/applicants/${applicant}/bindings/${member}/cancel`, '', { 'idempotency-key': key, ...(access ?? { 'x-filing-key': filingKeys.get(applicant) ?? 'none' }) }),
    async grantFor(applicantIdNumber, phone) {
      const subject = { kind: 'idNumber', value: applicantIdNumber };
      const requester = { session: `owner-${applicantIdNumber}-${clock.now().getTime()}`, address: `owner-${applicantIdNumber}` };
      const sent = await post('/api/v1/verification/codes', { subject, requester }, json);
      if (sent.status !== 202) throw new Error(`no code: ${JSON.stringify(sent.body)}`);
      const code = /\d{6}/.exec(stub.sms.messagesTo(phone).at(-1)?.text ?? '')?.[0] ?? 'none';
      const granted = await post('/api/v1/verification/grants', { subject, code, requester }, json);
      if (granted.status !== 201) throw new Error(`no grant: ${JSON.stringify(granted.body)}`);
      return granted.body.grant as string;
    },
    list: async (applicant) => (await get(`/api/v1/admin/applications?applicant=${applicant}`)).body,
  };
}

/** A person nobody registered (so insured where the application is made), with a valid, unique ID number. */
let personCount = 0;
export function newPerson(options: { region?: string; birthDate?: string; name?: string } = {}): { name: string; idNumber: string; phone: string } {
  personCount += 1;
  return {
    name: options.name ?? '测试人',
    idNumber: makeIdNumber({
      region: options.region ?? '210202',
      birthDate: options.birthDate ?? `1980-01-${String(1 + (Math.floor(personCount / 1000) % 28)).padStart(2, '0')}`,
      sequence: personCount % 1000,
    }),
    phone: `139${String(10_000_000 + personCount).slice(-8)}`,
  };
}

export function member(person: { name: string; idNumber: string; phone: string }, relationship: Relationship): ApplicationRequest['members'][number] {
  return { ...person, relationship };
}

/** A request of a demo or generated applicant in a region. */
export function request(region: string, applicant: { name: string; idNumber: string; phone?: string }, members: ApplicationRequest['members']): ApplicationRequest {
  return { region, applicant: { phone: '13800000001', ...applicant }, members };
}
