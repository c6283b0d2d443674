import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEmbeddedStores, storeLogFileName } from '../src/adapters/embeddedStores.js';
import { parseConfig } from '../src/config/config.js';
import type { StoredSession } from '../src/ports/sessionStore.js';
import { startServer } from '../src/server/main.js';
import { conversationScript } from './conversationScript.js';
import { runLoad, type LoadResult } from './runLoad.js';

/**
 * The embedded stores' cost against what they hold (issue 11): HTTP turns with 1 k, 10 k and 50 k stored sessions
 * (bar at 50 k: ≥ 80 % of the 1 k throughput, p99 ≤ 2×), and the restart time on 50 k. Every turn is fdatasync'ed
 * before its reply, as in production. Run with `node --import tsx bench/stores.ts` (npm run bench does); it prints
 * numbers and asserts nothing. Filing latency against past applications is bench/filing.ts.
 */

/** 1 k again at the end: on a shared machine the first run also pays for warming up; the better 1 k run is the base. */
const sessionCounts = [1_000, 10_000, 50_000, 1_000];
const loadSeconds = 10;
const connections = 16;



function configFor(dataDir: string) {
  const config = parseConfig({ PORT: '0', BACKEND_PORT: '0', DATA_DIR: dataDir, SESSION_STORE: 'lowdb', RATE_LIMIT_PER_MINUTE: '10000000', LOG_LEVEL: 'info' });
  if (!config.ok) throw new Error(JSON.stringify(config.problems));
  return config.value;
}

/** A session as a whole binding conversation leaves it, to be stored many times under other ids. */
async function sampleSession(): Promise<StoredSession> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gongji-sample-'));
  const server = await startServer(configFor(dataDir), { writeLog: () => undefined });
  try {
    let sessionId: string | undefined;
    for (const text of conversationScript) {
      const outcome = await server.service.chat(sessionId === undefined ? { text, region: '210200' } : { sessionId, text });
      if (!outcome.ok) throw new Error(outcome.code);
      sessionId = outcome.response.sessionId;
    }
    return (await server.store.get(sessionId!))!;
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Writes `count` stored sessions into a fresh data directory through the embedded store itself. */
async function populate(count: number, sample: StoredSession): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gongji-stores-'));
  const stores = await openEmbeddedStores({ dataDir, now: () => new Date(), onCompactionError: (error) => { throw error; } });
  const updatedAt = new Date().toISOString();
  for (let start = 0; start < count; start += 1_000) {
    const commits: Promise<void>[] = [];
    for (let index = start; index < Math.min(count, start + 1_000); index += 1) {
      const id = `bench-${index}`;
      commits.push(stores.sessions.commitTurn({ ...sample, id, updatedAt, state: { ...sample.state, conversationId: id } }, []));
    }
    await Promise.all(commits);
  }
  await stores.close();
  return dataDir;
}

const sample = await sampleSession();
console.log(`stored session sample: ${(JSON.stringify(sample).length / 1024).toFixed(2)} KB of JSON after a ${conversationScript.length}-turn binding conversation`);
const rows: { sessions: number; load: LoadResult; openMs: number; readyMs: number; logMb: number }[] = [];
for (const count of sessionCounts) {
  const dataDir = await populate(count, sample);
  try {
    const logMb = (await stat(path.join(dataDir, storeLogFileName))).size / 1024 / 1024;
    const opening = performance.now();
    const opened = await openEmbeddedStores({ dataDir, now: () => new Date(), onCompactionError: () => undefined });
    const openMs = performance.now() - opening;
    await opened.close();
    const server = await startServer(configFor(dataDir), { writeLog: () => undefined });
    try {
      await runLoad(server.url, 5, connections);
      const load = await runLoad(server.url, loadSeconds, connections);
      rows.push({ sessions: count, load, openMs, readyMs: server.readyMs, logMb });
      console.log(
        `${count} stored sessions (log ${logMb.toFixed(1)} MB): ${load.perSecond.toFixed(0)} turns/s, p50 ${load.p50} ms, p99 ${load.p99} ms, max ${load.max} ms, non-2xx ${load.non2xx}, errors ${load.errors}; ` +
          `store open ${openMs.toFixed(0)} ms, server ready ${server.readyMs.toFixed(0)} ms`,
      );
    } finally {
      await server.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
const base = rows.filter((row) => row.sessions === sessionCounts[0]).sort((left, right) => right.load.perSecond - left.load.perSecond)[0]!;
for (const row of rows.filter((candidate) => candidate.sessions !== base.sessions)) {
  console.log(
    `  ${row.sessions} vs ${base.sessions}: throughput ${((100 * row.load.perSecond) / base.load.perSecond).toFixed(0)} % (bar ≥ 80 %), p99 ${(row.load.p99 / base.load.p99).toFixed(2)}× (bar ≤ 2×)`,
  );
}
