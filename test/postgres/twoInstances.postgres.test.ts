import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startChild, startInstance, type Child } from '../fault/childProcesses.js';
import { freePort } from '../helpers/freePort.js';
import { connectSocket, startTestServer, type TestServer } from '../http/testServer.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase, sharedBackendSecret, sharedByInstances } from './testDatabase.js';

const availability = postgresAvailability();

/** What a person types, one answer a turn, to bind their mother in 大连. */
const binding = ['我要绑定', '张伟', '21020219850612123X', '13812345678', '我妈', '李秀英', '21020219580304242X', '13912345678', '不用了，下一步', '同意', '确认提交'];

describe.skipIf(!availability.available)('two instances on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    const shared = { ...sharedByInstances(database.url), BACKEND_REVIEW_DELAY_MS: '0' };
    first = await startTestServer(shared);
    // One back end for both, as in a real deployment: the second instance files with the first one's stub.
    second = await startTestServer({ ...shared, START_BACKEND_STUB: 'false', BACKEND_URL: first.backendUrl });
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await Promise.all([first?.remove(), second?.remove()]);
    await database?.drop();
  });

  it('continues one conversation turn by turn on alternating instances and files the binding once', async () => {
    let sessionId: string | undefined;
    let last: any;
    for (const [index, text] of binding.entries()) {
      const instance = index % 2 === 0 ? first : second;
      const response = await instance.post('/api/v1/chat', { ...(sessionId ? { sessionId } : {}), text, region: '210200' });
      expect(response.status, text).toBe(200);
      sessionId = response.body.sessionId;
      last = response.body;
    }
    expect(last.form.status).toBe('submitted');
    expect(last.form.applicationId).toEqual(expect.any(String));
    expect(last.replies.map((reply: { text: string }) => reply.text).join('')).toMatch(/授权记录编号.*GJ/);
    // Asked again on the other instance, the conversation knows its record number and files nothing new.
    const again = await second.post('/api/v1/chat', { sessionId, text: '提交了吗' });
    expect(again.body.form.applicationId).toBe(last.form.applicationId);
  });
});

describe.skipIf(!availability.available)('allowances shared by instances on one database', () => {
  it('counts a client\'s requests on every instance together', async () => {
    const database = await createTestDatabase();
    const environment = { ...sharedByInstances(database.url), RATE_LIMIT_PER_MINUTE: '3' };
    const one = await startTestServer(environment);
    const other = await startTestServer({ ...environment, START_BACKEND_STUB: 'false', BACKEND_URL: one.backendUrl });
    try {
      const statuses = [];
      for (const instance of [one, other, one, other]) statuses.push((await instance.post('/api/v1/chat', { text: '你好' })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await Promise.all([one.stop(), other.stop()]);
      await Promise.all([one.remove(), other.remove()]);
      await database.drop();
    }
  });
});

/**
 * Instances as separate processes, as deployed (two servers in one process would share Botkit's socket registry):
 * turn order across them, and late messages to a socket held by the other one.
 */
describe.skipIf(!availability.available)('instances coordinating through the database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: Child;
  let second: Child;
  let stub: Child | undefined;
  let backendPort: number;
  const directories: string[] = [];

  const post = async (instance: Child, pathname: string, body: unknown): Promise<any> =>
    (await fetch(`${instance.url}${pathname}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();

  beforeAll(async () => {
    database = await createTestDatabase();
    backendPort = await freePort();
    const environment = {
      ...sharedByInstances(database.url),
      PORT: '0',
      START_BACKEND_STUB: 'false',
      // The back end is down at first; both instances file with it once it is up.
      BACKEND_URL: `http://127.0.0.1:${backendPort}`,
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'info',
    };
    [first, second] = await Promise.all([startInstance(environment), startInstance(environment)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([first?.stop('SIGTERM'), second?.stop('SIGTERM'), stub?.stop('SIGTERM')]);
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
    await database?.drop();
  });

  it('keeps the turns of one conversation in order when its messages reach both instances at once', async () => {
    const { token } = await post(first, '/api/v1/session', { region: '210200' });
    const [onFirst, onSecond] = await Promise.all([connectSocket(first.url, token), connectSocket(second.url, token)]);
    try {
      const questions = ['家庭共济是什么', '能绑定谁', '要什么材料', '多久生效'];
      questions.forEach((text, index) => {
        onFirst.send({ type: 'message', text, clientMessageId: `a${index}` });
        onSecond.send({ type: 'message', text, clientMessageId: `b${index}` });
      });
      const answered = (frames: any[], prefix: string) => new Set(frames.filter((frame) => frame.type === 'message' && String(frame.replyTo).startsWith(prefix)).map((frame) => frame.replyTo)).size;
      await Promise.all([onFirst.waitFor((frames) => answered(frames, 'a') === 4), onSecond.waitFor((frames) => answered(frames, 'b') === 4)]);
      // Turns that interleaved would have read the same version of the conversation and numbered their replies alike.
      const seqs = [...onFirst.frames, ...onSecond.frames].filter((frame) => frame.type === 'message' && frame.replyTo !== undefined).map((frame) => frame.seq);
      expect(seqs).toHaveLength(new Set(seqs).size);
    } finally {
      await Promise.all([onFirst.close(), onSecond.close()]);
    }
  });

  it('brings a late record number to the socket the person holds on the other instance', async () => {
    const { sessionId, token } = await post(first, '/api/v1/session', { region: '210200' });
    let last: any;
    for (const text of binding) last = await post(first, '/api/v1/chat', { sessionId, text });
    expect(last.form.status).toBe('queued');
    // The person reloads the page and lands on the other instance; then the back end comes up.
    const socket = await connectSocket(second.url, token);
    try {
      const directory = await mkdtemp(path.join(tmpdir(), 'gongji-stub-'));
      directories.push(directory);
      stub = await startChild(
        'src/backend-stub/start.ts',
        { BACKEND_PORT: String(backendPort), DATA_DIR: directory, BACKEND_REVIEW_DELAY_MS: '0', BACKEND_SECRET: sharedBackendSecret, LOG_LEVEL: 'info' },
        'backend stub ready',
      );
      const recordNumber = (frame: any) => frame.type === 'message' && /授权记录编号/.test(frame.text);
      const frames = await socket.waitFor((received) => received.some(recordNumber));
      expect(frames.filter(recordNumber)).toHaveLength(1);
    } finally {
      await socket.close();
    }
  }, 60_000);
});
