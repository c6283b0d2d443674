import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEmbeddedStores } from '../../src/adapters/embeddedStores.js';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { chinese } from './testServer.js';
import { freePort } from '../helpers/freePort.js';
import { dataDirectoryCipher } from '../helpers/dataDirectoryCipher.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const directories: string[] = [];

afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'gongji-start-'));
  directories.push(directory);
  return directory;
}


/** The server as a child process: node with tsx by default, or the bundle `npm start` runs; signals reach it directly. */
function startMain(environment: Record<string, string>, entry: string[] = ['--import', 'tsx', 'src/server/main.ts']) {
  const child = spawn(process.execPath, entry, {
    cwd: repositoryRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('configuration', () => {
  it('has working defaults', () => {
    const config = parseConfig({});
    expect(config.ok && config.value).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      backendUrl: 'http://127.0.0.1:3001',
      sessionTtlMinutes: 30,
      formRetentionHours: 24,
      corsOrigins: [],
      sessionStore: 'lowdb',
      startBackendStub: true,
    });
  });

  it('derives the back-end URL from BACKEND_PORT and reads lists and switches', () => {
    const config = parseConfig({ BACKEND_PORT: '4001', CORS_ORIGINS: 'https://a.example.cn, https://b.example.cn:8443', START_BACKEND_STUB: 'false', SESSION_STORE: 'Memory' });
    expect(config.ok && config.value).toMatchObject({
      backendUrl: 'http://127.0.0.1:4001',
      corsOrigins: ['https://a.example.cn', 'https://b.example.cn:8443'],
      startBackendStub: false,
      sessionStore: 'memory',
    });
  });

  it('stops the start on wrong values, naming each variable in Chinese and never echoing a secret', async () => {
    const main = startMain({ PORT: 'abc', CORS_ORIGINS: 'https://a.example.cn/path', SESSION_STORE: 'redis', SESSION_SECRET: 'short-secret-value' });
    expect(await main.exited).toBe(1);
    const { stderr } = main.output();
    for (const variable of ['PORT', 'CORS_ORIGINS', 'SESSION_STORE', 'SESSION_SECRET']) {
      expect(stderr.split('\n').find((line) => line.includes(variable))).toMatch(chinese);
    }
    expect(stderr).toContain('"abc"');
    expect(stderr).not.toContain('short-secret-value');
  });
});

describe('start and stop', () => {
  it('refuses to start on broken content and prints every problem as file → path → message', async () => {
    const contentDir = await temporaryDirectory();
    await cp(path.join(repositoryRoot, 'flows'), path.join(contentDir, 'flows'), { recursive: true });
    await cp(path.join(repositoryRoot, 'prompts'), path.join(contentDir, 'prompts'), { recursive: true });
    const web = path.join(contentDir, 'prompts', 'messages', 'web.yaml');
    await writeFile(web, (await readFile(web, 'utf8')).replace(/^ {2}web\.error\.internal:.*$/m, ''));

    const main = startMain({ CONTENT_DIR: contentDir, PORT: String(await freePort()), START_BACKEND_STUB: 'false', DATA_DIR: await temporaryDirectory() });
    expect(await main.exited).toBe(1);
    expect(main.output().stderr).toMatch(/prompts\/messages.*→.*web\.error\.internal/);
  });

  it('starts, answers, and on SIGTERM stops cleanly with the sessions written to disk', async () => {
    const dataDir = await temporaryDirectory();
    const port = await freePort();
    const main = startMain({ PORT: String(port), BACKEND_PORT: String(await freePort()), DATA_DIR: dataDir });
    const url = `http://127.0.0.1:${port}`;
    for (;;) {
      if ((await fetch(`${url}/healthz`).then((response) => response.ok, () => false)) === true) break;
      if (main.child.exitCode !== null) throw new Error(main.output().stderr);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const chat = await fetch(`${url}/api/v1/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: '你好' }) });
    const { sessionId } = (await chat.json()) as { sessionId: string };

    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    const lines = main.output().stdout.trim().split('\n').map((line) => JSON.parse(line) as { message: string });
    expect(lines.map((line) => line.message)).toEqual(expect.arrayContaining(['ready', 'shutting down']));
    const stored = await openEmbeddedStores({ dataDir, now: () => new Date(), cipher: await dataDirectoryCipher(dataDir), onCompactionError: () => undefined });
    expect(await stored.sessions.get(sessionId)).toBeDefined();
    await stored.close();
  });

  it('runs from the bundle `npm start` builds: demo page, widget script and chat all served', async () => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: repositoryRoot, stdio: 'ignore' });
    const port = await freePort();
    const main = startMain({ PORT: String(port), BACKEND_PORT: String(await freePort()), DATA_DIR: await temporaryDirectory() }, ['src/server/main.bundle.mjs']);
    const url = `http://127.0.0.1:${port}`;
    for (;;) {
      if ((await fetch(`${url}/healthz`).then((response) => response.ok, () => false)) === true) break;
      if (main.child.exitCode !== null) throw new Error(main.output().stderr);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await (await fetch(`${url}/`)).text()).toContain('widget.js');
    const widget = await fetch(`${url}/widget.js`);
    expect(widget.status).toBe(200);
    expect((await widget.text()).length).toBeGreaterThan(1000);
    const chat = await fetch(`${url}/api/v1/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: '家庭共济是什么' }) });
    expect(((await chat.json()) as { understanding: { topic: string } }).understanding.topic).toBe('what_is');
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
  });

  it('from the bundle, serves content whose verdict it kept, and checks in full and refuses it once one byte breaks it', async () => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: repositoryRoot, stdio: 'ignore' });
    const contentDir = await temporaryDirectory();
    await cp(path.join(repositoryRoot, 'flows'), path.join(contentDir, 'flows'), { recursive: true });
    await cp(path.join(repositoryRoot, 'prompts'), path.join(contentDir, 'prompts'), { recursive: true });
    // The build kept the verdict on these very files (src/server/contentCheckCache.ts): this start reads it.
    const port = await freePort();
    const main = startMain({ CONTENT_DIR: contentDir, PORT: String(port), START_BACKEND_STUB: 'false', DATA_DIR: await temporaryDirectory() }, ['src/server/main.bundle.mjs']);
    for (;;) {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false)) === true) break;
      if (main.child.exitCode !== null) throw new Error(main.output().stderr);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);

    // One byte: a message id the web API needs is misspelt; the YAML and its schema stay valid.
    const web = path.join(contentDir, 'prompts', 'messages', 'web.yaml');
    const text = await readFile(web, 'utf8');
    expect(text).toMatch(/^ {2}web\.error\.internal:/m);
    await writeFile(web, text.replace(/^ {2}web\.error\.internal:/m, '  web.error.internaI:'));
    const broken = startMain({ CONTENT_DIR: contentDir, PORT: String(await freePort()), START_BACKEND_STUB: 'false', DATA_DIR: await temporaryDirectory() }, ['src/server/main.bundle.mjs']);
    expect(await broken.exited).toBe(1);
    expect(broken.output().stderr).toMatch(/prompts\/messages.*→.*web\.error\.internal/);
  });
});
