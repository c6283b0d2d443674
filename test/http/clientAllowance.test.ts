import { describe, expect, it } from 'vitest';
import { chinese, connectSocket, startTestServerForThisTest, type TestServer } from './testServer.js';

/**
 * Each client has an allowance of chat requests and websocket messages per minute. Behind a trusted reverse proxy
 * (TRUST_PROXY) the client is told apart by X-Forwarded-For; without that trust the header changes nothing.
 */
const chatFrom = (server: TestServer, forwardedFor: string) => server.post('/api/v1/chat', { text: '你好' }, { 'X-Forwarded-For': forwardedFor });

describe('client allowances', () => {
  it('behind a trusted proxy, gives each client its own allowance', async () => {
    const server = await startTestServerForThisTest({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'true', SESSION_STORE: 'memory' });
    expect([(await chatFrom(server, '203.0.113.7')).status, (await chatFrom(server, '203.0.113.7')).status, (await chatFrom(server, '203.0.113.7')).status]).toEqual([200, 200, 429]);
    expect((await chatFrom(server, '198.51.100.4')).status).toBe(200);
    // What a client writes to the left of the proxy's own entry is not believed.
    expect((await chatFrom(server, '198.51.100.99, 203.0.113.7')).status).toBe(429);
  });

  it('without trust, a forged X-Forwarded-For does not buy a new allowance', async () => {
    const server = await startTestServerForThisTest({ RATE_LIMIT_PER_MINUTE: '2', SESSION_STORE: 'memory' });
    const statuses = [];
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) statuses.push((await chatFrom(server, address)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('counts websocket messages too: past the allowance the person is told in Chinese and nothing is answered', async () => {
    const server = await startTestServerForThisTest({ RATE_LIMIT_PER_MINUTE: '3', SESSION_STORE: 'memory' });
    // Opening the session is one API request of the three.
    const { token } = (await server.post('/api/v1/session', { region: '210200' })).body;
    const client = await connectSocket(server.url, token);
    try {
      for (const clientMessageId of ['m1', 'm2', 'm3']) client.send({ type: 'message', text: '家庭共济是什么', clientMessageId });
      const frames = await client.waitFor((received) => received.some((frame) => frame.type === 'error' && frame.replyTo === 'm3'));
      expect(frames.find((frame) => frame.replyTo === 'm3' && frame.type === 'error')).toEqual({ type: 'error', code: 'rate_limited', message: expect.stringMatching(chinese), replyTo: 'm3' });
      await client.waitFor((received) => received.filter((frame) => frame.type === 'message' && frame.replyTo === 'm2').length >= 1);
      expect(client.frames.some((frame) => frame.type === 'message' && frame.replyTo === 'm3')).toBe(false);
    } finally {
      await client.close();
    }
  });
});
