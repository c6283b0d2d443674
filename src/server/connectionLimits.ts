import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A slow or greedy client must not hold the server's connections: the headers must arrive within
 * `headersTimeoutMs`, the whole request (body included) within `requestTimeoutMs`, and one address may keep at
 * most `perAddress` connections open at once (more are closed as they arrive). Behind a reverse proxy every client
 * shares the proxy's address: raise the cap there and let the proxy cap its clients.
 */
export type ConnectionLimits = { headersTimeoutMs: number; requestTimeoutMs: number; perAddress: number };

export const defaultConnectionLimits: Omit<ConnectionLimits, 'perAddress'> = {
  headersTimeoutMs: 10_000,
  // A chat turn's body is at most 8 KB: a request still unread after this long is being trickled on purpose.
  requestTimeoutMs: 15_000,
};

export function createLimitedServer(listener: RequestListener, limits: ConnectionLimits, onRefused: (address: string) => void): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks the two timeouts on this interval (30 s by default, which would let a slow client stay far longer).
      connectionsCheckingInterval: Math.max(250, Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4),
    },
    listener,
  );
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= limits.perAddress) {
      socket.destroy();
      onRefused(address);
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
  return server;
}
