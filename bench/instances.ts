import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateDataKey } from '../src/adapters/personalDataCipher.js';
import { startChild, startStub, faultBackendSecret, type Child } from '../test/fault/childProcesses.js';
import { freePort } from '../test/helpers/freePort.js';
import { postgresBinaries, startTestCluster } from '../test/postgres/testCluster.js';
import { clusterServer, cpuSeconds } from './processCpu.js';
import { runLoad, type LoadResult } from './runLoad.js';

/**
 * Two instances against one on one PostgreSQL database (issue 17): HTTP turns per second with the same 16 clients
 * spread over one instance or two (two load generators, 8 connections each, summed), with the CPU seconds spent by
 * PostgreSQL, the instances, the back-end stub and the load generators over each run — all on this machine's cores,
 * so the ratio says what a second instance adds when the cores are shared, not what it adds on a host of its own.
 * Prints numbers; asserts nothing. Run with `node --import tsx bench/instances.ts` (npm run bench does).
 */

const loadSeconds = 10;
const connections = 16;
const rounds = Number(process.argv[2] ?? 2);

if (postgresBinaries() === undefined) {
  console.log('PostgreSQL is not installed (apt-get install postgresql): skipped');
  process.exit(0);
}

const cluster = startTestCluster(await freePort());
const workDir = await mkdtemp(path.join(tmpdir(), 'gongji-instances-bench-'));
const children: Child[] = [];
try {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench_instances');
  await admin.end();
  const url = cluster.url.replace(/\/postgres$/, '/bench_instances');
  const stub = await startStub(0, path.join(workDir, 'backend'));
  children.push(stub);
  const environment = {
    DATABASE_URL: url,
    SESSION_SECRET: 'bench-session-secret-of-at-least-32-characters',
    BACKEND_SECRET: faultBackendSecret,
    DATA_KEY: generateDataKey().bytes.toString('base64'),
    START_BACKEND_STUB: 'false',
    BACKEND_URL: stub.url,
    RATE_LIMIT_PER_MINUTE: '10000000',
    // Each person of the load comes from an address of their own, as behind a reverse proxy (one hot allowance row
    // shared by every request would measure that row's lock, not the instances).
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'warn',
    PORT: '0',
  };
  const start = async (name: string) => {
    const child = await startChild('src/server/main.ts', { ...environment, DATA_DIR: path.join(workDir, name), LOG_LEVEL: 'info' }, 'ready');
    children.push(child);
    return child;
  };
  const [first, second] = [await start('first'), await start('second')];
  const instancePids = [first.process.pid!, second.process.pid!];

  /** One measured run: `targets` share the clients; returns summed throughput, the worse p99 and the CPU split. */
  const measure = async (targets: Child[]): Promise<{ load: LoadResult; cpu: Record<string, number> }> => {
    await Promise.all(targets.map((target) => runLoad(target.url, 2, connections / targets.length, 'people')));
    const before = { database: cpuSeconds(clusterServer(cluster.url)), instances: cpuSeconds(instancePids), stub: cpuSeconds([stub.process.pid!]) };
    const loads = await Promise.all(targets.map((target) => runLoad(target.url, loadSeconds, connections / targets.length, 'people')));
    const cpu = {
      database: cpuSeconds(clusterServer(cluster.url)) - before.database,
      instances: cpuSeconds(instancePids) - before.instances,
      stub: cpuSeconds([stub.process.pid!]) - before.stub,
      load: loads.reduce((sum, load) => sum + load.cpuSeconds, 0),
    };
    const load: LoadResult = {
      requests: loads.reduce((sum, one) => sum + one.requests, 0),
      perSecond: loads.reduce((sum, one) => sum + one.perSecond, 0),
      p50: Math.max(...loads.map((one) => one.p50)),
      p99: Math.max(...loads.map((one) => one.p99)),
      max: Math.max(...loads.map((one) => one.max)),
      non2xx: loads.reduce((sum, one) => sum + one.non2xx, 0),
      errors: loads.reduce((sum, one) => sum + one.errors, 0),
      timeouts: loads.reduce((sum, one) => sum + one.timeouts, 0),
    };
    return { load, cpu };
  };
  const print = (label: string, { load, cpu }: Awaited<ReturnType<typeof measure>>) =>
    console.log(
      `${label}: ${load.perSecond.toFixed(0)} turns/s, p50 ${load.p50} ms, p99 ${load.p99} ms, non-2xx ${load.non2xx}, errors ${load.errors}; ` +
        `CPU over ${loadSeconds} s: PostgreSQL ${cpu.database!.toFixed(1)} s, instances ${cpu.instances!.toFixed(1)} s, stub ${cpu.stub!.toFixed(1)} s, load generators ${cpu.load!.toFixed(1)} s`,
    );
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const one = await measure([first]);
    print(`round ${round + 1}, one instance, ${connections} clients`, one);
    const two = await measure([first, second]);
    print(`round ${round + 1}, two instances, ${connections / 2} clients each`, two);
    ratios.push(two.load.perSecond / one.load.perSecond);
  }
  console.log(`two instances against one: throughput ratio ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')} (${(await import('node:os')).cpus().length} cores shared by everything)`);
} finally {
  await Promise.all(children.map((child) => child.stop('SIGTERM')));
  cluster.stop();
  await rm(workDir, { recursive: true, force: true });
}
