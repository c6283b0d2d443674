import { createServer, type Server } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpBindingBackend } from '../../src/adapters/httpBindingBackend.js';
import { member, newPerson, request, startTestStub, type TestStub, testBackendSecret } from './backendHarness.js';

let stub: TestStub;
beforeAll(async () => {
  stub = await startTestStub();
});
afterAll(async () => stub.close());

/** fetch that records each call's Idempotency-Key and lets a test break chosen calls. */
function recordingFetch(breakCall: (call: number) => 'lose-answer' | 'refuse' | 'status-503' | 'status-429' | 'proxy-403' | 'pass') {
  const keys: (string | null)[] = [];
  const recorded: typeof fetch = async (input, init) => {
    keys.push(new Headers(init?.headers).get('idempotency-key'));
    const mode = breakCall(keys.length);
    if (mode === 'refuse') throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    if (mode === 'status-503') return new Response('busy', { status: 503 });
    if (mode === 'proxy-403') return new Response('<html>Forbidden</html>', { status: 403, headers: { 'content-type': 'text/html' } });
    if (mode === 'status-429') return new Response('slow down', { status: 429, headers: { 'retry-after': '0' } });
    const response = await fetch(input, init);
    // The back end did the work, but the answer never reaches the client (a timeout, a dropped connection).
    if (mode === 'lose-answer') throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    return response;
  };
  return { fetch: recorded, keys };
}

describe('the HTTP binding backend', () => {
  it('retries a lost answer with the same key, so the application is filed once', async () => {
    const { fetch, keys } = recordingFetch((call) => (call === 1 ? 'lose-answer' : 'pass'));
    const backend = createHttpBindingBackend({ baseUrl: stub.url, secret: testBackendSecret, timeoutMs: 2_000, retries: 3, retryDelayMs: 1, fetch });
    const applicant = newPerson();
    const outcome = await backend.submit(request('210200', applicant, [member(newPerson(), 'spouse')]), 'lost-answer-key');
    expect(outcome.ok).toBe(true);
    expect(keys).toEqual(['lost-answer-key', 'lost-answer-key']);
    expect((await stub.list(applicant.idNumber)).applications).toHaveLength(1);
  });

  it('retries refused connections, 503 and 429, then succeeds', async () => {
    const modes = ['refuse', 'status-503', 'status-429'] as const;
    const { fetch, keys } = recordingFetch((call) => modes[call - 1] ?? 'pass');
    const backend = createHttpBindingBackend({ baseUrl: stub.url, secret: testBackendSecret, timeoutMs: 2_000, retries: 3, retryDelayMs: 1, fetch });
    const outcome = await backend.submit(request('210200', newPerson(), [member(newPerson(), 'spouse')]), 'flaky-key');
    expect(outcome.ok).toBe(true);
    expect(keys).toHaveLength(4);
  });

  it('carries the secret; with another one a filing stays unfiled and is reported unavailable, never refused', async () => {
    const { fetch, keys } = recordingFetch(() => 'pass');
    const backend = createHttpBindingBackend({ baseUrl: stub.url, secret: 'not-the-secret-not-the-secret-000', timeoutMs: 2_000, retries: 3, retryDelayMs: 1, fetch });
    const applicant = newPerson();
    const outcome = await backend.submit(request('210200', applicant, [member(newPerson(), 'spouse')]), 'wrong-secret-key');
    expect(outcome).toMatchObject({ ok: false, kind: 'unavailable' });
    expect(!outcome.ok && outcome.message).toContain('BACKEND_SECRET');
    expect(keys).toHaveLength(1);
    expect((await stub.list(applicant.idNumber)).applications).toHaveLength(0);
  });

  it('does not retry a refusal (4xx)', async () => {
    const { fetch, keys } = recordingFetch(() => 'pass');
    const backend = createHttpBindingBackend({ baseUrl: stub.url, secret: testBackendSecret, timeoutMs: 2_000, retries: 3, retryDelayMs: 1, fetch });
    const outcome = await backend.get('app_missing', { filingKey: 'none' });
    expect(outcome).toMatchObject({ ok: false, kind: 'refused', status: 404, code: 'application_not_found' });
    expect(keys).toHaveLength(1);
  });

  it('gives a refusal that is not in our shape (a proxy page) a code the assistant can word', async () => {
    const { fetch, keys } = recordingFetch(() => 'proxy-403');
    const backend = createHttpBindingBackend({ baseUrl: stub.url, secret: testBackendSecret, timeoutMs: 2_000, retries: 3, retryDelayMs: 1, fetch });
    expect(await backend.get('app_any', { filingKey: 'none' })).toMatchObject({ ok: false, kind: 'refused', status: 403, code: 'internal' });
    expect(keys).toHaveLength(1);
  });

  it('reports unavailable when nothing listens, after its retries', async () => {
    const { fetch, keys } = recordingFetch(() => 'refuse');
    const backend = createHttpBindingBackend({ baseUrl: stub.url, secret: testBackendSecret, timeoutMs: 2_000, retries: 2, retryDelayMs: 1, fetch });
    const outcome = await backend.submit(request('210200', newPerson(), [member(newPerson(), 'spouse')]), 'down-key');
    expect(outcome).toMatchObject({ ok: false, kind: 'unavailable' });
    expect(!outcome.ok && outcome.message).toContain('ECONNREFUSED');
    expect(keys).toHaveLength(3);
  });

  it('gives up on a back end that never answers after the timeout of each attempt', async () => {
    const silent: Server = createServer(() => {});
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const backend = createHttpBindingBackend({ baseUrl: `http://127.0.0.1:${port}`, secret: testBackendSecret, timeoutMs: 50, retries: 1, retryDelayMs: 1 });
      const outcome = await backend.listForApplicant(newPerson().idNumber, { filingKey: 'none' });
      expect(outcome).toMatchObject({ ok: false, kind: 'unavailable' });
      expect(!outcome.ok && outcome.message).toMatch(/TimeoutError/);
    } finally {
      silent.close();
    }
  });
});
