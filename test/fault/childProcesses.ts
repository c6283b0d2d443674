import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export type Child = {
  url: string;
  process: ChildProcess;
  /** Everything it printed so far, to explain a failure. */
  output: string[];
  /** Sends the signal and waits until the process is gone. */
  stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
};

/**
 * Runs a TypeScript entry point as its own node process (not through the tsx CLI, whose extra process would
 * survive a SIGKILL sent to it) and waits for the JSON log line that says it is ready.
 */
export async function startChild(entry: string, environment: Record<string, string>, readyMessage: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    // Generous: a start trains the NLU model, and the machine running the tests may be busy.
    const timer = setTimeout(() => reject(new Error(`${entry} not ready in time:\n${output.join('')}`)), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        output.push(`${line}\n`);
        if (!line.startsWith('{')) continue;
        const entryLine = JSON.parse(line) as { message?: string; url?: string };
        if (entryLine.message === readyMessage && entryLine.url !== undefined) {
          clearTimeout(timer);
          resolve(entryLine.url);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready:\n${output.join('')}`));
    });
  });
  return {
    url,
    process: child,
    output,
    async stop(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}

/**
 * An assistant instance as deployed (`npm start`'s entry, a process of its own) in a new data directory of its own;
 * what instances share (a database, secrets) comes in `environment`. Stopping it removes the directory.
 */
export async function startInstance(environment: Record<string, string>): Promise<Child> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gongji-instance-'));
  const remove = () => rm(dataDir, { recursive: true, force: true });
  try {
    const child = await startChild('src/server/main.ts', { ...environment, DATA_DIR: dataDir }, 'ready');
    return { ...child, stop: (signal) => child.stop(signal).finally(remove) };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** The secret the two processes share (they keep their data in different directories, so none is generated). */
export const faultBackendSecret = 'fault-test-backend-secret-0123456789';

export function startStub(port: number, dataDir: string): Promise<Child> {
  return startChild(
    'src/backend-stub/start.ts',
    { BACKEND_PORT: String(port), DATA_DIR: dataDir, BACKEND_SECRET: faultBackendSecret, BACKEND_REVIEW_DELAY_MS: '0', LOG_LEVEL: 'info' },
    'backend stub ready',
  );
}

export function startAssistant(backendUrl: string, dataDir: string): Promise<Child> {
  return startChild(
    'src/server/main.ts',
    { PORT: '0', DATA_DIR: dataDir, START_BACKEND_STUB: 'false', BACKEND_URL: backendUrl, BACKEND_SECRET: faultBackendSecret, RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'info' },
    'ready',
  );
}
