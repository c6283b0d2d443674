import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatLine } from '../src/adapters/appendLog.js';
import { openEmbeddedStores, storeLogFileName } from '../src/adapters/embeddedStores.js';
import { createHttpBindingBackend } from '../src/adapters/httpBindingBackend.js';
import { createBackendService } from '../src/backend-stub/backendService.js';
import type { StoredApplication, StoredBinding } from '../src/backend-stub/backendData.js';
import { demoRegistry } from '../src/backend-stub/demoRegistry.js';
import { openLowdbBackendStore } from '../src/backend-stub/lowdbBackendStore.js';
import { createMemoryBackendStore } from '../src/backend-stub/memoryBackendStore.js';
import { startBackendStub } from '../src/backend-stub/main.js';
import type { ApplicationRequest } from '../src/ports/bindingBackend.js';
import type { OutboxEntry } from '../src/ports/outbox.js';
import { countingIds } from '../src/server/createLocalAssistant.js';
import { createFilingWorker } from '../src/server/filingWorker.js';
import { loadEngineContext } from '../src/server/loadEngineContext.js';
import { createLogger } from '../src/server/logger.js';
import { makeIdNumber } from '../test/helpers/idNumbers.js';

/**
 * Filing latency against history (issue 11): one confirmed application filed through the outbox (embedded store
 * log) and the HTTP back end (the stub on its log) with 1 k, 10 k and 100 k past applications in both, every write
 * fdatasync'ed. Also the stub's and the stores' start time on that history. Prints numbers; asserts nothing.
 * Run with `node --import tsx bench/filing.ts` (npm run bench does).
 */

const pastCounts = [1_000, 10_000, 100_000];
const filings = 150;
const secret = 'bench-backend-secret-0123456789abcdef';
const silent = createLogger({ level: 'error', write: () => undefined });
const context = await loadEngineContext(new URL('../', import.meta.url).pathname);

let people = 0;
function person(birthYear: number) {
  people += 1;
  return { name: '张伟', idNumber: makeIdNumber({ region: '210202', birthDate: `${birthYear}-0${1 + (people % 9)}-1${people % 10}`, sequence: people % 1000 }), phone: `137${String(10_000_000 + (people % 90_000_000)).slice(-8)}` };
}
const requestOf = (): ApplicationRequest => ({ region: '210200', applicant: person(1975), members: [{ relationship: 'spouse', ...person(1978) }] });

/** One real past application and its binding, as the stub stores them, to be stored again under other ids. */
async function templates(): Promise<{ application: StoredApplication; binding: StoredBinding }> {
  const store = createMemoryBackendStore();
  const service = await createBackendService({ store, clock: { now: () => new Date() }, ids: countingIds(), policies: context.content.regions, messages: context.content.messages, registry: demoRegistry, reviewDelayMs: 0 });
  await service.create(requestOf(), 'template-1');
  await service.listForOperator(requestOf().applicant.idNumber);
  const data = await store.read();
  return { application: data.applications.at(-1)!, binding: data.bindings.at(-1)! };
}

async function populate(count: number, stubDir: string, assistantDir: string, template: { application: StoredApplication; binding: StoredBinding }): Promise<void> {
  const stubStore = await openLowdbBackendStore({ dataDir: stubDir, now: () => new Date(), logger: silent });
  const base = await stubStore.read();
  let outboxLines: string[] = [];
  for (let start = 0; start < count; start += 1_000) {
    const applications: StoredApplication[] = [];
    const bindings: StoredBinding[] = [];
    for (let index = start; index < Math.min(count, start + 1_000); index += 1) {
      const id = `app_past_${index}`;
      applications.push({ ...template.application, id, sequence: index + 1, idempotencyKey: `past-${index}`, recordNumber: `GJ210200${String(20260000000 + index).padStart(11, '0')}` });
      bindings.push({ ...template.binding, applicationId: id });
      const entry: OutboxEntry = {
        key: `past-${index}`,
        sessionId: `s-past-${index}`,
        request: { region: '210200', applicant: template.application.applicant, members: template.application.members },
        createdAt: new Date().toISOString(),
        attempts: 1,
        state: 'filed',
        settledAt: new Date().toISOString(),
        result: { type: 'application-filed', application: { ...template.application, id } },
      };
      outboxLines.push(formatLine({ header: JSON.stringify({ o: entry.key }), payload: JSON.stringify(entry) }, true));
    }
    await stubStore.commit({ meta: { ...base, lastSequence: Math.min(count, start + 1_000) }, applications, bindings });
    await appendFile(path.join(assistantDir, storeLogFileName), outboxLines.join(''));
    outboxLines = [];
  }
  await stubStore.close();
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

const template = await templates();
for (const count of pastCounts) {
  const workDir = await mkdtemp(path.join(tmpdir(), 'gongji-filing-'));
  const stubDir = path.join(workDir, 'backend');
  const assistantDir = path.join(workDir, 'assistant');
  await (await openEmbeddedStores({ dataDir: assistantDir, now: () => new Date(), onCompactionError: () => undefined })).close();
  await populate(count, stubDir, assistantDir, template);
  const stubStarting = performance.now();
  const stub = await startBackendStub({ port: 0, secret, dataDir: stubDir, content: context.content, logger: silent, reviewDelayMs: 120_000 });
  const stubStartMs = performance.now() - stubStarting;
  const storesOpening = performance.now();
  const stores = await openEmbeddedStores({ dataDir: assistantDir, now: () => new Date(), onCompactionError: () => undefined });
  const storesOpenMs = performance.now() - storesOpening;
  const worker = createFilingWorker({
    outbox: stores.outbox,
    backend: createHttpBindingBackend({ baseUrl: stub.url, secret, timeoutMs: 10_000, retries: 0 }),
    clock: { now: () => new Date() },
    onResult: async () => undefined,
    retryDelayMs: 60_000,
    logger: silent,
  });
  try {
    for (let index = 0; index < 20; index += 1) await worker.file({ key: `warm-${count}-${index}`, sessionId: 'warm', request: requestOf() });
    const times: number[] = [];
    for (let index = 0; index < filings; index += 1) {
      const started = performance.now();
      const outcome = await worker.file({ key: `new-${count}-${index}`, sessionId: `s-new-${index}`, request: requestOf() });
      times.push(performance.now() - started);
      if (outcome.type !== 'application-filed') throw new Error(`filing ${index} ended ${JSON.stringify(outcome)}`);
    }
    times.sort((left, right) => left - right);
    const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
    console.log(
      `${count} past applications: filing p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${percentile(times, 0.99).toFixed(1)} ms, mean ${mean.toFixed(1)} ms over ${filings}; ` +
        `stub start ${stubStartMs.toFixed(0)} ms, outbox open ${storesOpenMs.toFixed(0)} ms`,
    );
  } finally {
    await worker.stop();
    await stores.close();
    await stub.close();
    await rm(workDir, { recursive: true, force: true });
  }
}
