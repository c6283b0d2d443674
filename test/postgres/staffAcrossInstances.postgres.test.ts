import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresAuditLog } from '../../src/adapters/postgresAuditLog.js';
import { migrate } from '../../src/adapters/postgresMigrations.js';
import { createPostgresStaffStore } from '../../src/adapters/postgresStaffStore.js';
import { randomIds } from '../../src/adapters/randomIds.js';
import { systemClock } from '../../src/adapters/systemClock.js';
import type { StaffRole } from '../../src/ports/staffStore.js';
import { createStaffAccounts } from '../../src/staff/staffAccounts.js';
import { startInstance, type Child } from '../fault/childProcesses.js';
import { faqEntryInFile } from '../helpers/faqEntryInFile.js';
import { freePort } from '../helpers/freePort.js';
import { openAgentStream } from '../http/agentStream.js';
import { staffClient, type StaffClient } from '../http/staffClient.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase, sharedByInstances } from './testDatabase.js';

const availability = postgresAvailability();

// The answer the test changes, as the content has it today.
const { file: faqFile, question, firstAnswerLine: oldWords, rewordedLine: newWords } = faqEntryInFile('flows/faq/what_is.yaml', 'what-is-family-mutual-aid');

/**
 * Staff work on whichever instance their browser reaches: two server processes on one database, as deployed. The
 * periodic content sync is set to an hour, so a publish can only reach the other instance through NOTIFY.
 */
