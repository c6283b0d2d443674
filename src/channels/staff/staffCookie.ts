import type { IncomingMessage, ServerResponse } from 'node:http';

export const staffCookieName = 'gj_staff';

/** The staff session token from the Cookie header, if any. */
export function readStaffCookie(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === staffCookieName) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Secure when the request came over HTTPS (directly, or through a proxy Express trusts). */
function isHttps(request: IncomingMessage): boolean {
  return (request as IncomingMessage & { secure?: boolean }).secure === true;
}

/** HttpOnly: scripts never see it; SameSite=Strict: no other site's page sends it; no Max-Age: gone with the browser. */
export function setStaffCookie(request: IncomingMessage, response: ServerResponse, token: string): void {
  const attributes = [`${staffCookieName}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (isHttps(request)) attributes.push('Secure');
  response.setHeader('Set-Cookie', attributes.join('; '));
}

export function clearStaffCookie(request: IncomingMessage, response: ServerResponse): void {
  const attributes = [`${staffCookieName}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0'];
  if (isHttps(request)) attributes.push('Secure');
  response.setHeader('Set-Cookie', attributes.join('; '));
}
