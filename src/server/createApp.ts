import express, { type Express } from 'express';
import helmet from 'helmet';
import { apiErrorBody } from '../channels/http/apiProblem.js';
import { createApiRouter } from '../channels/http/createApiRouter.js';
import type { SessionTokens } from '../channels/http/sessionTokens.js';
import { createWebMessages } from '../channels/http/webMessages.js';
import type { ConversationService } from './conversationService.js';
import { createCorsPolicy } from './corsPolicy.js';
import { createErrorHandler } from './errorHandler.js';
import type { Logger } from './logger.js';
import { createRateLimiter } from './rateLimiter.js';
import { createRequestLog } from './requestLog.js';

export type AppDependencies = {
  service: ConversationService;
  tokens: SessionTokens;
  /** All loaded messages (content.messages); the web.* ids are checked here, so a missing one stops the start. */
  messages: Readonly<Record<string, string>>;
  logger: Logger;
  corsOrigins: readonly string[];
  rateLimitPerMinute: number;
  /** Built once at start (buildWidget) and served from memory. */
  widget: { script: string; demoPage: string };
};

/** Small on purpose: a chat message is at most 500 characters, so anything near this is not a real request. */
const bodyLimit = '8kb';
const bodyLimitShown = '8 KB';

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

export function createApp(dependencies: AppDependencies): Express {
  const messages = createWebMessages(dependencies.messages);
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy }));
  app.use(createRequestLog(dependencies.logger));

  app.use(
    '/api/v1',
    createCorsPolicy(dependencies.corsOrigins),
    createRateLimiter({ perMinute: dependencies.rateLimitPerMinute, messages }),
    express.json({ limit: bodyLimit }),
    createApiRouter({ service: dependencies.service, tokens: dependencies.tokens, messages }),
  );

  app.get('/healthz', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  app.get('/widget.js', (_request, response) => {
    response
      .type('text/javascript; charset=utf-8')
      .set({
        // Customer sites load the widget from their own pages.
        'Cross-Origin-Resource-Policy': 'cross-origin',
        // Short, because the URL has no version in it; the ETag makes revalidation cheap.
        'Cache-Control': 'public, max-age=300',
      })
      .send(dependencies.widget.script);
  });

  app.get('/', (_request, response) => {
    response.type('html').set('Cache-Control', 'no-cache').send(dependencies.widget.demoPage);
  });

  app.use((_request, response) => {
    response.status(404).json(apiErrorBody({ status: 404, code: 'not_found', messageId: 'web.error.not_found' }, messages));
  });
  app.use(createErrorHandler({ messages, logger: dependencies.logger, bodyLimit: bodyLimitShown }));
  return app;
}
