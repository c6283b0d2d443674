import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAvailability } from './testCluster.js';

/**
 * The harness's own promise: a test run that is stopped, or killed by a timeout, leaves no PostgreSQL cluster
 * running on the machine. A stopped run stops its cluster; what a killed one left is stopped by the next start.
 */
const availability = postgresAvailability();
const root = fileURLToPath(new URL('../../', import.meta.url));
const owners: ChildProcess[] = [];

afterEach(() => {
  for (const owner of owners.splice(0)) if (owner.exitCode === null && owner.signalCode === null) owner.kill('SIGKILL');
});

/** A process of its own (not through the tsx CLI, whose extra process would outlive a SIGKILL) that starts a cluster. */
async function clusterOwner(): Promise<{ owner: ChildProcess; url: string; directory: string }> {
  const owner = spawn(process.execPath, ['--import', 'tsx', 'test/postgres/clusterOwner.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  owners.push(owner);
  let output = '';
  owner.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    owner.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.slice(0, output.indexOf('\n')));
    });
    owner.once('exit', (code, signal) => reject(new Error(`the cluster's owner exited (${code ?? signal}) before its cluster ran:\n${output}`)));
  });
  return { owner, ...(JSON.parse(line) as { url: string; directory: string }) };
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function kill(owner: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exited = once(owner, 'exit');
  owner.kill(signal);
  await exited;
}

describe.skipIf(!availability.available)('test PostgreSQL clusters', () => {
  it('a run killed outright leaves its cluster to the next start, which stops it; a run told to stop stops its own', async () => {
    const killed = await clusterOwner();
    expect(await accepts(killed.url)).toBe(true);
    await kill(killed.owner, 'SIGKILL');
    // Nothing of the killed run could stop it.
    expect(await accepts(killed.url)).toBe(true);

    const next = await clusterOwner();
    expect(await accepts(killed.url)).toBe(false);
    expect(existsSync(killed.directory)).toBe(false);
    expect(await accepts(next.url)).toBe(true);

    await kill(next.owner, 'SIGTERM');
    expect(next.owner.signalCode).toBe('SIGTERM');
    expect(await accepts(next.url)).toBe(false);
    expect(existsSync(next.directory)).toBe(false);
  }, 120_000);
});
