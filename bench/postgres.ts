import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPersonalDataCipher, generateDataKey } from '../src/adapters/personalDataCipher.js';
import { migrate } from '../src/adapters/postgresMigrations.js';
import { storedEntryOf, defaultTranscriptLimit } from '../src/adapters/memorySessionStore.js';
import { parseConfig } from '../src/config/config.js';
import { startServer } from '../src/server/main.js';
import { freePort } from '../test/helpers/freePort.js';
import { postgresBinaries, startTestCluster } from '../test/postgres/testCluster.js';
import { conversationScript } from './conversationScript.js';
import { clusterServer, cpuSeconds } from './processCpu.js';
import { runLoad, type LoadResult } from './runLoad.js';

/**
 * The PostgreSQL stores' cost against what they hold (issue 17): HTTP turns with 1 k, 100 k and 1 M stored sessions
 * (bar at 1 M: ≥ 80 % of the 1 k throughput, p99 ≤ 2×), with the CPU time spent by PostgreSQL, the server and the
 * load generator over each run (all three share this machine's 2 cores). A throwaway cluster from Debian's
 * postgresql; `synchronous_commit` stays on. Prints numbers; asserts nothing.
 * Run with `node --import tsx bench/postgres.ts [counts…]` (npm run bench does, with the default counts).
 */

const argumentCounts = process.argv.slice(2).map(Number).filter((count) => Number.isInteger(count) && count > 0);
const sessionCounts = argumentCounts.length > 0 ? argumentCounts : [1_000, 100_000, 1_000_000, 1_000];
const loadSeconds = 10;
const connections = 16;


if (postgresBinaries() === undefined) {
  console.log('PostgreSQL is not installed (apt-get install postgresql): skipped');
  process.exit(0);
}

const cluster = startTestCluster(await freePort());
const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
const key = generateDataKey();
const cipher = createPersonalDataCipher(key);
const rows: { sessions: number; load: LoadResult; cpu: { database: number; server: number; load: number } }[] = [];
try {
  for (const [index, count] of sessionCounts.entries()) {
    const name = `bench_${index}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = cluster.url.replace(/\/postgres$/, `/${name}`);
    const pool = new pg.Pool({ connectionString: url });
    await migrate(pool);
    // Every stored session is a whole binding conversation's document, sealed as the store seals it.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gongji-pg-bench-'));
    const config = parseConfig({
      PORT: '0', BACKEND_PORT: '0', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '10000000', LOG_LEVEL: 'info', DATABASE_URL: url,
      SESSION_SECRET: 'bench-session-secret-of-at-least-32-characters', BACKEND_SECRET: 'bench-back-end-secret-of-at-least-32-characters',
      DATA_KEY: key.bytes.toString('base64'),
    });
    if (!config.ok) throw new Error(JSON.stringify(config.problems));
    const server = await startServer(config.value, { writeLog: () => undefined });
    try {
      let sessionId: string | undefined;
      for (const text of conversationScript) {
        const outcome = await server.service.chat(sessionId === undefined ? { text, region: '210200' } : { sessionId, text });
        if (!outcome.ok) throw new Error(outcome.code);
        sessionId = outcome.response.sessionId;
      }
      const sample = (await server.store.get(sessionId!))!;
      const document = cipher.seal(storedEntryOf(sample, defaultTranscriptLimit).json);
      const filling = performance.now();
      await pool.query(
        `INSERT INTO sessions (id, document, updated_at) SELECT 'bench-' || n, $1, now() FROM generate_series(1, $2) AS n ON CONFLICT DO NOTHING`,
        [document, count],
      );
      await pool.query('VACUUM ANALYZE sessions');
      const fillMs = performance.now() - filling;
      const tableMb = Number((await pool.query<{ bytes: string }>(`SELECT pg_total_relation_size('sessions') AS bytes`)).rows[0]!.bytes) / 1024 / 1024;
      await runLoad(server.url, 3, connections);
      const [databaseBefore, serverBefore] = [cpuSeconds(clusterServer(cluster.url)), process.cpuUsage()];
      const load = await runLoad(server.url, loadSeconds, connections);
      const loadCpu = load.cpuSeconds;
      const serverUsage = process.cpuUsage(serverBefore);
      const cpu = { database: cpuSeconds(clusterServer(cluster.url)) - databaseBefore, server: (serverUsage.user + serverUsage.system) / 1e6, load: loadCpu };
      rows.push({ sessions: count, load, cpu });
      console.log(
        `${count} stored sessions (table ${tableMb.toFixed(0)} MB, filled in ${(fillMs / 1000).toFixed(1)} s): ${load.perSecond.toFixed(0)} turns/s, ` +
          `p50 ${load.p50} ms, p99 ${load.p99} ms, max ${load.max} ms, non-2xx ${load.non2xx}, errors ${load.errors}; ` +
          `CPU over ${loadSeconds} s: PostgreSQL ${cpu.database.toFixed(1)} s, server ${cpu.server.toFixed(1)} s, load generator ${cpu.load.toFixed(1)} s`,
      );
    } finally {
      await server.close();
      await pool.end();
      await rm(dataDir, { recursive: true, force: true });
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
  }
} finally {
  await admin.end();
  cluster.stop();
}
const base = rows.filter((row) => row.sessions === sessionCounts[0]).sort((left, right) => right.load.perSecond - left.load.perSecond)[0]!;
for (const row of rows.filter((candidate) => candidate.sessions !== base.sessions)) {
  console.log(`  ${row.sessions} vs ${base.sessions}: throughput ${((100 * row.load.perSecond) / base.load.perSecond).toFixed(0)} % (bar ≥ 80 %), p99 ${(row.load.p99 / base.load.p99).toFixed(2)}× (bar ≤ 2×)`);
}
