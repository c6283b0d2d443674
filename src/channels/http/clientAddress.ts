import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from. Behind `trustedProxies` reverse proxies (TRUST_PROXY), each of which appends the
 * address it received from to X-Forwarded-For, the client is that many entries from the right; anything further
 * left was written by the client and proves nothing. Without trusted proxies the header is ignored.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');
  return forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? peer;
}
