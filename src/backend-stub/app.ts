import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from 'express';
import { maskIdNumber } from '../domain/index.js';
import type { Access } from '../ports/bindingBackend.js';
import type { Logger } from '../server/logger.js';
import type { BackendErrorCode } from './backendErrorCodes.js';
import { httpStatusOf } from './httpStatusOf.js';
import type { BackendFailure, BackendResult, BackendService } from './backendService.js';
import type { SmsOutbox } from './smsOutbox.js';

export const maximumBodyBytes = 32 * 1024;

/** body-parser's error types → our codes; anything else is unexpected and answered as internal. */
const bodyErrorCodes: Record<string, BackendErrorCode> = {
  'entity.parse.failed': 'invalid_json',
  'entity.too.large': 'body_too_large',
  'charset.unsupported': 'unsupported_media_type',
  'encoding.unsupported': 'unsupported_media_type',
};

/** A grant from a verified code, or the key the caller filed with; neither: no access. */
function accessOf(request: Request): Access | undefined {
  const grant = request.get('X-Verification-Grant');
  if (grant) return { grant };
  const filingKey = request.get('X-Filing-Key');
  return filingKey ? { filingKey } : undefined;
}

/** Compares digests, so neither the time taken nor the length tells a caller how much of the secret was right. */
function bearerMatches(header: string | undefined, secret: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return header !== undefined && timingSafeEqual(digest(header), digest(`Bearer ${secret}`));
}

export type BackendStubAppOptions = {
  service: BackendService;
  logger: Logger;
  sms: SmsOutbox;
  secret: string;
  /** A damaged data file was kept aside at start: /healthz says "degraded" and nothing more. */
  degraded?: boolean;
};

/**
 * The stub's HTTP API (docs/backend-stub.md). Every call under /api/ needs `Authorization: Bearer <secret>`; every
 * refusal is `{ error: { code, message, field? } }` in Chinese.
 */
export function createBackendStubApp({ service, logger, sms, secret, degraded = false }: BackendStubAppOptions): Express {
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
    response.json({ ok: true, status: degraded ? 'degraded' : 'ok' });
  });

  app.use('/api', (request, response, next) => {
    if (bearerMatches(request.get('Authorization'), secret)) return next();
    response.setHeader('WWW-Authenticate', 'Bearer');
    sendFailure(response, service.failure('unauthorized'));
  });
  const json = [
    (request: Request, response: Response, next: () => void) => {
      if (!request.is('application/json')) sendFailure(response, service.failure('unsupported_media_type'));
      else next();
    },
    express.json({ limit: maximumBodyBytes }),
  ];

  app.post(
    '/api/v1/applications',
    ...json,
    async (request: Request, response: Response) => {
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
    send(response, await service.get(request.params.id, accessOf(request)));
  });

  app.get('/api/v1/applicants/:idNumber/applications', async (request, response) => {
    send(response, await service.listForApplicant(request.params.idNumber, accessOf(request)));
  });

  app.get('/api/v1/records/:recordNumber', async (request, response) => {
    send(response, await service.findByRecordNumber(request.params.recordNumber, accessOf(request)));
  });

  /** Who asked for what, for an operator following abuse: the subject masked, the session id shortened. */
  const verificationFields = (body: unknown, outcome: string) => {
    const { subject, requester } = (body ?? {}) as { subject?: { kind?: unknown; value?: unknown }; requester?: { session?: unknown; address?: unknown } };
    const value = typeof subject?.value === 'string' ? subject.value : '';
    return {
      subject: subject?.kind === 'idNumber' ? maskIdNumber(value) : value,
      session: typeof requester?.session === 'string' ? requester.session.slice(0, 8) : null,
      address: typeof requester?.address === 'string' ? requester.address : null,
      outcome,
    };
  };
  const logVerification = (message: string, body: unknown, result: BackendResult<unknown>) => {
    const outcome = result.ok ? 'ok' : result.failure.code;
    const worrying = outcome === 'code_locked' || outcome === 'too_many_codes';
    logger[worrying ? 'warn' : 'info'](message, verificationFields(body, outcome));
  };

  app.post('/api/v1/verification/codes', ...json, async (request: Request, response: Response) => {
    const result = await service.requestCode(request.body);
    logVerification('verification code requested', request.body, result);
    if (result.ok) response.status(202);
    send(response, result);
  });

  app.post('/api/v1/verification/grants', ...json, async (request: Request, response: Response) => {
    const result = await service.verifyCode(request.body);
    logVerification('verification code checked', request.body, result);
    if (result.ok) response.status(201);
    send(response, result);
  });

  app.get('/api/v1/sms-outbox', (request, response) => {
    const phone = typeof request.query.phone === 'string' ? request.query.phone.trim() : '';
    if (!/^1\d{10}$/.test(phone)) return sendFailure(response, { ...service.failure('invalid_phone'), field: 'phone' });
    response.json({ messages: sms.messagesTo(phone) });
  });

  app.get('/api/v1/admin/applications', async (request, response) => {
    const applicant = typeof request.query.applicant === 'string' ? request.query.applicant : '';
    send(response, await service.listForOperator(applicant));
  });

  app.post('/api/v1/applicants/:idNumber/bindings/:memberIdNumber/cancel', async (request, response) => {
    const result = await service.unbind(request.params.idNumber, request.params.memberIdNumber, request.get('Idempotency-Key'), accessOf(request));
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
