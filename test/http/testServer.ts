import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { parseConfig } from '../../src/config/config.js';
import type { Clock } from '../../src/ports/clock.js';
import { startServer, type RunningServer, type StartOptions } from '../../src/server/main.js';

/** The real server (engine, content, lowdb, back-end stub) on free ports with a temp DATA_DIR, logs collected. */
export type TestServer = RunningServer & {
  dataDir: string;
  logs: string[];
  post(pathname: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
  /** Stops the server; the data directory is kept for a restart until `remove()`. */
  stop(): Promise<void>;
  remove(): Promise<void>;
};

export async function startTestServer(
  environment: Record<string, string> = {},
  options: StartOptions & { dataDir?: string } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'gongji-http-')));
  const config = parseConfig({
    PORT: '0',
    BACKEND_PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...environment,
  });
  if (!config.ok) throw new Error(JSON.stringify(config.problems));
  const logs: string[] = [];
  const running = await startServer(config.value, { writeLog: (line) => logs.push(line), ...options });
  const post: TestServer['post'] = async (pathname, body, headers = {}) => {
    const response = await fetch(`${running.url}${pathname}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
  };
  return {
    ...running,
    dataDir,
    logs,
    post,
    stop: () => running.close(),
    remove: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/**
 * The real server for the tests of this file, or of the describe block it is called in: started before them (a
 * `beforeAll` of the file registered after this call already finds it running), stopped and its data directory
 * removed after them. What it returns stands for the running server.
 */
export function useTestServer(environment: Record<string, string> = {}, options: StartOptions = {}): TestServer {
  let running: TestServer | undefined;
  beforeAll(async () => {
    running = await startTestServer(environment, options);
  });
  afterAll(async () => {
    await running?.stop();
    await running?.remove();
  });
  return new Proxy({} as TestServer, {
    get: (_target, key) => {
      if (running === undefined) throw new Error('useTestServer: the server is started before the tests; use it in a hook or a test');
      return Reflect.get(running, key);
    },
  });
}

/**
 * The real server for the running test alone: stopped when the test finishes, and its data directory removed unless
 * the test gave its own (to start again on it, and remove it itself).
 */
export async function startTestServerForThisTest(environment: Record<string, string> = {}, options: StartOptions & { dataDir?: string } = {}): Promise<TestServer> {
  let running: TestServer | undefined;
  onTestFinished(async () => {
    await running?.stop();
    if (options.dataDir === undefined) await running?.remove();
  });
  running = await startTestServer(environment, options);
  return running;
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date()): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

/** Any Chinese characters: every error people see is worded in Chinese. */
export const chinese = /[\u4e00-\u9fff]/;

/** Frames a websocket client received, with a way to wait for the ones a test expects. */
export type SocketClient = {
  socket: WebSocket;
  frames: any[];
  send(frame: unknown): void;
  waitFor(predicate: (frames: any[]) => boolean): Promise<any[]>;
  close(): Promise<void>;
};

export async function connectSocket(url: string, token: string): Promise<SocketClient> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
  const frames: any[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    frames.push(JSON.parse(data.toString()));
    for (const waiter of waiters) waiter();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
  });
  return {
    socket,
    frames,
    send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    waitFor: (predicate) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (!predicate(frames)) return;
          waiters.delete(check);
          resolve(frames);
        };
        waiters.add(check);
        socket.once('close', () => (predicate(frames) ? resolve(frames) : reject(new Error(`socket closed; frames: ${JSON.stringify(frames)}`))));
        check();
      }),
    close: async () => {
      if (socket.readyState === WebSocket.CLOSED) return;
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.close();
      await closed;
    },
  };
}

/** The upgrade's HTTP status when the server refuses it (or 101 when it accepts). */
export function upgradeStatus(url: string, query: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws${query}`, { headers });
    socket.once('open', () => {
      socket.close();
      resolve({ status: 101, body: '' });
    });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.once('error', () => undefined);
  });
}
