import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createSessionTokens } from '../../src/channels/http/sessionTokens.js';
import { createApp } from '../../src/server/createApp.js';
import type { ConversationService } from '../../src/server/conversationService.js';
import { createLogger } from '../../src/server/logger.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { chinese, startTestServerForThisTest, useTestServer } from './testServer.js';

const allowedOrigin = 'https://ybj.example.gov.cn';

const server = useTestServer({ CORS_ORIGINS: allowedOrigin, RATE_LIMIT_PER_MINUTE: '100000' });

describe('pages and headers', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the demo page under a strict Content-Security-Policy, with no inline script', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = (response.headers.get('content-security-policy') ?? '').split(';').map((directive) => directive.trim());
    expect(policy).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "connect-src 'self' ws: wss:", "object-src 'none'"]));
    expect(policy.join(';')).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const page = await response.text();
    const scripts = page.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc=/);
  });

  it('serves the widget as JavaScript that other sites may load and caches it by ETag', async () => {
    const response = await fetch(`${server.url}/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await response.text()).length).toBeGreaterThan(1000);
    const etag = response.headers.get('etag') ?? '';
    // node:http, because fetch turns a conditional request into `Cache-Control: no-cache`, which always revalidates in full.
    const revalidated = await new Promise<number | undefined>((resolve) =>
      get(`${server.url}/widget.js`, { headers: { 'If-None-Match': etag } }, (again) => {
        again.resume();
        resolve(again.statusCode);
      }),
    );
    expect(revalidated).toBe(304);
  });

  it('answers an unknown address and a wrong method with JSON errors in Chinese', async () => {
    const missing = await fetch(`${server.url}/api/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: expect.stringMatching(chinese) } });
    const wrongMethod = await fetch(`${server.url}/api/v1/chat`);
    expect(wrongMethod.status).toBe(405);
    expect((await wrongMethod.json()).error.code).toBe('method_not_allowed');
  });
});

describe('CORS', () => {
  it('lets a configured origin call the API, preflight included', async () => {
    const preflight = await fetch(`${server.url}/api/v1/chat`, {
      method: 'OPTIONS',
      headers: { Origin: allowedOrigin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    const chat = await server.post('/api/v1/chat', { text: '你好' }, { Origin: allowedOrigin });
    expect(chat.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
  });

  it('gives any other origin no CORS headers, so browsers keep its pages from reading answers', async () => {
    const preflight = await fetch(`${server.url}/api/v1/chat`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const chat = await server.post('/api/v1/chat', { text: '你好' }, { Origin: 'https://evil.example' });
    expect(chat.headers.get('access-control-allow-origin')).toBeNull();
    expect(chat.headers.get('vary')).toContain('Origin');
  });
});

describe('rate limiting', () => {
  it('answers 429 with a Chinese message and Retry-After once a client exceeds its allowance', async () => {
    const limited = await startTestServerForThisTest({ RATE_LIMIT_PER_MINUTE: '3', SESSION_STORE: 'memory' });
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await limited.post('/api/v1/chat', { text: '你好' })).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await limited.post('/api/v1/chat', { text: '你好' });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(chinese) } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${limited.url}/healthz`)).status).toBe(200);
  });
});

describe('unexpected failures', () => {
  let app: Server;
  const logs: string[] = [];
  const idNumber = makeIdNumber({ birthDate: '1990-03-07' });

  beforeAll(async () => {
    const messages = parse(await readFile(new URL('../../prompts/messages/web.yaml', import.meta.url), 'utf8')).messages;
    // A service that fails the way a bug would: the one place this suite needs a stand-in for the real engine.
    const failing: ConversationService = {
      chat: async () => {
        throw new Error(`bug while reading ${idNumber}`);
      },
      open: async () => ({ ok: true, sessionId: 's', transcript: [], created: true, form: null, queue: null }),
      staffInput: async () => {
        throw new Error(`bug while reading ${idNumber}`);
      },
      deliver: async () => undefined,
      agentMessage: async () => undefined,
      announce: async () => undefined,
      queueStatus: async () => null,
      subscribe: () => () => undefined,
    };
    app = createServer(
      createApp({
        service: failing,
        tokens: createSessionTokens({ secret: 'k'.repeat(32), clock: { now: () => new Date() } }),
        messages,
        logger: createLogger({ level: 'info', write: (line) => logs.push(line) }),
        corsOrigins: [],
        rateLimitPerMinute: 1000,
        widget: { script: '', demoPage: '' },
      }),
    ).listen(0, '127.0.0.1');
    await once(app, 'listening');
  });

  afterAll(() => new Promise<void>((resolve) => app.close(() => resolve())));

  it('answers 500 with a generic Chinese message and logs the stack with ID numbers masked', async () => {
    const { port } = app.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: '你好' }),
    });
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toEqual({ error: { code: 'internal_error', message: expect.stringMatching(chinese) } });
    expect(JSON.stringify(body)).not.toContain('bug');
    const logged = logs.map((line) => JSON.parse(line)).find((line) => line.message === 'unexpected error');
    expect(logged?.error.stack).toContain('bug while reading 110101********');
    expect(logs.join('\n')).not.toContain(idNumber);
  });
});
