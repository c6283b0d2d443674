import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster from Debian's `postgresql` package, in a temp directory on a free port: one per
 * test run (test/postgres.globalSetup.ts); each test file gets a database of its own in it.
 * initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` user.
 *
 * pg_ctl detaches the server from the run, so nothing stops it when the run dies: the cluster is stopped on every way
 * out of the process that started it (normal exit, vitest's own exit on SIGINT/SIGTERM, a signal nobody handles), and
 * what a killed run (SIGKILL, a timeout) left behind is reclaimed by the next start: each cluster's directory names
 * the process that started it (`owner.json`), and a cluster whose owner is gone is stopped and removed.
 */
export type TestCluster = { url: string; directory: string; stop(): void };

export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))[0];
  const bin = version === undefined ? undefined : path.join(root, version, 'bin');
  return bin !== undefined && existsSync(path.join(bin, 'initdb')) ? bin : undefined;
}

/** Whether this run can have PostgreSQL. In CI a missing server is a failure: the suites must never pass on nothing. */
export function postgresAvailability(): { available: true } | { available: false; reason: string } {
  if (postgresBinaries() !== undefined) return { available: true };
  const reason = 'PostgreSQL is not installed (apt-get install postgresql)';
  if (process.env.CI === 'true') throw new Error(`CI needs the PostgreSQL suites: ${reason}`);
  return { available: false, reason };
}

const asRoot = process.getuid?.() === 0;

const prefix = 'gongji-pg-';
/** mkdtemp's six characters after the prefix: other tools' gongji-pg-bench-… folders are not clusters. */
const clusterDirectory = /^gongji-pg-[\w]{6}$/;
/** Longer than initdb and a start take on a loaded machine: an older cluster without an owner or a server is debris. */
const unownedGraceMs = 10 * 60_000;
const ownerFile = 'owner.json';
const exitSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function run(bin: string, command: string, args: string[]): void {
  const [file, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]] : [path.join(bin, command), args];
  const result = spawnSync(file, fullArgs, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
}

export function startTestCluster(port: number): TestCluster {
  const bin = postgresBinaries();
  if (bin === undefined) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  reclaimStaleClusters(bin);
  const directory = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(directory, 0o700);
  writeFileSync(path.join(directory, ownerFile), JSON.stringify(processIdentity(process.pid)));
  if (asRoot) {
    const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(directory, id('-u'), id('-g'));
  }
  const data = path.join(directory, 'data');
  run(bin, 'initdb', ['-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  // Durability of a test cluster is not under test (the product keeps synchronous_commit on): fsync off for speed.
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${directory} -c fsync=off -c full_page_writes=off -c max_connections=300`;
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    for (const signal of exitSignals) process.off(signal, stopOnSignal);
    removeCluster(bin, directory);
  };
  // Synchronous, so it also runs in an 'exit' listener (vitest exits from its own SIGINT/SIGTERM listener).
  const stopOnSignal = (signal: NodeJS.Signals): void => {
    stop();
    // Nobody else handles it: die of it as the process would have without this listener.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.on('exit', stop);
  // First in line, so the listeners of others (vitest's, which exits) are still counted above.
  for (const signal of exitSignals) process.prependListener(signal, stopOnSignal);
  try {
    run(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', path.join(directory, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, directory, stop };
}

/** Stops the cluster in `directory` if its server runs, and removes the directory. */
function removeCluster(bin: string, directory: string): void {
  const data = path.join(directory, 'data');
  try {
    if (runningServer(data) !== undefined) run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The pid of the server running on `data`, read from its postmaster.pid and checked against the process's command
 * line: a pid the dead server left behind may belong to another process by now (another cluster's server even).
 */
function runningServer(data: string): number | undefined {
  const file = path.join(data, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(data) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A process told apart from a later one given the same pid: its start time in clock ticks since boot (Linux), or
 * null where /proc cannot say.
 */
type ProcessIdentity = { pid: number; startedAt: number | null };

function processIdentity(pid: number): ProcessIdentity {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: count the fields after its closing one.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const startedAt = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return { pid, startedAt: Number.isFinite(startedAt) ? startedAt : null };
  } catch {
    return { pid, startedAt: null };
  }
}

function isAlive(owner: ProcessIdentity): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processIdentity(owner.pid);
  return owner.startedAt === null || now.startedAt === null || now.startedAt === owner.startedAt;
}

/**
 * Stops and removes the clusters whose owner is gone (a run killed before it could stop its own), and the
 * directories of clusters from before owners were recorded whose server no longer runs. A cluster without an owner
 * whose server still runs is left: nothing says whose it is.
 */
function reclaimStaleClusters(bin: string): void {
  for (const name of readdirSync(tmpdir()).filter((entry) => clusterDirectory.test(entry))) {
    const directory = path.join(tmpdir(), name);
    try {
      const owner = readOwner(directory);
      const stale =
        owner === undefined
          ? runningServer(path.join(directory, 'data')) === undefined && Date.now() - statSync(directory).mtimeMs > unownedGraceMs
          : !isAlive(owner);
      if (stale) removeCluster(bin, directory);
    } catch {
      // Another run reclaiming the same directory at the same moment, or one it cannot read: not this run's concern.
    }
  }
}

function readOwner(directory: string): ProcessIdentity | undefined {
  const file = path.join(directory, ownerFile);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ProcessIdentity) : undefined;
}

