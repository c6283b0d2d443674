import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { storeLogFileName } from '../src/adapters/embeddedStores.js';
import { parseConfig } from '../src/config/config.js';
import { startServer, type RunningServer } from '../src/server/main.js';
import { conversationScript } from './conversationScript.js';
import { runLoad, type LoadResult } from './runLoad.js';
import { freePort } from '../test/helpers/freePort.js';

/**
 * The HTTP bars of DESIGN.md: turns per second and latency of POST /api/v1/chat on loopback with persistence on
 * (lowdb), memory per idle session, and cold start to ready. Run with `node --import tsx --expose-gc bench/http.ts`
 * (npm run bench does). Prints numbers; it asserts nothing.
 */

const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));
const loadSeconds = 10;
/**
 * Concurrent clients. 16 already keep the server's one event loop busy all the time (more connections add no
 * throughput, only queueing); the 32-connection run shows what the queueing costs in latency.
 */
const connectionCounts = [16, 32];
/** Turns spent creating idle sessions for the memory measurement (sessions = turns / conversation length). */
const idleTurns = 12_000;
const coldStartRuns = 3;


function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc (npm run bench does)');
  gc();
  gc();
}


function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}


async function throughputAndMemory(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gongji-bench-'));
  const config = parseConfig({
    PORT: '0',
    BACKEND_PORT: '0',
    DATA_DIR: dataDir,
    SESSION_STORE: 'lowdb',
    // One client IP sends everything here; the limit protects real deployments, not this measurement.
    RATE_LIMIT_PER_MINUTE: '10000000',
    LOG_LEVEL: 'info',
  });
  if (!config.ok) throw new Error(JSON.stringify(config.problems));
  // Request logs are formatted and masked as in production, then dropped instead of filling the terminal.
  let logLines = 0;
  const server = await startServer(config.value, { writeLog: () => (logLines += 1) });
  try {
    // Warm-up: JIT and the first sessions file writes, not measured.
    await runLoad(server.url, 3, connectionCounts[0] ?? 16);
    for (const connections of connectionCounts) {
      logLines = 0;
      const load = await runLoad(server.url, loadSeconds, connections);
      console.log(`POST /api/v1/chat, ${connections} connections, ${loadSeconds} s, lowdb persistence on, FAQ + form turns, new session every 12 turns:`);
      console.log(`  turns/s            ${load.perSecond.toFixed(0)}   (bar ≥ 2000)`);
      console.log(`  latency p50        ${load.p50} ms`);
      console.log(`  latency p99        ${load.p99} ms   (bar ≤ 50)   max ${load.max} ms`);
      console.log(`  turns              ${load.requests}   non-2xx ${load.non2xx}   errors ${load.errors}   timeouts ${load.timeouts}   log lines ${logLines}`);
    }

    await server.store.flush();
    await measureIdleSessions(server, path.join(dataDir, storeLogFileName), 'after one FAQ turn', [conversationScript[0] ?? '']);
    await measureIdleSessions(server, path.join(dataDir, storeLogFileName), `after the whole ${conversationScript.length}-turn conversation`, conversationScript);
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Heap and stored bytes each new session adds once its conversation is over and it sits idle. */
async function measureIdleSessions(server: RunningServer, sessionsFile: string, label: string, turns: readonly string[]): Promise<void> {
  const count = Math.round(idleTurns / turns.length);
  const fileBefore = (await stat(sessionsFile)).size;
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let index = 0; index < count; index += 1) {
    let sessionId: string | undefined;
    for (const text of turns) {
      const outcome = await server.service.chat(sessionId === undefined ? { text, region: '210200' } : { sessionId, text });
      if (!outcome.ok) throw new Error(outcome.code);
      sessionId = outcome.response.sessionId;
    }
  }
  collectGarbage();
  const heapPerSession = (process.memoryUsage().heapUsed - heapBefore) / count;
  await server.store.flush();
  const filePerSession = ((await stat(sessionsFile)).size - fileBefore) / count;
  console.log(`Idle sessions, ${count} of them, ${label}:`);
  console.log(`  heap per session   ${(heapPerSession / 1024).toFixed(2)} KB   (bar ≤ 4 KB)`);
  // The log holds every turn's version until it is compacted: this is what a session's turns append, not its live size.
  console.log(`  appended to log    ${(filePerSession / 1024).toFixed(2)} KB per session (all its turns' versions) in ${storeLogFileName}`);
}

/** Spawns the server as `npm start` would and times it until /healthz answers, then its first websocket reply. */
async function coldStart(command: string[]): Promise<{ readyMs: number; firstSocketMs: number; shutdownMs: number; exit: string }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gongji-cold-'));
  const [port, backendPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(command[0] ?? '', command.slice(1), {
    cwd: repositoryRoot,
    env: { ...process.env, PORT: String(port), BACKEND_PORT: String(backendPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    // Its own process group, so the signal reaches the server behind npx and tsx.
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`);
      const healthy = await fetch(`${url}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const readyMs = performance.now() - started;

    const socketStarted = performance.now();
    const session = (await (await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string };
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(session.token)}`);
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    await once(socket, 'message');
    const firstSocketMs = performance.now() - socketStarted;
    socket.close();

    const stopping = performance.now();
    process.kill(-(child.pid ?? 0), 'SIGTERM');
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    return { readyMs, firstSocketMs, shutdownMs: performance.now() - stopping, exit: String(code ?? signal) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid ?? 0), 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function coldStarts(): Promise<void> {
  const variants: [string, string[]][] = [
    // npm start bundles the server (esbuild) and then runs the bundle; the second line is that process alone.
    ['npm start (build, then the bundle)', ['npm', 'start', '--silent']],
    ['node --max-semi-space-size=64 src/server/main.bundle.mjs', [process.execPath, '--max-semi-space-size=64', 'src/server/main.bundle.mjs']],
    ['node --import tsx src/server/main.ts (no build)', [process.execPath, '--import', 'tsx', 'src/server/main.ts']],
  ];
  console.log(`Cold start (median of ${coldStartRuns}; bar ≤ 1500 ms to ready):`);
  for (const [name, command] of variants) {
    const runs = [];
    for (let run = 0; run < coldStartRuns; run += 1) runs.push(await coldStart(command));
    console.log(`  ${name}`);
    console.log(`    spawn → /healthz 200            ${median(runs.map((run) => run.readyMs)).toFixed(0)} ms`);
    console.log(`    first websocket reply (Botkit)  ${median(runs.map((run) => run.firstSocketMs)).toFixed(0)} ms after ready`);
    console.log(`    SIGTERM → exit                  ${median(runs.map((run) => run.shutdownMs)).toFixed(0)} ms, exits ${runs.map((run) => run.exit).join(',')}`);
  }
}

// `--cold-start-only`: just the start times (the understanding's bench asks for them without the load runs).
if (!process.argv.includes('--cold-start-only')) await throughputAndMemory();
await coldStarts();
