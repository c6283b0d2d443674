import { z } from 'zod';
import { ApplicationSchema, BindingSchema, CodeRequestedSchema, GrantSchema, type Access, type BackendOutcome, type BindingBackend } from '../ports/bindingBackend.js';

export type HttpBindingBackendOptions = {
  /** e.g. http://127.0.0.1:3001 */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <secret>` on every call (BACKEND_SECRET). */
  secret: string;
  /** Per attempt, including reading the answer. */
  timeoutMs: number;
  /** Further attempts after the first when the back end cannot be reached or answers 5xx / 429 / 408. */
  retries: number;
  /** First backoff; it doubles with each retry (with jitter) up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  fetch?: typeof fetch;
};

const ListSchema = z.object({ applications: z.array(ApplicationSchema), bindings: z.array(BindingSchema) });
/** How a call shows it may see an applicant's records (docs/backend-stub.md). */
function accessHeaders(access: Access): Record<string, string> {
  return 'grant' in access ? { 'x-verification-grant': access.grant } : { 'x-filing-key': access.filingKey };
}

/**
 * How a call is made: `write` carries the idempotency key and body; `once` makes a single attempt (a code request
 * repeated after a lost answer would send a second text, and its 429 is a refusal to word, not "try again soon").
 */
type CallOptions = { write?: { idempotencyKey: string }; body?: unknown; headers?: Record<string, string>; once?: boolean };

const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Statuses that say "not now" rather than "no": the same request may succeed later. */
const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);

/**
 * BindingBackend over the stub's HTTP API. Every retry of a write carries the same Idempotency-Key, so a request
 * whose answer was lost (timeout, dropped connection) is never filed twice.
 */
export function createHttpBindingBackend(options: HttpBindingBackendOptions): BindingBackend {
  const fetchFunction = options.fetch ?? fetch;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const retryDelayMs = options.retryDelayMs ?? 100;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 2_000;

  const call = async <T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, how: CallOptions = {}): Promise<BackendOutcome<T>> => {
    const { write, body: requestBody } = how;
    const retries = how.once ? 0 : options.retries;
    let lastProblem = 'no attempt made';
    let waitMs = 0;
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      if (attempt > 0) await sleep(Math.min(maxRetryDelayMs, Math.max(waitMs, backoff(retryDelayMs, attempt))));
      waitMs = 0;
      const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${options.secret}`, ...how.headers };
      if (write !== undefined) headers['idempotency-key'] = write.idempotencyKey;
      if (requestBody !== undefined) headers['content-type'] = 'application/json';
      let status: number;
      let text: string;
      let retryAfter: string | null;
      try {
        const response = await fetchFunction(`${baseUrl}${path}`, {
          method,
          headers,
          body: requestBody === undefined ? undefined : JSON.stringify(requestBody),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        text = await response.text();
      } catch (error) {
        // Refused connections, resets and timeouts all mean "unreachable for now"; the reason is kept for the caller.
        lastProblem = `${method} ${path}: ${describe(error)}`;
        continue;
      }
      if (status === 401) {
        // Our secret is not the back end's: a misconfiguration, not the person's fault. Unavailable keeps a filing
        // queued (retried once an operator fixes BACKEND_SECRET) instead of telling the person it was refused.
        return { ok: false, kind: 'unavailable', message: `${method} ${path}: HTTP 401, the back end does not accept our BACKEND_SECRET` };
      }
      if (retryableStatuses.has(status) && !how.once) {
        lastProblem = `${method} ${path}: HTTP ${status}`;
        waitMs = retryAfterMs(retryAfter);
        continue;
      }
      const body = parseJson(text);
      if (status >= 200 && status < 300) {
        const parsed = schema.safeParse(body);
        if (parsed.success) return { ok: true, value: parsed.data };
        // Something answered that is not our back end's shape (a proxy page, a truncated answer): try again.
        lastProblem = `${method} ${path}: HTTP ${status} with an unexpected body`;
        continue;
      }
      const error = ErrorBodySchema.safeParse(body);
      // A refusal not in our shape (some proxy's page) still gets a code the assistant can word: backend.error.internal.
      return error.success
        ? { ok: false, kind: 'refused', status, code: error.data.error.code, message: error.data.error.message }
        : { ok: false, kind: 'refused', status, code: 'internal', message: `HTTP ${status} without an error body` };
    }
    return { ok: false, kind: 'unavailable', message: lastProblem };
  };

  return {
    submit: (request, idempotencyKey) => call('POST', '/api/v1/applications', ApplicationSchema, { write: { idempotencyKey }, body: request }),
    get: (applicationId, access) => call('GET', `/api/v1/applications/${encodeURIComponent(applicationId)}`, ApplicationSchema, { headers: accessHeaders(access) }),
    listForApplicant: (applicantIdNumber, access) =>
      call('GET', `/api/v1/applicants/${encodeURIComponent(applicantIdNumber)}/applications`, ListSchema, { headers: accessHeaders(access) }),
    findByRecordNumber: (recordNumber, access) => call('GET', `/api/v1/records/${encodeURIComponent(recordNumber)}`, ApplicationSchema, { headers: accessHeaders(access) }),
    unbind: (applicantIdNumber, memberIdNumber, idempotencyKey, access) =>
      call('POST', `/api/v1/applicants/${encodeURIComponent(applicantIdNumber)}/bindings/${encodeURIComponent(memberIdNumber)}/cancel`, BindingSchema, {
        write: { idempotencyKey },
        headers: accessHeaders(access),
      }),
    requestCode: (subject, requester) => call('POST', '/api/v1/verification/codes', CodeRequestedSchema, { body: { subject, requester }, once: true }),
    verifyCode: (subject, code, requester) => call('POST', '/api/v1/verification/grants', GrantSchema, { body: { subject, code, requester }, once: true }),
  };
}

/** Doubling with jitter, so many clients retrying after the same outage do not arrive together. */
function backoff(firstMs: number, attempt: number): number {
  return firstMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
}

function retryAfterMs(header: string | null): number {
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 0;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: the caller treats the body as unexpected and says so.
    return undefined;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
