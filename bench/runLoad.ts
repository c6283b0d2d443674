import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { cpuSeconds as cpuOf } from './processCpu.js';

/** autocannon's figures for one run of bench/httpLoad.ts. */
export type LoadResult = { requests: number; perSecond: number; p50: number; p99: number; max: number; non2xx: number; errors: number; timeouts: number };

const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * Runs the load generator (bench/httpLoad.ts) in a process of its own against `url`, and returns its figures with
 * the CPU seconds it used itself (sampled while it runs: ps no longer lists a process that has exited).
 */
export async function runLoad(url: string, seconds: number, connections: number, addresses: 'one' | 'people' = 'one'): Promise<LoadResult & { cpuSeconds: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./httpLoad.ts', import.meta.url)), url, String(seconds), String(connections), addresses], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let cpuSeconds = 0;
  const sampler = setInterval(() => {
    // Gone between two samples: the last one stands.
    cpuSeconds = Math.max(cpuSeconds, cpuOf([child.pid!]));
  }, 250);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(sampler);
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return { ...(JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as LoadResult), cpuSeconds };
}
