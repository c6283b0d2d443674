import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster from Debian's `postgresql` package, in a temp directory on a free port: one per
 * test run (test/postgres.globalSetup.ts); each test file gets a database of its own in it.
 * initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` user.
 */
export type TestCluster = { url: string; stop(): void };

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

function run(bin: string, command: string, args: string[]): void {
  const [file, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]] : [path.join(bin, command), args];
  const result = spawnSync(file, fullArgs, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
}

export function startTestCluster(port: number): TestCluster {
  const bin = postgresBinaries();
  if (bin === undefined) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const directory = mkdtempSync(path.join(tmpdir(), 'gongji-pg-'));
  chmodSync(directory, 0o700);
  if (asRoot) {
    const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(directory, id('-u'), id('-g'));
  }
  const data = path.join(directory, 'data');
  run(bin, 'initdb', ['-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  // Durability of a test cluster is not under test (the product keeps synchronous_commit on): fsync off for speed.
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${directory} -c fsync=off -c full_page_writes=off -c max_connections=300`;
  run(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', path.join(directory, 'server.log'), '-w', '-t', '60', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
