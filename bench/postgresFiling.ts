import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createHttpBindingBackend } from '../src/adapters/httpBindingBackend.js';
import { createPersonalDataCipher, generateDataKey } from '../src/adapters/personalDataCipher.js';
import { migrate } from '../src/adapters/postgresMigrations.js';
import { createPostgresStores } from '../src/adapters/postgresStores.js';
import { startBackendStub } from '../src/backend-stub/main.js';
import { createFilingWorker } from '../src/server/filingWorker.js';
import { loadEngineContext } from '../src/server/loadEngineContext.js';
import { createLogger } from '../src/server/logger.js';
import { freePort } from '../test/helpers/freePort.js';
import { postgresBinaries, startTestCluster } from '../test/postgres/testCluster.js';
import { newRequest, pastOutboxEntry, pastTemplate, populateStub } from './pastApplications.js';

/**
 * Filing latency against history on PostgreSQL (issue 17): one confirmed application filed through the PostgreSQL
 * outbox (sealed, `synchronous_commit` on) and the HTTP back end (the stub on its log), with 1 k, 10 k and 100 k past
 * applications in both (or the counts given). Prints numbers; asserts nothing.
 * Run with `node --import tsx bench/postgresFiling.ts [counts…]` (npm run bench does).
 */

const argumentCounts = process.argv.slice(2).map(Number).filter((count) => Number.isInteger(count) && count > 0);
const pastCounts = argumentCounts.length > 0 ? argumentCounts : [1_000, 10_000, 100_000];
const filings = 150;
const secret = 'bench-backend-secret-0123456789abcdef';
const silent = createLogger({ level: 'error', write: () => undefined });

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

if (postgresBinaries() === undefined) {
  console.log('PostgreSQL is not installed (apt-get install postgresql): skipped');
  process.exit(0);
}

const context = await loadEngineContext(new URL('../', import.meta.url).pathname);
const template = await pastTemplate(context);
const cipher = createPersonalDataCipher(generateDataKey());
const cluster = startTestCluster(await freePort());
const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
try {
  for (const [index, count] of pastCounts.entries()) {
    const name = `bench_filing_${index}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const pool = new pg.Pool({ connectionString: cluster.url.replace(/\/postgres$/, `/${name}`), max: 10 });
    const stubDir = await mkdtemp(path.join(tmpdir(), 'gongji-pg-filing-'));
    try {
      await migrate(pool);
      // The past applications: the stub's records, and the assistant's filed outbox entries (sealed as the store seals them).
      const entry = pastOutboxEntry(template, 0);
      const [request, result] = [cipher.seal(JSON.stringify(entry.request)), cipher.seal(JSON.stringify(entry.result))];
      await populateStub(count, stubDir, template, async (start, end) => {
        await pool.query(
          `INSERT INTO outbox (key, session_id, request, created_at, attempts, state, result, settled_at)
           SELECT 'past-' || n, 's-past-' || n, $3, now(), 1, 'filed', $4, now() FROM generate_series($1::int, $2::int - 1) AS n`,
          [start, end, request, result],
        );
      });
      await pool.query('VACUUM ANALYZE outbox');
      const stub = await startBackendStub({ port: 0, secret, dataDir: stubDir, content: context.content, logger: silent, reviewDelayMs: 120_000 });
      const { outbox } = createPostgresStores(pool, cipher, { instanceId: 'bench' });
      const worker = createFilingWorker({
        outbox,
        backend: createHttpBindingBackend({ baseUrl: stub.url, secret, timeoutMs: 10_000, retries: 0 }),
        clock: { now: () => new Date() },
        onResult: async () => undefined,
        retryDelayMs: 60_000,
        logger: silent,
      });
      try {
        for (let warm = 0; warm < 20; warm += 1) await worker.file({ key: `warm-${count}-${warm}`, sessionId: 'warm', request: newRequest() });
        const times: number[] = [];
        for (let filing = 0; filing < filings; filing += 1) {
          const started = performance.now();
          const outcome = await worker.file({ key: `new-${count}-${filing}`, sessionId: `s-new-${filing}`, request: newRequest() });
          times.push(performance.now() - started);
          if (outcome.type !== 'application-filed') throw new Error(`filing ${filing} ended ${JSON.stringify(outcome)}`);
        }
        times.sort((left, right) => left - right);
        const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
        console.log(`${count} past applications (PostgreSQL outbox): filing p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${percentile(times, 0.99).toFixed(1)} ms, mean ${mean.toFixed(1)} ms over ${filings}`);
      } finally {
        await worker.stop();
        await stub.close();
      }
    } finally {
      await pool.end();
      await rm(stubDir, { recursive: true, force: true });
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
  }
} finally {
  await admin.end();
  cluster.stop();
}
