import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lockoutFailures } from '../../src/staff/staffAccounts.js';
import { signedInStaff, staffClient } from './staffClient.js';
import { chinese, manualClock, startTestServerForThisTest, type TestServer } from './testServer.js';

const run = promisify(execFile);

async function start(environment: Record<string, string> = {}, clock?: ReturnType<typeof manualClock>): Promise<TestServer> {
  return startTestServerForThisTest({ LOG_LEVEL: 'silent', START_BACKEND_STUB: 'false', ...environment }, clock ? { clock } : {});
}

describe('staff sign-in over HTTP', () => {
  it('answers 401 in Chinese to every staff API while signed out', async () => {
    const server = await start();
    const client = staffClient(server);
    for (const [method, pathname] of [
      ['GET', '/api/v1/agent/whoami'],
      ['GET', '/api/v1/staff/me'],
      ['GET', '/api/v1/staff/accounts'],
      ['POST', '/api/v1/staff/signout'],
    ] as const) {
      const response = await client.request(method, pathname);
      expect(response.status, pathname).toBe(401);
      expect(response.body.error.code).toBe('signed_out');
      expect(response.body.error.message).toMatch(chinese);
    }
  });

  it('signs in with the one-time password into a session that can only change it, then works normally', async () => {
    const server = await start();
    const added = await server.staff.accounts.add('li.na', 'agent', { staffId: 'cli', login: 'test' });
    if (!added.ok) throw new Error('not added');
    const client = staffClient(server);
    const signIn = await client.signIn('li.na', added.oneTimePassword);
    expect(signIn.status).toBe(200);
    expect(signIn.body.staff).toMatchObject({ login: 'li.na', role: 'agent', mustChangePassword: true });
    expect(JSON.stringify(signIn.body)).not.toContain('scrypt');

    const whoami = await client.request('GET', '/api/v1/agent/whoami');
    expect(whoami.body.staff.mustChangePassword).toBe(true);
    const tooShort = await client.request('POST', '/api/v1/staff/password', { current: added.oneTimePassword, next: 'short' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.message).toContain('10');
    const changed = await client.request('POST', '/api/v1/staff/password', { current: added.oneTimePassword, next: 'my-own-password' });
    expect(changed.status).toBe(200);
    expect((await client.request('GET', '/api/v1/agent/whoami')).body.staff.mustChangePassword).toBe(false);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, and clears it on sign-out', async () => {
    const server = await start();
    const client = await signedInStaff(server, 'li.na', 'agent');
    const response = await fetch(`${server.url}/api/v1/staff/signin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'li.na', password: 'li.na-password-1' }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^gj_staff=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect((await client.request('POST', '/api/v1/staff/signout')).status).toBe(204);
    expect((await client.request('GET', '/api/v1/agent/whoami')).status).toBe(401);
  });

  it('refuses a wrong password, and locks the account after repeated failures even for the right one', async () => {
    const server = await start();
    await signedInStaff(server, 'li.na', 'agent');
    const guesser = staffClient(server);
    for (let attempt = 1; attempt < lockoutFailures; attempt += 1) {
      const wrong = await guesser.signIn('li.na', 'guess');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toMatch(chinese);
    }
    const locked = await guesser.signIn('li.na', 'guess');
    expect(locked.status).toBe(423);
    expect(locked.body.error.message).toContain('15 分钟');
    expect((await staffClient(server).signIn('li.na', 'li.na-password-1')).status).toBe(423);
  });

  it('refuses a state-changing request without the session CSRF token, or with another session’s', async () => {
    const server = await start();
    const first = await signedInStaff(server, 'li.na', 'agent');
    const second = await signedInStaff(server, 'wang.fang', 'agent');
    const missing = await first.request('POST', '/api/v1/staff/signout', undefined, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('csrf');
    const foreign = await first.request('POST', '/api/v1/staff/signout', undefined, { csrf: false, headers: { 'X-CSRF-Token': second.csrfToken ?? '' } });
    expect(foreign.status).toBe(403);
    expect((await first.request('GET', '/api/v1/agent/whoami')).status).toBe(200);
  });

  it('refuses a sign-in posted from another site’s page', async () => {
    const server = await start();
    await signedInStaff(server, 'li.na', 'agent');
    const response = await staffClient(server).request('POST', '/api/v1/staff/signin', { login: 'li.na', password: 'li.na-password-1' }, { headers: { Origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
  });

  it('signs a member out after STAFF_SESSION_IDLE_MINUTES without a request, and not before', async () => {
    const clock = manualClock();
    const server = await start({ STAFF_SESSION_IDLE_MINUTES: '5' }, clock);
    const client = await signedInStaff(server, 'li.na', 'agent');
    clock.advance(4 * 60_000);
    expect((await client.request('GET', '/api/v1/agent/whoami')).status).toBe(200);
    clock.advance(4 * 60_000);
    expect((await client.request('GET', '/api/v1/agent/whoami')).status).toBe(200);
    clock.advance(5 * 60_000 + 1);
    expect((await client.request('GET', '/api/v1/agent/whoami')).status).toBe(401);
  });

  it('limits requests per account, so one busy agent never throttles a colleague behind the same address', async () => {
    const server = await start({ STAFF_RATE_LIMIT_PER_MINUTE: '8' });
    const busy = await signedInStaff(server, 'li.na', 'agent');
    const colleague = await signedInStaff(server, 'wang.fang', 'agent');
    const statuses: number[] = [];
    for (let request = 0; request < 10; request += 1) statuses.push((await busy.request('GET', '/api/v1/agent/whoami')).status);
    expect(statuses).toContain(429);
    expect((await colleague.request('GET', '/api/v1/agent/whoami')).status).toBe(200);
    const limited = await busy.request('GET', '/api/v1/agent/whoami');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.error.message).toMatch(chinese);
  });
});

describe('staff administration over HTTP', () => {
  it('lets an admin add, reset and disable accounts; an agent gets 403 on every one of them', async () => {
    const server = await start();
    const admin = await signedInStaff(server, 'admin', 'admin');
    const agent = await signedInStaff(server, 'li.na', 'agent');
    for (const [method, pathname, body] of [
      ['GET', '/api/v1/staff/accounts', undefined],
      ['POST', '/api/v1/staff/accounts', { login: 'zhao.lei', role: 'agent' }],
      ['POST', '/api/v1/staff/accounts/admin/reset', undefined],
      ['POST', '/api/v1/staff/accounts/admin/disable', undefined],
    ] as const) {
      const response = await agent.request(method, pathname, body);
      expect(response.status, pathname).toBe(403);
      expect(response.body.error.code).toBe('forbidden');
    }
    const added = await admin.request('POST', '/api/v1/staff/accounts', { login: 'zhao.lei', role: 'editor' });
    expect(added.status).toBe(201);
    expect((await staffClient(server).signIn('zhao.lei', added.body.oneTimePassword)).status).toBe(200);
    expect((await admin.request('POST', '/api/v1/staff/accounts', { login: 'zhao.lei', role: 'agent' })).status).toBe(409);

    const disabled = await admin.request('POST', '/api/v1/staff/accounts/li.na/disable');
    expect(disabled.body.account.disabled).toBe(true);
    // The agent's open session ends with the account.
    expect((await agent.request('GET', '/api/v1/agent/whoami')).status).toBe(401);
    expect((await admin.request('GET', '/api/v1/staff/accounts')).body.accounts.map((account: { login: string }) => account.login).sort()).toEqual(['admin', 'li.na', 'zhao.lei']);

    const audit = await server.staff.audit.list({ staffId: admin.id });
    expect(audit.map((entry) => entry.action)).toEqual(['staff.signin', 'staff.password.changed', 'staff.account.added', 'staff.account.disabled']);
    expect(audit.find((entry) => entry.action === 'staff.account.disabled')?.detail['login']).toBe('li.na');
  });

  it('lets an account added with `npm run staff` while the server runs sign in at once, and keeps it', async () => {
    const server = await start();
    const agent = await signedInStaff(server, 'li.na', 'agent');
    const { stdout } = await run('npm', ['run', '--silent', 'staff', '--', 'add', 'Zhou.Min', '--role', 'agent'], {
      env: { ...process.env, DATA_DIR: server.dataDir },
    });
    const password = /一次性密码：(\S+)/.exec(stdout)?.[1];
    expect(password).toBeDefined();
    const newcomer = staffClient(server);
    expect((await newcomer.signIn('zhou.min', password ?? '')).status).toBe(200);
    // The running server writes the staff file (a failed sign-in of another account) and must keep the new one.
    await staffClient(server).signIn('li.na', 'wrong');
    await agent.request('POST', '/api/v1/staff/signout');
    const { stdout: listed } = await run('npm', ['run', '--silent', 'staff', '--', 'list'], { env: { ...process.env, DATA_DIR: server.dataDir } });
    expect(listed).toContain('zhou.min\tagent');
    expect(listed).toContain('li.na\tagent');
    const audit = await server.staff.audit.list({ action: 'staff.account.added' });
    expect(audit.at(-1)).toMatchObject({ staffId: 'cli', detail: { login: 'zhou.min' } });
  }, 30_000);
});
