import type { RegionFile } from '../content/regionPolicySchema.js';
import { parseIdNumber } from '../domain/index.js';
import { policyFor, type RegionPolicy } from '../engine/policyFor.js';
import { z } from 'zod';
import {
  ApplicationSchema,
  CodeSubjectSchema,
  RequesterSchema,
  type Access,
  type Application,
  type ApplicationRequest,
  type Binding,
  type CodeRequested,
  type CodeSubject,
  type Grant,
} from '../ports/bindingBackend.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import { metaOf, type BackendData, type StoredApplication, type StoredBinding } from './backendData.js';
import type { BackendErrorCode } from './backendErrorCodes.js';
import type { BackendStore } from './backendStore.js';
import { createCodeVerification, verificationRules, type CodeResult, type CodeTarget } from './codeVerification.js';
import { createBackendWording, type BackendWording } from './backendWording.js';
import type { InsuranceRegistry } from './insuranceRegistry.js';
import { chinaDay, formatRecordNumber } from './recordNumber.js';
import { reviewApplication } from './reviewApplication.js';
import { validateApplicationRequest, type RequestProblem } from './validateApplicationRequest.js';

export type BackendServiceOptions = {
  store: BackendStore;
  clock: Clock;
  ids: Ids;
  policies: readonly RegionFile[];
  /** Message templates; must hold every backendMessageIds entry and the validation.* details. */
  messages: Readonly<Record<string, string>>;
  registry: InsuranceRegistry;
  /** From submission to decision; 0 decides at once. The status is under_review for the last three quarters. */
  reviewDelayMs: number;
  /** Approved once into an empty store, without review (the demo's pre-existing bindings). */
  seedApplications?: readonly ApplicationRequest[];
  /** Where one-time codes go (the SMS stand-in); without it codes are made but reach nobody. */
  sendSms?: (phone: string, text: string) => void;
};

/** Why a request was not accepted; nothing was written. `field` names the offending part for API clients. */
export type BackendFailure = { code: BackendErrorCode; message: string; field?: string };
export type BackendResult<T> = { ok: true; value: T } | { ok: false; failure: BackendFailure };
export type ApplicantRecords = { applications: Application[]; bindings: Binding[] };

const CodeRequestBodySchema = z.object({ subject: CodeSubjectSchema, requester: RequesterSchema });
const VerifyBodySchema = CodeRequestBodySchema.extend({ code: z.string().max(20) });
const recordNumberPattern = /^GJ\d{19}$/;

export interface BackendService {
  /** Files an application (status submitted), or returns the one filed earlier with the same key and request. */
  create(request: unknown, idempotencyKey: string | undefined): Promise<BackendResult<{ application: Application; created: boolean }>>;
  /**
   * The account calls need access (a grant from a verified code, or the key the caller filed with); without it they
   * answer verification_required, whether or not the records exist.
   */
  get(applicationId: string, access: Access | undefined): Promise<BackendResult<Application>>;
  listForApplicant(applicantIdNumber: string, access: Access | undefined): Promise<BackendResult<ApplicantRecords>>;
  findByRecordNumber(recordNumber: string, access: Access | undefined): Promise<BackendResult<Application>>;
  /** Ends a current binding; repeating the call with the same key returns the same ended binding. */
  unbind(applicantIdNumber: string, memberIdNumber: string, idempotencyKey: string | undefined, access: Access | undefined): Promise<BackendResult<Binding>>;
  /** Body `{ subject, requester }`: sends a code to the phone on file, if any; the answer is the same either way. */
  requestCode(body: unknown): Promise<BackendResult<CodeRequested>>;
  /** Body `{ subject, code, requester }`: a right code gives a grant. */
  verifyCode(body: unknown): Promise<BackendResult<Grant>>;
  /** For operators and tests behind the service secret alone: an applicant's applications and current bindings. */
  listForOperator(applicantIdNumber: string): Promise<BackendResult<ApplicantRecords>>;
  /** The worded failure for a code, for problems found before the service is reached (malformed JSON, size). */
  failure(code: BackendErrorCode): BackendFailure;
}

/** Misconfiguration found at start (no national policy, a bad delay, an invalid seed): the stub must not run. */
export class BackendConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendConfigurationError';
  }
}

const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;
/** Share of the review delay spent in submitted before under_review. */
const submittedShare = 0.25;

