import { signal } from '@preact/signals';

export type StaffMember = { id: string; login: string; role: string; mustChangePassword: boolean };
export type ApiAnswer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; code: string; message: string; body: Record<string, unknown> };

/** Who is signed in: undefined while loading, null when signed out, 'forbidden' for staff without the console's role. */
export const staff = signal<StaffMember | null | 'forbidden' | undefined>(undefined);
let csrfToken = '';

/** JSON over fetch with the session cookie and, on anything that changes state, the CSRF token. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch {
    return { ok: false, status: 0, code: 'network', message: '', body: {} };
  }
  const text = await response.text();
  const parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  if (typeof parsed['csrfToken'] === 'string') csrfToken = parsed['csrfToken'];
  if (response.status === 401) staff.value = null;
  if (!response.ok) {
    const error = (parsed['error'] ?? {}) as { code?: string; message?: string };
    return { ok: false, status: response.status, code: error.code ?? 'error', message: error.message ?? '', body: (parsed['error'] ?? {}) as Record<string, unknown> };
  }
  return { ok: true, status: response.status, body: parsed as T };
}

export async function loadStaff(whoamiPath: string): Promise<void> {
  const answer = await api<{ staff: StaffMember }>('GET', whoamiPath);
  if (answer.ok) staff.value = answer.body.staff;
  else staff.value = answer.status === 403 ? 'forbidden' : null;
}

export async function signOut(): Promise<void> {
  await api('POST', '/api/v1/staff/signout');
  staff.value = null;
}
