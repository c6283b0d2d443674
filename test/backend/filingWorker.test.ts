import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpBindingBackend } from '../../src/adapters/httpBindingBackend.js';
import { openEmbeddedStores } from '../../src/adapters/embeddedStores.js';
import type { BindingBackend } from '../../src/ports/bindingBackend.js';
import type { FilingResult, Outbox } from '../../src/ports/outbox.js';
import { createFilingWorker, type FilingWorker } from '../../src/server/filingWorker.js';
import { breakCheckDigit } from '../helpers/idNumbers.js';
import { collectingLogger, FakeClock, member, newPerson, request, startTestStub, type TestStub, testBackendSecret } from './backendHarness.js';

let dataDir: string;
let stub: TestStub | undefined;
let port: number;
let outbox: Outbox;
let backend: BindingBackend;
let submits: number;
let results: { sessionId: string; result: FilingResult }[];
const workers: FilingWorker[] = [];
const clock = new FakeClock();

/** The stub on the same port and data directory every time, like a back end coming back after an outage. */
async function backendUp(): Promise<void> {
  stub = await startTestStub({ dataDir: path.join(dataDir, 'backend'), port });
  port = Number(new URL(stub.url).port);
}
async function backendDown(): Promise<void> {
  await stub?.close();
}

function newWorker(onResult?: (sessionId: string, result: FilingResult) => Promise<void>, sweepEveryMs?: number): FilingWorker {
  const worker = createFilingWorker({
    ...(sweepEveryMs === undefined ? {} : { sweepEveryMs }),
    outbox,
    backend,
    clock,
    onResult: onResult ?? (async (sessionId, result) => void results.push({ sessionId, result })),
    retryDelayMs: 10,
    maxRetryDelayMs: 50,
    logger: collectingLogger().logger,
  });
  workers.push(worker);
  return worker;
}

/** The embedded outbox on DATA_DIR, opened as a (re)started assistant opens it. */
async function openOutbox(directory: string): Promise<Outbox> {
  return (await openEmbeddedStores({ dataDir: directory, now: () => new Date(), onCompactionError: (error) => { throw error; } })).outbox;
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'filing-'));
  port = 0;
  await backendUp();
  outbox = await openOutbox(dataDir);
  submits = 0;
  results = [];
  const http = createHttpBindingBackend({ baseUrl: stub!.url, secret: testBackendSecret, timeoutMs: 2_000, retries: 0 });
  backend = { ...http, submit: (...args) => ((submits += 1), http.submit(...args)) };
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await backendDown();
  await rm(dataDir, { recursive: true, force: true });
});

const applicationsOf = async (idNumber: string) => (await stub!.list(idNumber)).applications;

