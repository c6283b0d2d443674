import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatLine } from '../src/adapters/appendLog.js';
import { openEmbeddedStores, storeLogFileName } from '../src/adapters/embeddedStores.js';
import { createHttpBindingBackend } from '../src/adapters/httpBindingBackend.js';
import { startBackendStub } from '../src/backend-stub/main.js';
import { createFilingWorker } from '../src/server/filingWorker.js';
import { loadEngineContext } from '../src/server/loadEngineContext.js';
import { createLogger } from '../src/server/logger.js';
import { newRequest, pastOutboxEntry, pastTemplate, populateStub, type PastTemplate } from './pastApplications.js';

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

/** The stub's log and the assistant's outbox log, each with `count` past applications. */
async function populate(count: number, stubDir: string, assistantDir: string, template: PastTemplate): Promise<void> {
  await populateStub(count, stubDir, template, async (start, end) => {
    const lines: string[] = [];
    for (let index = start; index < end; index += 1) {
      const entry = pastOutboxEntry(template, index);
      lines.push(formatLine({ header: JSON.stringify({ o: entry.key }), payload: JSON.stringify(entry) }, true));
    }
    await appendFile(path.join(assistantDir, storeLogFileName), lines.join(''));
  });
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

const template = await pastTemplate(context);
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
    for (let index = 0; index < 20; index += 1) await worker.file({ key: `warm-${count}-${index}`, sessionId: 'warm', request: newRequest() });
    const times: number[] = [];
    for (let index = 0; index < filings; index += 1) {
      const started = performance.now();
      const outcome = await worker.file({ key: `new-${count}-${index}`, sessionId: `s-new-${index}`, request: newRequest() });
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
