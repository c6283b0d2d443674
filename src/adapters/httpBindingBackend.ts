import { z } from 'zod';
import { ApplicationSchema, BindingSchema, type BackendOutcome, type BindingBackend } from '../ports/bindingBackend.js';

export type HttpBindingBackendOptions = {
  /** e.g. http://127.0.0.1:3001 */
  baseUrl: string;
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

  const call = async <T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    write?: { idempotencyKey: string; body?: unknown },
  ): Promise<BackendOutcome<T>> => {
    let lastProblem = 'no attempt made';
    let waitMs = 0;
    for (let attempt = 0; attempt <= options.retries; attempt += 1) {
      if (attempt > 0) await sleep(Math.min(maxRetryDelayMs, Math.max(waitMs, backoff(retryDelayMs, attempt))));
      waitMs = 0;
      const headers: Record<string, string> = { accept: 'application/json' };
      if (write !== undefined) headers['idempotency-key'] = write.idempotencyKey;
      if (write?.body !== undefined) headers['content-type'] = 'application/json';
      let status: number;
      let text: string;
      let retryAfter: string | null;
      try {
        const response = await fetchFunction(`${baseUrl}${path}`, {
          method,
          headers,
          body: write?.body === undefined ? undefined : JSON.stringify(write.body),
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
      if (retryableStatuses.has(status)) {
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
    submit: (request, idempotencyKey) => call('POST', '/api/v1/applications', ApplicationSchema, { idempotencyKey, body: request }),
    get: (applicationId) => call('GET', `/api/v1/applications/${encodeURIComponent(applicationId)}`, ApplicationSchema),
    listForApplicant: (applicantIdNumber) => call('GET', `/api/v1/applicants/${encodeURIComponent(applicantIdNumber)}/applications`, ListSchema),
    unbind: (applicantIdNumber, memberIdNumber, idempotencyKey) =>
      call('POST', `/api/v1/applicants/${encodeURIComponent(applicantIdNumber)}/bindings/${encodeURIComponent(memberIdNumber)}/cancel`, BindingSchema, { idempotencyKey }),
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
