import type { ServerResponse } from 'node:http';

/** Which session a response belongs to, for the request log (set by the endpoints, read when the response ends). */
const sessions = new WeakMap<ServerResponse, string>();

export function setResponseSession(response: ServerResponse, sessionId: string | undefined): void {
  if (sessionId !== undefined) sessions.set(response, sessionId);
}

export function responseSession(response: ServerResponse): string | undefined {
  return sessions.get(response);
}