/**
 * The back end's rules, free of HTTP and files. Every operation runs alone (a queue), first brings due reviews up
 * to date (statuses advance lazily on the injected clock, decided in order), then changes the records in place and
 * has the store write only the records it touched, so a call costs the same however many are kept; a failed write
 * (or a change that throws) puts back what the store holds, so it changes nothing.
 */
export async function createBackendService(options: BackendServiceOptions): Promise<BackendService> {
  const { store, clock, ids, registry, reviewDelayMs } = options;
  if (!Number.isFinite(reviewDelayMs) || reviewDelayMs < 0) throw new BackendConfigurationError(`reviewDelayMs must be a number ≥ 0, got ${reviewDelayMs}`);
  if (!options.policies.some((policy) => policy.code === 'national')) throw new BackendConfigurationError('the region policies have no national policy');
  const wording = createBackendWording(options.messages);
  const regions = { regions: [...options.policies] };

  let data = await store.read();
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs operations one after another; a failed one fails its caller only, the next still runs. */
  const serially = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Records changed in place during the current change (new ones are appended to the lists and found by length). */
  let touched: { applications: Set<StoredApplication>; bindings: Set<StoredBinding> } = { applications: new Set(), bindings: new Set() };

  /**
   * Kept beside the records so that a call never scans all of them: the applications still under review (the only
   * ones the clock can change) and every idempotency key used. Updated from what each change touched or added.
   */
  const isOpen = (application: StoredApplication): boolean => application.status === 'submitted' || application.status === 'under_review';
  const index = { open: new Set<StoredApplication>(), keys: new Set<string>() };
  const indexRecords = (applications: Iterable<StoredApplication>, bindings: Iterable<StoredBinding>): void => {
    for (const application of applications) {
      index.keys.add(application.idempotencyKey);
      if (isOpen(application)) index.open.add(application);
      else index.open.delete(application);
    }
    for (const binding of bindings) if (binding.unbindKey !== null) index.keys.add(binding.unbindKey);
  };
  const rebuildIndex = (): void => {
    index.open.clear();
    index.keys.clear();
    indexRecords(data.applications, data.bindings);
  };
  rebuildIndex();

  /** Applies a change and has the store write what it touched; returns what the change returned. */
  const change = async <T>(now: Date, apply: (draft: BackendData) => T | undefined): Promise<T | undefined> => {
    const before = { applications: data.applications.length, bindings: data.bindings.length };
    touched = { applications: new Set(), bindings: new Set() };
    try {
      const advanced = advance(data, now);
      const result = apply(data);
      if (advanced || result !== undefined) {
        const applications = [...touched.applications, ...data.applications.slice(before.applications)];
        const bindings = [...touched.bindings, ...data.bindings.slice(before.bindings)];
        await store.commit({ meta: metaOf(data), applications, bindings });
        indexRecords(applications, bindings);
      }
      return result;
    } catch (error) {
      data = await store.read();
      rebuildIndex();
      throw error;
    }
  };

  const advance = (draft: BackendData, now: Date): boolean => {
    const open = [...index.open]
      .filter(isOpen)
      .sort((left, right) => (left.decidesAt ?? '').localeCompare(right.decidesAt ?? '') || left.sequence - right.sequence);
    let changed = false;
    for (const application of open) {
      if (application.decidesAt !== null && Date.parse(application.decidesAt) <= now.getTime()) {
        decide(draft, application, new Date(application.decidesAt));
        touched.applications.add(application);
        changed = true;
      } else if (application.status === 'submitted' && application.reviewStartsAt !== null && Date.parse(application.reviewStartsAt) <= now.getTime()) {
        application.status = 'under_review';
        application.updatedAt = application.reviewStartsAt;
        touched.applications.add(application);
        changed = true;
      }
    }
    return changed;
  };

  const close = (application: StoredApplication, at: Date): void => {
    application.updatedAt = at.toISOString();
    application.decidesAt = null;
    application.reviewStartsAt = null;
  };
  const approve = (draft: BackendData, application: StoredApplication, at: Date): void => {
    close(application, at);
    application.status = 'approved';
    draft.bindings.push(...application.members.map((member) => bindingOf(application, member, at)));
  };

  const decide = (draft: BackendData, application: StoredApplication, at: Date): void => {
    const policy = policyFor(regions, application.region);
    const decision = reviewApplication(application, { policy, registry, bindings: draft.bindings });
    if (decision.approved) return approve(draft, application, at);
    close(application, at);
    const member = decision.memberIndex === undefined ? undefined : application.members[decision.memberIndex];
    const subject = member === undefined || decision.memberIndex === undefined ? undefined : { role: 'member' as const, index: decision.memberIndex, name: member.name };
    application.status = 'rejected';
    application.rejection = {
      code: decision.code,
      message: wording.rejection(decision.code, { hotline: policy.hotlines[0] ?? '', subject }) + (reasonOf(policy, decision.code, member) ?? ''),
      ...(decision.memberIndex === undefined ? {} : { memberIndex: decision.memberIndex }),
    };
  };

  const file = (draft: BackendData, request: ApplicationRequest, idempotencyKey: string, fingerprint: string, now: Date): StoredApplication => {
    const day = chinaDay(now);
    const recordKey = `${request.region}${day}`;
    const recordSequence = (draft.recordSequences[recordKey] ?? 0) + 1;
    draft.recordSequences[recordKey] = recordSequence;
    draft.lastSequence += 1;
    const created = now.toISOString();
    const application: StoredApplication = {
      id: ids.next('app'),
      recordNumber: formatRecordNumber(request.region, day, recordSequence),
      status: 'submitted',
      rejection: null,
      region: request.region,
      applicant: request.applicant,
      members: request.members,
      ...(request.consent ? { consent: request.consent } : {}),
      createdAt: created,
      updatedAt: created,
      decidesAt: new Date(now.getTime() + reviewDelayMs).toISOString(),
      sequence: draft.lastSequence,
      idempotencyKey,
      fingerprint,
      reviewStartsAt: new Date(now.getTime() + reviewDelayMs * submittedShare).toISOString(),
    };
    draft.applications.push(application);
    return application;
  };

  // Every committed record is indexed; a change checks its key before it adds its one record.
  const keyInUse = (_draft: BackendData, key: string): boolean => index.keys.has(key);

  if (!data.seeded) {
    const now = clock.now();
    await change(now, (draft) => {
      for (const [index, seed] of (options.seedApplications ?? []).entries()) {
        const valid = validateApplicationRequest(seed, now);
        if (!valid.ok) throw new BackendConfigurationError(`seed application ${index} is invalid at ${valid.problem.field}`);
        // Seeds are facts of the demo world, approved without review whatever the delay.
        // A random key: a filing key opens the applicant's records, so none may be guessable.
        approve(draft, file(draft, valid.value, ids.next(`seed-${index}`), fingerprintOf(valid.value), now), now);
      }
      draft.seeded = true;
      return true;
    });
  }

  const failure = (code: BackendErrorCode, field?: string): BackendFailure => ({ code, message: wording.error(code), ...(field === undefined ? {} : { field }) });
  const fail = (code: BackendErrorCode, field?: string): { ok: false; failure: BackendFailure } => ({ ok: false, failure: failure(code, field) });
  const failWith = (problem: RequestProblem): { ok: false; failure: BackendFailure } => ({
    ok: false,
    failure: { code: problem.code, message: wording.problem(problem), field: problem.field },
  });
  const checkKey = (key: string | undefined): key is string => key !== undefined && idempotencyKeyPattern.test(key);
  const parseId = (raw: string, field: string, now: Date): { ok: true; value: string } | { ok: false; failure: BackendFailure } => {
    const parsed = parseIdNumber(raw, now);
    return parsed.ok ? { ok: true, value: parsed.value.value } : failWith({ code: 'invalid_id_number', field, detailId: `validation.idNumber.${parsed.problem}` });
  };

  const verification = createCodeVerification({
    clock,
    send: (phone, code) => options.sendSms?.(phone, wording.smsCode(code, verificationRules.codeTtlMs / 60_000)),
  });

  /** The latest application of an applicant carries the phone on file. */
  const ownerOf = (applicantIdNumber: string): CodeTarget['owner'] => {
    const latest = data.applications.findLast((application) => application.applicant.idNumber === applicantIdNumber);
    return latest === undefined ? null : { applicantIdNumber, phone: latest.applicant.phone };
  };
  const targetOf = (subject: CodeSubject, now: Date): { ok: true; value: CodeTarget } | { ok: false; failure: BackendFailure } => {
    if (subject.kind === 'idNumber') {
      const applicant = parseId(subject.value, 'subject.value', now);
      return applicant.ok ? { ok: true, value: { key: `id:${applicant.value}`, owner: ownerOf(applicant.value) } } : applicant;
    }
    const recordNumber = normaliseRecordNumber(subject.value);
    if (!recordNumberPattern.test(recordNumber)) return fail('invalid_record_number', 'subject.value');
    const application = data.applications.find((candidate) => candidate.recordNumber === recordNumber);
    return { ok: true, value: { key: `record:${recordNumber}`, owner: application === undefined ? null : ownerOf(application.applicant.idNumber) } };
  };
  const fromCode = <T>(result: CodeResult<T>): BackendResult<T> => (result.ok ? result : fail(result.refusal.code));
  const invalidBody = (error: z.ZodError): { ok: false; failure: BackendFailure } => fail('invalid_request', error.issues[0]?.path.join('.') || undefined);

  /** A grant given for this applicant, or the key of an application this applicant filed. */
  const allows = (access: Access | undefined, applicantIdNumber: string): boolean => {
    if (access === undefined) return false;
    if ('grant' in access) return verification.allows(access.grant, applicantIdNumber);
    return data.applications.some((application) => application.idempotencyKey === access.filingKey && application.applicant.idNumber === applicantIdNumber);
  };
  /**
   * Filing needs no code, so anyone may file with anyone's ID number: a filing key proves only that filing, and the
   * applicant's other applications and bindings stay behind the code texted to their phone.
   */
  const sees = (access: Access | undefined, application: StoredApplication): boolean =>
    access !== undefined && ('grant' in access ? verification.allows(access.grant, application.applicant.idNumber) : application.idempotencyKey === access.filingKey);
  const recordsOf = (applicantIdNumber: string, shown: (application: StoredApplication) => boolean): ApplicantRecords => {
    const applications = data.applications.filter((application) => application.applicant.idNumber === applicantIdNumber && shown(application));
    const seen = new Set(applications.map((application) => application.id));
    return {
      applications: applications.map(publicApplication),
      bindings: data.bindings.filter((binding) => binding.applicantIdNumber === applicantIdNumber && binding.endedAt === null && seen.has(binding.applicationId)).map(publicBinding),
    };
  };

  return {
    failure: (code) => failure(code),

    create(raw, idempotencyKey) {
      if (!checkKey(idempotencyKey)) return Promise.resolve(fail('idempotency_key_required', 'Idempotency-Key'));
      return serially(async () => {
        const now = clock.now();
        const valid = validateApplicationRequest(raw, now);
        if (!valid.ok) return failWith(valid.problem);
        const fingerprint = fingerprintOf(valid.value);
        const outcome = await change(now, (draft) => {
          if (keyInUse(draft, idempotencyKey)) return undefined;
          const application = file(draft, valid.value, idempotencyKey, fingerprint, now);
          if (reviewDelayMs === 0) decide(draft, application, now);
          return application;
        });
        if (outcome !== undefined) return { ok: true, value: { application: publicApplication(outcome), created: true } };
        const earlier = data.applications.find((application) => application.idempotencyKey === idempotencyKey);
        if (earlier === undefined || earlier.fingerprint !== fingerprint) return fail('idempotency_key_reused', 'Idempotency-Key');
        return { ok: true, value: { application: publicApplication(earlier), created: false } };
      });
    },

    get(applicationId, access) {
      return serially(async () => {
        await change(clock.now(), () => undefined);
        const application = data.applications.find((candidate) => candidate.id === applicationId);
        if (application === undefined) return fail('application_not_found', 'applicationId');
        return sees(access, application) ? { ok: true, value: publicApplication(application) } : fail('verification_required');
      });
    },

    listForApplicant(rawIdNumber, access) {
      return serially(async () => {
        const now = clock.now();
        const applicant = parseId(rawIdNumber, 'applicantIdNumber', now);
        if (!applicant.ok) return applicant;
        if (!allows(access, applicant.value)) return fail('verification_required');
        await change(now, () => undefined);
        return { ok: true, value: recordsOf(applicant.value, (application) => sees(access, application)) };
      });
    },

    findByRecordNumber(rawRecordNumber, access) {
      return serially(async () => {
        const recordNumber = normaliseRecordNumber(rawRecordNumber);
        if (!recordNumberPattern.test(recordNumber)) return fail('invalid_record_number', 'recordNumber');
        await change(clock.now(), () => undefined);
        const application = data.applications.find((candidate) => candidate.recordNumber === recordNumber);
        // An unknown record number is answered as one the caller may not see: nobody learns which numbers exist.
        if (application === undefined || !sees(access, application)) return fail('verification_required');
        return { ok: true, value: publicApplication(application) };
      });
    },

    listForOperator(rawIdNumber) {
      return serially(async () => {
        const now = clock.now();
        const applicant = parseId(rawIdNumber, 'applicant', now);
        if (!applicant.ok) return applicant;
        await change(now, () => undefined);
        // Staff, signed in and audited, see everything the applicant filed.
        return { ok: true, value: recordsOf(applicant.value, () => true) };
      });
    },

    requestCode(body) {
      return serially(async () => {
        const parsed = CodeRequestBodySchema.safeParse(body);
        if (!parsed.success) return invalidBody(parsed.error);
        const target = targetOf(parsed.data.subject, clock.now());
        return target.ok ? fromCode(verification.request(target.value, parsed.data.requester)) : target;
      });
    },

    verifyCode(body) {
      return serially(async () => {
        const parsed = VerifyBodySchema.safeParse(body);
        if (!parsed.success) return invalidBody(parsed.error);
        const target = targetOf(parsed.data.subject, clock.now());
        const code = parsed.data.code.replace(/\s+/g, '');
        return target.ok ? fromCode(verification.verify(target.value, code, parsed.data.requester)) : target;
      });
    },

    unbind(rawApplicant, rawMember, idempotencyKey, access) {
      if (!checkKey(idempotencyKey)) return Promise.resolve(fail('idempotency_key_required', 'Idempotency-Key'));
      return serially(async () => {
        const now = clock.now();
        const applicant = parseId(rawApplicant, 'applicantIdNumber', now);
        if (!applicant.ok) return applicant;
        if (!allows(access, applicant.value)) return fail('verification_required');
        const member = parseId(rawMember, 'memberIdNumber', now);
        if (!member.ok) return member;
        const visible = new Set(data.applications.filter((application) => application.applicant.idNumber === applicant.value && sees(access, application)).map((application) => application.id));
        const matches = (binding: StoredBinding): boolean => binding.applicantIdNumber === applicant.value && binding.member.idNumber === member.value && visible.has(binding.applicationId);
        const ended = await change(now, (draft) => {
          if (keyInUse(draft, idempotencyKey)) return undefined;
          const binding = draft.bindings.find((candidate) => matches(candidate) && candidate.endedAt === null);
          if (binding === undefined) return undefined;
          binding.endedAt = now.toISOString();
          binding.unbindKey = idempotencyKey;
          touched.bindings.add(binding);
          return binding;
        });
        if (ended !== undefined) return { ok: true, value: publicBinding(ended) };
        const earlier = data.bindings.find((binding) => binding.unbindKey === idempotencyKey);
        if (earlier !== undefined) return matches(earlier) ? { ok: true, value: publicBinding(earlier) } : fail('idempotency_key_reused', 'Idempotency-Key');
        if (keyInUse(data, idempotencyKey)) return fail('idempotency_key_reused', 'Idempotency-Key');
        return fail('binding_not_found', 'memberIdNumber');
      });
    },
  };
}

