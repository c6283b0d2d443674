import type { StaffRole } from '../../src/ports/staffStore.js';
import type { TestServer } from './testServer.js';

/** A staff member's browser as far as the API sees it: the session cookie and the CSRF token it was given. */
export type StaffClient = {
  cookie: string | undefined;
  csrfToken: string | undefined;
  request(method: string, pathname: string, body?: unknown, options?: { csrf?: boolean; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any }>;
  signIn(login: string, password: string): Promise<{ status: number; body: any }>;
};

export function staffClient(server: { url: string }): StaffClient {
  const client: StaffClient = {
    cookie: undefined,
    csrfToken: undefined,
    async request(method, pathname, body, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (client.cookie !== undefined) headers['Cookie'] = client.cookie;
      if (options.csrf !== false && client.csrfToken !== undefined && method !== 'GET') headers['X-CSRF-Token'] = client.csrfToken;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(`${server.url}${pathname}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const setCookie = response.headers.get('set-cookie');
      if (setCookie !== null) {
        const pair = setCookie.split(';')[0] ?? '';
        client.cookie = pair.endsWith('=') ? undefined : pair;
      }
      const text = await response.text();
      const parsed = text === '' ? undefined : JSON.parse(text);
      if (parsed?.csrfToken !== undefined) client.csrfToken = parsed.csrfToken;
      return { status: response.status, headers: response.headers, body: parsed };
    },
    signIn: (login, password) => client.request('POST', '/api/v1/staff/signin', { login, password }),
  };
  return client;
}

/** An account made in process, signed in and past its first password change: a staff member ready to work. */
export async function signedInStaff(server: TestServer, login: string, role: StaffRole, password = `${login}-password-1`): Promise<StaffClient & { id: string }> {
  const added = await server.staff.accounts.add(login, role, { staffId: 'cli', login: 'test' });
  if (!added.ok) throw new Error(`could not add ${login}: ${added.reason}`);
  const client = staffClient(server);
  await client.signIn(login, added.oneTimePassword);
  const changed = await client.request('POST', '/api/v1/staff/password', { current: added.oneTimePassword, next: password });
  if (changed.status !== 200) throw new Error(`password change failed: ${JSON.stringify(changed.body)}`);
  return Object.assign(client, { id: added.account.id });
}
