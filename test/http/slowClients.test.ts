import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServerForThisTest } from './testServer.js';

const sockets: Socket[] = [];

afterEach(() => {
  sockets.splice(0).forEach((socket) => socket.destroy());
});

async function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  // The server cutting us off mid-write is what these tests wait for.
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  return socket;
}

/** Resolves when the server closes the socket, or with false after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('slow and greedy clients', () => {
  it('cuts a client that trickles its headers, while others are still answered', async () => {
    const server = await startTestServerForThisTest({}, { connectionLimits: { headersTimeoutMs: 600, requestTimeoutMs: 900 } });
    const slow = await open(server.url);
    slow.write('POST /api/v1/chat HTTP/1.1\r\nHost: x\r\n');
    const trickle = setInterval(() => slow.writable && slow.write('X-Slow: 1\r\n'), 100);
    try {
      expect(await closedWithin(slow, 5_000)).toBe(true);
    } finally {
      clearInterval(trickle);
    }
    expect((await server.post('/api/v1/chat', { text: '你好' })).status).toBe(200);
  });

  it('cuts a client that sends the headers and then trickles the body', async () => {
    const server = await startTestServerForThisTest({}, { connectionLimits: { headersTimeoutMs: 600, requestTimeoutMs: 900 } });
    const slow = await open(server.url);
    slow.write('POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"text":"');
    const trickle = setInterval(() => slow.writable && slow.write('好'), 100);
    try {
      expect(await closedWithin(slow, 5_000)).toBe(true);
    } finally {
      clearInterval(trickle);
    }
  });

  it('closes connections from one address past its cap, and accepts again once they are gone', async () => {
    const server = await startTestServerForThisTest({ CONNECTIONS_PER_ADDRESS: '5' });
    const held = await Promise.all(Array.from({ length: 5 }, () => open(server.url)));
    const extra = await open(server.url);
    expect(await closedWithin(extra, 2_000)).toBe(true);
    held.forEach((socket) => socket.destroy());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await server.post('/api/v1/chat', { text: '你好' })).status).toBe(200);
  });
});
