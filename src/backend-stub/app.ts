import express, { type ErrorRequestHandler, type Express, type Response } from 'express';
import { maskIdNumber } from '../domain/index.js';
import type { Logger } from '../server/logger.js';
import type { BackendErrorCode } from './backendErrorCodes.js';
import { httpStatusOf } from './httpStatusOf.js';
import type { BackendFailure, BackendResult, BackendService } from './backendService.js';

export const maximumBodyBytes = 32 * 1024;

/** body-parser's error types → our codes; anything else is unexpected and answered as internal. */
const bodyErrorCodes: Record<string, BackendErrorCode> = {
  'entity.parse.failed': 'invalid_json',
  'entity.too.large': 'body_too_large',
  'charset.unsupported': 'unsupported_media_type',
  'encoding.unsupported': 'unsupported_media_type',
};

/** The stub's HTTP API (docs/backend-stub.md). Every refusal is `{ error: { code, message, field? } }` in Chinese. */
export function createBackendStubApp(service: BackendService, logger: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const sendFailure = (response: Response, failure: BackendFailure): void => {
    response.status(httpStatusOf[failure.code]).json({ error: failure });
  };
  const send = <T>(response: Response, result: BackendResult<T>): void => {
    if (result.ok) response.json(result.value);
    else sendFailure(response, result.failure);
  };

  app.get('/healthz', (_request, response) => {
    response.json({ ok: true });
  });

  app.post(
    '/api/v1/applications',
    (request, response, next) => {
      if (!request.is('application/json')) sendFailure(response, service.failure('unsupported_media_type'));
      else next();
    },
    express.json({ limit: maximumBodyBytes }),
    async (request, response) => {
      const result = await service.create(request.body, request.get('Idempotency-Key'));
      if (!result.ok) return send(response, result);
      const { application, created } = result.value;
      if (created) {
        logger.info('application filed', { id: application.id, recordNumber: application.recordNumber, status: application.status, applicant: maskIdNumber(application.applicant.idNumber) });
      }
      response.setHeader('Idempotent-Replayed', String(!created));
      response.status(created ? 201 : 200).json(application);
    },
  );

  app.get('/api/v1/applications/:id', async (request, response) => {
    send(response, await service.get(request.params.id));
  });

  app.get('/api/v1/applicants/:idNumber/applications', async (request, response) => {
    send(response, await service.listForApplicant(request.params.idNumber));
  });

  app.post('/api/v1/applicants/:idNumber/bindings/:memberIdNumber/cancel', async (request, response) => {
    const result = await service.unbind(request.params.idNumber, request.params.memberIdNumber, request.get('Idempotency-Key'));
    if (result.ok) logger.info('binding ended', { applicationId: result.value.applicationId, member: maskIdNumber(result.value.member.idNumber) });
    send(response, result);
  });

  app.use((_request, response) => {
    sendFailure(response, service.failure('not_found'));
  });

  const handleError: ErrorRequestHandler = (error: unknown, request, response, _next) => {
    const type = typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : '';
    const code = bodyErrorCodes[type];
    if (code !== undefined) return sendFailure(response, service.failure(code));
    logger.error('backend request failed', { method: request.method, path: request.path, error });
    if (!response.headersSent) sendFailure(response, service.failure('internal'));
  };
  app.use(handleError);
  return app;
}