describe.skipIf(!availability.available)('staff on two instances sharing one database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  let first: Child;
  let second: Child;

  /** An account made as `npm run staff add` makes it (straight into the database), signed in on `instance` and past its first password change. */
  const signedIn = async (instance: Child, login: string, role: StaffRole): Promise<StaffClient & { id: string }> => {
    const accounts = createStaffAccounts({ store: createPostgresStaffStore(pool), audit: createPostgresAuditLog(pool), clock: systemClock, ids: randomIds });
    const added = await accounts.add(login, role, { staffId: 'cli', login: 'test' });
    if (!added.ok) throw new Error(`could not add ${login}: ${added.reason}`);
    const client = staffClient(instance);
    expect((await client.signIn(login, added.oneTimePassword)).status).toBe(200);
    const changed = await client.request('POST', '/api/v1/staff/password', { current: added.oneTimePassword, next: `${login}-password-1` });
    expect(changed.status).toBe(200);
    return Object.assign(client, { id: added.account.id });
  };
  /** The same browser (cookie and CSRF token) talking to another instance, as after a load balancer's switch. */
  const on = (instance: Child, client: StaffClient): StaffClient => Object.assign(staffClient(instance), { cookie: client.cookie, csrfToken: client.csrfToken });
  const chat = async (instance: Child, body: unknown): Promise<any> =>
    (await fetch(`${instance.url}/api/v1/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    await migrate(pool);
    const environment = {
      ...sharedByInstances(database.url),
      PORT: '0',
      START_BACKEND_STUB: 'false',
      BACKEND_URL: `http://127.0.0.1:${await freePort()}`,
      AGENT_HOURS: 'Mon-Sun 00:00-24:00',
      CONTENT_SYNC_SECONDS: '3600',
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'info',
    };
    [first, second] = await Promise.all([startInstance(environment), startInstance(environment)]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([first?.stop('SIGTERM'), second?.stop('SIGTERM')]);
    await pool?.end();
    await database?.drop();
  });

  it('keeps a staff member signed in on the other instance, and signing out there ends the session on both', async () => {
    const zhao = await signedIn(first, 'zhao.lei', 'agent');
    const elsewhere = on(second, zhao);
    expect((await elsewhere.request('GET', '/api/v1/staff/me')).body.staff.login).toBe('zhao.lei');
    // The CSRF token given by one instance is good on the other.
    expect((await elsewhere.request('POST', '/api/v1/agent/handoffs/presence', { present: true })).status).toBe(200);
    expect((await elsewhere.request('POST', '/api/v1/staff/signout')).status).toBe(204);
    expect((await zhao.request('GET', '/api/v1/staff/me')).status).toBe(401);
  });

  it('lets exactly one of two agents on different instances claim a person waiting for an agent, every time', async () => {
    const [li, wang] = await Promise.all([signedIn(first, 'li.na', 'agent'), signedIn(second, 'wang.fang', 'agent')]);
    // Both consoles are open: each agent is present, seen by the instance the person talks to.
    await Promise.all([li.request('GET', '/api/v1/agent/handoffs'), wang.request('GET', '/api/v1/agent/handoffs')]);
    for (let round = 0; round < 5; round += 1) {
      const person = round % 2 === 0 ? first : second;
      const { sessionId } = await chat(person, { text: '你好', region: '210200' });
      const asked = await chat(person, { sessionId, text: '转人工' });
      expect(asked.replies.at(-1).text).toContain('第 1 位');
      // The queue each agent sees on their own instance holds the person.
      for (const agent of [li, wang]) {
        const queue = (await agent.request('GET', '/api/v1/agent/handoffs')).body;
        expect(queue.waiting.map((entry: { conversationId: string }) => entry.conversationId)).toContain(sessionId);
      }
      const claims = await Promise.all([li.request('POST', `/api/v1/agent/handoffs/${sessionId}/claim`), wang.request('POST', `/api/v1/agent/handoffs/${sessionId}/claim`)]);
      expect(claims.map((claim) => claim.status).sort(), `round ${round}`).toEqual([200, 409]);
      const holder = claims[0]!.status === 200 ? li : wang;
      const loser = holder === li ? wang : li;
      expect((await loser.request('GET', `/api/v1/agent/handoffs/${sessionId}`)).status).toBe(409);
      expect((await holder.request('POST', `/api/v1/agent/handoffs/${sessionId}/handback`)).status).toBe(200);
    }
  });

  it('shows an agent on one instance the person who asks on the other, and then that person’s words, live', async () => {
    const sun = await signedIn(first, 'sun.li', 'agent');
    const stream = await openAgentStream(first, sun);
    try {
      expect(stream.status).toBe(200);
      const { sessionId } = await chat(second, { text: '你好', region: '210200' });
      await chat(second, { sessionId, text: '转人工' });
      await stream.waitFor((events) => events.some((event) => event.event === 'change' && event.data.kind === 'enqueued' && event.data.conversationId === sessionId));
      expect((await sun.request('POST', `/api/v1/agent/handoffs/${sessionId}/claim`)).status).toBe(200);
      await chat(second, { sessionId, text: '我想问问我妈能不能绑' });
      // The person's words, said on the other instance, reach the stream (after the notice that the agent joined).
      await stream.waitFor((received) => received.some((event) => event.event === 'message' && event.data.conversationId === sessionId && event.data.message.text === '我想问问我妈能不能绑'));
      expect((await sun.request('POST', `/api/v1/agent/handoffs/${sessionId}/handback`)).status).toBe(200);
    } finally {
      stream.close();
    }
  });

  it('serves a version published on one instance from the other at once', async () => {
    const [editor, approver] = await Promise.all([signedIn(first, 'chen.jing', 'editor'), signedIn(second, 'zhou.min', 'approver')]);
    expect(JSON.stringify((await chat(second, { text: question })).replies)).toContain(oldWords);
    const created = await editor.request('POST', '/api/v1/editor/drafts', {});
    expect(created.status).toBe(201);
    const number = created.body.version.number as number;
    const version = await editor.request('GET', `/api/v1/editor/versions/${number}`);
    const text = (version.body.files as { path: string; text: string }[]).find((file) => file.path === faqFile)!.text;
    expect((await editor.request('PUT', `/api/v1/editor/versions/${number}/files`, { path: faqFile, text: text.replace(oldWords, newWords) })).status).toBe(200);
    expect((await editor.request('POST', `/api/v1/editor/versions/${number}/submit`, { message: '说得更白' })).status).toBe(200);
    // Approved (and so published) on the other instance than the one that drafted it.
    expect((await approver.request('POST', `/api/v1/editor/versions/${number}/approve`, {})).status).toBe(200);
    for (const instance of [second, first]) {
      let said = '';
      for (let attempt = 0; attempt < 50 && !said.includes(newWords); attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        said = JSON.stringify((await chat(instance, { text: question })).replies);
      }
      expect(said, instance === first ? 'the drafting instance' : 'the approving instance').toContain(newWords);
    }
  });
});
