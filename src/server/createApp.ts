import { createHash } from 'node:crypto';
import type { RequestListener } from 'node:http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { createApiEndpoints, type Endpoint } from '../channels/http/createApiEndpoints.js';
import { sendProblem } from '../channels/http/sendJson.js';
import type { SessionTokens } from '../channels/http/sessionTokens.js';
import { createWebMessages } from '../channels/http/webMessages.js';
import type { ConversationService } from './conversationService.js';
import { createCorsPolicy } from './corsPolicy.js';
import { createUnexpectedErrorResponder, expressErrorHandler } from './errorHandler.js';
import type { Logger } from './logger.js';
import { runMiddleware, type Middleware } from './middleware.js';
import { createRateLimiter } from './rateLimiter.js';
import { createMemoryRequestLimiter } from '../adapters/flexibleRequestLimiter.js';
import type { RequestLimiter } from '../ports/requestLimiter.js';
import { createRequestLog } from './requestLog.js';

export type AppDependencies = {
  service: ConversationService;
  tokens: SessionTokens;
  /** All loaded messages (content.messages); the web.* ids are checked here, so a missing one stops the start. */
  messages: Readonly<Record<string, string>>;
  logger: Logger;
  corsOrigins: readonly string[];
  rateLimitPerMinute: number;
  /** Where allowances are counted (default: this process's memory, at rateLimitPerMinute). */
  requestLimiter?: RequestLimiter;
  /** Reverse proxies in front of us whose X-Forwarded-For is believed (TRUST_PROXY; default 0). */
  trustedProxies?: number;
  /** Staff APIs and consoles (/api/v1/staff, /api/v1/agent, /agent…), mounted before the public API's per-address limit. */
  staffRoutes?: readonly { path: string; router: express.Router }[];
  /** Built once at start (buildWidget) and served from memory. */
  widget: { script: string; demoPage: string };
  /** POST /api/v1/updates, the JSON API's long poll for pushed messages (createUpdatesEndpoint); absent: not served. */
  updates?: Endpoint;
  /** 'degraded' after damaged data files were kept aside at start; the public endpoint says no more than that. */
  health?: () => 'ok' | 'degraded';
};

/** The demo page and every other response: nothing but our own scripts, and sockets back to us. */
const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    connectSrc: ["'self'", 'ws:', 'wss:'],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
};

export type WebServer = {
  /** Every route; works on its own too (app.listen), with POST /api/v1/chat going through Express. */
  app: Express;
  /**
   * What the HTTP server should run: POST /api/v1/chat straight through the same middleware and endpoint without
   * Express (whose per-request cost alone was most of the 2,000 turns/s budget), everything else through `app`.
   */
  listener: RequestListener;
};

export function createWebServer(dependencies: AppDependencies): WebServer {
  const messages = createWebMessages(dependencies.messages);
  const { chat, session } = createApiEndpoints({ service: dependencies.service, tokens: dependencies.tokens, messages, trustedProxies: dependencies.trustedProxies ?? 0 });
  const respondUnexpected = createUnexpectedErrorResponder({ messages, logger: dependencies.logger });
  const front: Middleware[] = [helmet({ contentSecurityPolicy }), createRequestLog(dependencies.logger)];
  const api: Middleware[] = [createCorsPolicy(dependencies.corsOrigins), createRateLimiter({
      limiter: dependencies.requestLimiter ?? createMemoryRequestLimiter(dependencies.rateLimitPerMinute),
      trustedProxies: dependencies.trustedProxies ?? 0,
      messages,
    }),
  ];
  const handled = (endpoint: Endpoint): express.RequestHandler => (request, response, next) => {
    endpoint(request, response).catch(next);
  };

  const app = express();
  app.disable('x-powered-by');
  // API answers are never revalidated; hashing each one would only cost time. The widget carries its own ETag.
  app.disable('etag');
  app.use(...front);
  for (const { path, router } of dependencies.staffRoutes ?? []) app.use(path, router);
  app.use('/api/v1', ...api);
  app.post('/api/v1/chat', handled(chat));
  app.post('/api/v1/session', handled(session));
  if (dependencies.updates !== undefined) app.post('/api/v1/updates', handled(dependencies.updates));
  app.all(['/api/v1/chat', '/api/v1/session', '/api/v1/updates'], (_request, response) => {
    sendProblem(response, { status: 405, code: 'method_not_allowed', messageId: 'web.error.method_not_allowed' }, messages);
  });

  app.get('/healthz', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: dependencies.health?.() ?? 'ok' });
  });

  const widgetHeaders = {
    // Customer sites load the widget from their own pages.
    'Cross-Origin-Resource-Policy': 'cross-origin',
    // Short, because the URL has no version in it; the ETag makes revalidation cheap.
    'Cache-Control': 'public, max-age=300',
    ETag: `"${createHash('sha256').update(dependencies.widget.script).digest('base64url')}"`,
  };
  app.get('/widget.js', (_request, response) => {
    response.type('text/javascript; charset=utf-8').set(widgetHeaders).send(dependencies.widget.script);
  });

  app.get('/', (_request, response) => {
    response.type('html').set('Cache-Control', 'no-cache').send(dependencies.widget.demoPage);
  });

  app.use((_request, response) => {
    sendProblem(response, { status: 404, code: 'not_found', messageId: 'web.error.not_found' }, messages);
  });
  app.use(expressErrorHandler(respondUnexpected));

  const hotPath = [...front, ...api];
  const listener: RequestListener = (request, response) => {
    if (request.method !== 'POST' || request.url !== '/api/v1/chat') {
      app(request, response);
      return;
    }
    const failed = (error: unknown): void => respondUnexpected(error, request, response);
    runMiddleware(hotPath, request, response, () => chat(request, response).catch(failed), failed);
  };
  return { app, listener };
}

/** The Express app alone (every route, POST /api/v1/chat included). */
export function createApp(dependencies: AppDependencies): Express {
  return createWebServer(dependencies).app;
}
