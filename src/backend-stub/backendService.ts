import type { RegionFile } from '../content/regionPolicySchema.js';
import { parseIdNumber } from '../domain/index.js';
import { policyFor, type RegionPolicy } from '../engine/policyFor.js';
import { ApplicationSchema, type Application, type ApplicationRequest, type Binding } from '../ports/bindingBackend.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { BackendData, StoredApplication, StoredBinding } from './backendData.js';
import type { BackendErrorCode } from './backendErrorCodes.js';
import type { BackendStore } from './backendStore.js';
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
};

/** Why a request was not accepted; nothing was written. `field` names the offending part for API clients. */
export type BackendFailure = { code: BackendErrorCode; message: string; field?: string };
export type BackendResult<T> = { ok: true; value: T } | { ok: false; failure: BackendFailure };

export interface BackendService {
  /** Files an application (status submitted), or returns the one filed earlier with the same key and request. */
  create(request: unknown, idempotencyKey: string | undefined): Promise<BackendResult<{ application: Application; created: boolean }>>;
  get(applicationId: string): Promise<BackendResult<Application>>;
  listForApplicant(applicantIdNumber: string): Promise<BackendResult<{ applications: Application[]; bindings: Binding[] }>>;
  /** Ends a current binding; repeating the call with the same key returns the same ended binding. */
  unbind(applicantIdNumber: string, memberIdNumber: string, idempotencyKey: string | undefined): Promise<BackendResult<Binding>>;
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
 * to date (statuses advance lazily on the injected clock, decided in order), then works on a copy of the data that
 * replaces the current one only once the store has written it, so a failed write changes nothing.
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

  /** Applies a change to a copy and adopts it once stored; returns what the change returned. */
  const change = async <T>(now: Date, apply: (draft: BackendData) => T | undefined): Promise<T | undefined> => {
    const draft = structuredClone(data);
    const advanced = advance(draft, now);
    const result = apply(draft);
    if (advanced || result !== undefined) {
      await store.write(draft);
      data = draft;
    }
    return result;
  };

  const advance = (draft: BackendData, now: Date): boolean => {
    const open = draft.applications
      .filter((application) => application.status === 'submitted' || application.status === 'under_review')
      .sort((left, right) => (left.decidesAt ?? '').localeCompare(right.decidesAt ?? '') || left.sequence - right.sequence);
    let changed = false;
    for (const application of open) {
      if (application.decidesAt !== null && Date.parse(application.decidesAt) <= now.getTime()) {
        decide(draft, application, new Date(application.decidesAt));
        changed = true;
      } else if (application.status === 'submitted' && application.reviewStartsAt !== null && Date.parse(application.reviewStartsAt) <= now.getTime()) {
        application.status = 'under_review';
        application.updatedAt = application.reviewStartsAt;
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

  const keyInUse = (draft: BackendData, key: string): boolean =>
    draft.applications.some((application) => application.idempotencyKey === key) || draft.bindings.some((binding) => binding.unbindKey === key);

  if (!data.seeded) {
    const now = clock.now();
    await change(now, (draft) => {
      for (const [index, seed] of (options.seedApplications ?? []).entries()) {
        const valid = validateApplicationRequest(seed, now);
        if (!valid.ok) throw new BackendConfigurationError(`seed application ${index} is invalid at ${valid.problem.field}`);
        // Seeds are facts of the demo world, approved without review whatever the delay.
        approve(draft, file(draft, valid.value, `seed-${index}`, fingerprintOf(valid.value), now), now);
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

    get(applicationId) {
      return serially(async () => {
        await change(clock.now(), () => undefined);
        const application = data.applications.find((candidate) => candidate.id === applicationId);
        return application === undefined ? fail('application_not_found', 'applicationId') : { ok: true, value: publicApplication(application) };
      });
    },

    listForApplicant(rawIdNumber) {
      return serially(async () => {
        const now = clock.now();
        const applicant = parseId(rawIdNumber, 'applicantIdNumber', now);
        if (!applicant.ok) return applicant;
        await change(now, () => undefined);
        const applications = data.applications.filter((application) => application.applicant.idNumber === applicant.value).map(publicApplication);
        const bindings = data.bindings.filter((binding) => binding.applicantIdNumber === applicant.value && binding.endedAt === null).map(publicBinding);
        return { ok: true, value: { applications, bindings } };
      });
    },

    unbind(rawApplicant, rawMember, idempotencyKey) {
      if (!checkKey(idempotencyKey)) return Promise.resolve(fail('idempotency_key_required', 'Idempotency-Key'));
      return serially(async () => {
        const now = clock.now();
        const applicant = parseId(rawApplicant, 'applicantIdNumber', now);
        if (!applicant.ok) return applicant;
        const member = parseId(rawMember, 'memberIdNumber', now);
        if (!member.ok) return member;
        const matches = (binding: StoredBinding): boolean => binding.applicantIdNumber === applicant.value && binding.member.idNumber === member.value;
        const ended = await change(now, (draft) => {
          if (keyInUse(draft, idempotencyKey)) return undefined;
          const binding = draft.bindings.find((candidate) => matches(candidate) && candidate.endedAt === null);
          if (binding === undefined) return undefined;
          binding.endedAt = now.toISOString();
          binding.unbindKey = idempotencyKey;
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
