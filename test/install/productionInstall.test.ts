import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/freePort.js';

/**
 * What an operator does on a fresh machine: a copy of the repository's files (as a clone would have them), a
 * production install without dev dependencies, `npm start`, and a stop with SIGTERM sent to the npm process.
 */
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
let workspace: string;
let checkout: string;

function isAlive(processGroup: number): boolean {
  try {
    process.kill(-processGroup, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'gongji-install-'));
  checkout = path.join(workspace, 'main');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repositoryRoot, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '');
  for (const file of files) {
    mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true });
    try {
      cpSync(path.join(repositoryRoot, file), path.join(checkout, file));
    } catch {
      // A file deleted in the work tree but still in the index: a clone of the next commit would not have it either.
    }
  }
  // The README's evaluation and a few checks read ../shared beside the repository, as in CI.
  symlinkSync(path.resolve(repositoryRoot, '../shared'), path.join(workspace, 'shared'));
  execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: checkout, stdio: 'ignore' });
}, 240_000);

// A whole production install is thousands of files: removing them takes a while on a busy machine.
afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
}, 180_000);

describe('a production install', () => {
  it('leaves the lockfile as committed', () => {
    expect(readFileSync(path.join(checkout, 'package-lock.json'), 'utf8')).toBe(readFileSync(path.join(repositoryRoot, 'package-lock.json'), 'utf8'));
  });

  it('starts with `npm start` without dev dependencies, serves /healthz and the widget, and stops on SIGTERM leaving no process', async () => {
    const port = await freePort();
    const backendPort = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: checkout,
      // Its own process group: afterwards the group must be empty, so no server outlives npm.
      detached: true,
      env: { ...process.env, PORT: String(port), BACKEND_PORT: String(backendPort), DATA_DIR: path.join(workspace, 'data'), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(npm, 'exit');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => (response.ok ? response.json() : undefined), () => undefined);
      if (health !== undefined) {
        expect(health).toEqual({ status: 'ok' });
        break;
      }
      if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not get ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const widget = await fetch(`http://127.0.0.1:${port}/widget.js`);
    expect(widget.status).toBe(200);
    expect(await widget.text()).toContain('WIDGET_MESSAGES');

    npm.kill('SIGTERM');
    await exited;
    const stopDeadline = Date.now() + 10_000;
    while (isAlive(npm.pid!) && Date.now() < stopDeadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const orphaned = isAlive(npm.pid!);
    if (orphaned) process.kill(-npm.pid!, 'SIGKILL');
    expect(orphaned, output).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 120_000);

  it('says in one line that the port is taken when a second copy starts', async () => {
    const port = await freePort();
    const blocker = (await import('node:net')).createServer().listen(port, '127.0.0.1');
    await once(blocker, 'listening');
    try {
      const run = spawn('npm', ['start', '--silent'], {
        cwd: checkout,
        env: { ...process.env, PORT: String(port), BACKEND_PORT: String(await freePort()), DATA_DIR: path.join(workspace, 'data-busy'), LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = await once(run, 'exit');
      expect(code).not.toBe(0);
      const lines = stderr.trim().split('\n').filter((line) => line.includes('启动失败'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`端口 ${port}`);
      expect(lines[0]).toContain('PORT');
      expect(stderr).not.toContain('    at ');
    } finally {
      blocker.close();
    }
  }, 60_000);
});