describe('the filing worker', () => {
  it('with a sweep interval, files an entry that became pending after it started (a lease that ended elsewhere)', async () => {
    const worker = newWorker(undefined, 20);
    await worker.start();
    const applicant = newPerson();
    // Added by someone else (another instance that died holding it): this worker never filed it itself.
    await outbox.add({ key: 'orphan-1', sessionId: 's-orphan', request: request('210200', applicant, [member(newPerson(), 'spouse')]), createdAt: new Date().toISOString() });
    await vi.waitFor(async () => expect((await outbox.get('orphan-1'))?.state).toBe('filed'), { timeout: 5_000, interval: 20 });
    expect(await applicationsOf(applicant.idNumber)).toHaveLength(1);
    expect(results).toEqual([{ sessionId: 's-orphan', result: expect.objectContaining({ type: 'application-filed' }) }]);
  });

  it('files at once when the back end is up and returns the result to the caller', async () => {
    const applicant = newPerson();
    const outcome = await newWorker().file({ key: 'now-1', sessionId: 's1', request: request('210200', applicant, [member(newPerson(), 'spouse')]) });
    expect(outcome.type).toBe('application-filed');
    expect((await outbox.get('now-1'))?.state).toBe('filed');
    expect(await applicationsOf(applicant.idNumber)).toHaveLength(1);
    expect(results).toEqual([]);
  });

  it('queues while the back end is down, then files exactly once when it is back', async () => {
    await backendDown();
    const worker = newWorker();
    await worker.start();
    const applicant = newPerson();
    const outcome = await worker.file({ key: 'down-1', sessionId: 's2', request: request('210200', applicant, [member(newPerson(), 'spouse')]) });
    expect(outcome).toEqual({ type: 'application-queued' });
    expect((await outbox.get('down-1'))?.state).toBe('pending');

    await backendUp();
    await vi.waitFor(async () => expect((await outbox.get('down-1'))?.state).toBe('filed'), { timeout: 5_000, interval: 20 });
    await worker.drain();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ sessionId: 's2', result: { type: 'application-filed' } });
    expect(await applicationsOf(applicant.idNumber)).toHaveLength(1);
  });

  it('files once when the answer to the first attempt was lost', async () => {
    const http = createHttpBindingBackend({ baseUrl: stub!.url, secret: testBackendSecret, timeoutMs: 2_000, retries: 0 });
    let lose = true;
    backend = {
      ...http,
      submit: async (...args) => {
        const outcome = await http.submit(...args);
        if (!lose) return outcome;
        lose = false;
        return { ok: false, kind: 'unavailable', message: 'answer lost' };
      },
    };
    const worker = newWorker();
    const applicant = newPerson();
    expect((await worker.file({ key: 'lost-1', sessionId: 's3', request: request('210200', applicant, [member(newPerson(), 'spouse')]) })).type).toBe('application-queued');
    await worker.drain();
    expect(results.map((delivered) => delivered.result.type)).toEqual(['application-filed']);
    expect(await applicationsOf(applicant.idNumber)).toHaveLength(1);
  });

  it('settles a refusal as refused, with the code and message', async () => {
    const body = request('210200', newPerson(), [member(newPerson(), 'spouse')]);
    const broken = { ...body, applicant: { ...body.applicant, idNumber: breakCheckDigit(body.applicant.idNumber) } };
    const outcome = await newWorker().file({ key: 'refused-1', sessionId: 's4', request: broken });
    expect(outcome).toMatchObject({ type: 'application-refused', code: 'invalid_id_number' });
    expect((await outbox.get('refused-1'))?.state).toBe('refused');
  });

  it('returns the settled result for a key filed before, without calling the back end again', async () => {
    const worker = newWorker();
    const entry = { key: 'twice-1', sessionId: 's5', request: request('210200', newPerson(), [member(newPerson(), 'spouse')]) };
    const first = await worker.file(entry);
    const again = await worker.file(entry);
    expect(again).toEqual(first);
    expect(submits).toBe(1);
  });

  it('resumes entries left pending by a previous process on start', async () => {
    await backendDown();
    const applicant = newPerson();
    const crashed = newWorker();
    await crashed.file({ key: 'resume-1', sessionId: 's6', request: request('210200', applicant, [member(newPerson(), 'spouse')]) });
    await crashed.stop();

    await backendUp();
    outbox = await openOutbox(dataDir);
    const restarted = newWorker();
    await restarted.start();
    await restarted.drain();
    expect(results.map((delivered) => [delivered.sessionId, delivered.result.type])).toEqual([['s6', 'application-filed']]);
    expect((await outbox.get('resume-1'))?.state).toBe('filed');
    expect(await applicationsOf(applicant.idNumber)).toHaveLength(1);
  });

  it('keeps an entry pending when the conversation could not take the result, and delivers it again', async () => {
    await backendDown();
    let refuseDelivery = true;
    const worker = newWorker(async (sessionId, result) => {
      if (refuseDelivery) throw new Error('session store unavailable');
      results.push({ sessionId, result });
    });
    const applicant = newPerson();
    await worker.file({ key: 'deliver-1', sessionId: 's7', request: request('210200', applicant, [member(newPerson(), 'spouse')]) });
    await backendUp();
    await worker.drain();
    expect((await outbox.get('deliver-1'))?.state).toBe('pending');
    refuseDelivery = false;
    await worker.drain();
    expect(results).toHaveLength(1);
    expect((await outbox.get('deliver-1'))?.state).toBe('filed');
    expect(await applicationsOf(applicant.idNumber)).toHaveLength(1);
  });
});
