import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { openEmbeddedStores } from '../../src/adapters/embeddedStores.js';
import { startTestServerForThisTest, type TestServer } from './testServer.js';
import { dataDirectoryCipher } from '../helpers/dataDirectoryCipher.js';

/**
 * The assistant starts on the data directory as it finds it: files of the previous release are imported (a
 * confirmed application still waiting in the old outbox is filed), damaged files are kept aside and logged at
 * error level, and /healthz says "degraded" and nothing more while the service goes on answering.
 */

async function dataDirWith(files: Record<string, string>): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gongji-data-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dataDir, name), text);
  return dataDir;
}

function start(dataDir: string): Promise<TestServer> {
  return startTestServerForThisTest({}, { dataDir });
}

async function health(server: TestServer) {
  const response = await fetch(`${server.url}/healthz`);
  return { status: response.status, body: await response.json() };
}

const errorsLogged = (server: TestServer) => server.logs.map((line) => JSON.parse(line) as { level: string; message: string }).filter((entry) => entry.level === 'error');

const waiting = {
  key: 'legacy-session-9',
  sessionId: 'legacy-session',
  request: {
    region: '210200',
    applicant: { name: '王建国', idNumber: '210202196803150310', phone: '13800000001' },
    members: [{ relationship: 'spouse', name: '李秀梅', idNumber: '210202197007220423', phone: '13800000002' }],
  },
  createdAt: '2026-11-29T06:00:00.000Z',
  attempts: 1,
  state: 'pending',
};

describe('starting on the data directory as found', () => {
  it('files an application left pending in the previous release\'s outbox.json, and is healthy', async () => {
    const dataDir = await dataDirWith({ 'outbox.json': JSON.stringify({ entries: [waiting] }) });
    const server = await start(dataDir);
    expect(await health(server)).toEqual({ status: 200, body: { status: 'ok' } });
    await vi.waitFor(() => expect(server.logs.some((line) => line.includes('imported the previous release'))).toBe(true));
    await server.stop();
    const stores = await openEmbeddedStores({ dataDir, now: () => new Date(), cipher: await dataDirectoryCipher(dataDir), onCompactionError: () => undefined });
    onTestFinished(() => stores.close());
    expect(await stores.outbox.get(waiting.key)).toMatchObject({ state: 'filed', result: { type: 'application-filed' } });
  });

  it.each([
    ['a damaged store log', { 'store.log': 'this is not a log line\n' }, 'store.log.damaged-'],
    ['an unreadable sessions.json', { 'sessions.json': '{"sessions": {"a": tru' }, 'sessions.json.unreadable-'],
    ['an unreadable outbox.json', { 'outbox.json': '{"entries": [' }, 'outbox.json.unreadable-'],
    ['an outbox.json with a broken entry', { 'outbox.json': JSON.stringify({ entries: [waiting, { key: 'x' }] }) }, 'outbox.json.invalid-'],
  ])('with %s: keeps it aside, logs an error, answers degraded and goes on serving', async (_kind, files, keptPrefix) => {
    const dataDir = await dataDirWith(files);
    const server = await start(dataDir);
    expect(await health(server)).toEqual({ status: 200, body: { status: 'degraded' } });
    expect(errorsLogged(server).length).toBeGreaterThan(0);
    expect((await readdir(dataDir)).some((name) => name.startsWith(keptPrefix))).toBe(true);
    const answer = await server.post('/api/v1/chat', { text: '家庭共济是什么' });
    expect(answer.status).toBe(200);
  });
});