/** Record numbers as people type them: spaces and lower-case letters tolerated. */
function normaliseRecordNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The region's own words for a relationship it does not allow (e.g. 大连 still lists only 配偶/父母/子女). */
function reasonOf(policy: RegionPolicy, code: string, member: ApplicationRequest['members'][number] | undefined): string | undefined {
  return code === 'relationship_not_allowed' && member !== undefined ? policy.relationships[member.relationship]?.reason : undefined;
}

function bindingOf(application: StoredApplication, member: StoredApplication['members'][number], since: Date): StoredBinding {
  return {
    applicationId: application.id,
    recordNumber: application.recordNumber,
    applicantIdNumber: application.applicant.idNumber,
    member,
    since: since.toISOString(),
    endedAt: null,
    unbindKey: null,
  };
}

/** The normalised request with keys in a fixed order, so the same request always gives the same text. */
function fingerprintOf(request: ApplicationRequest): string {
  const person = (value: { name: string; idNumber: string; phone: string }) => [value.name, value.idNumber, value.phone];
  return JSON.stringify([request.region, person(request.applicant), request.members.map((member) => [...person(member), member.relationship])]);
}

function publicApplication(application: StoredApplication): Application {
  return ApplicationSchema.parse(application);
}

function publicBinding(binding: StoredBinding): Binding {
  return { applicationId: binding.applicationId, recordNumber: binding.recordNumber, member: binding.member, since: binding.since };
}
