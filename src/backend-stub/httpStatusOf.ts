import type { BackendErrorCode } from './backendErrorCodes.js';

/** The HTTP status each refusal is answered with (the in-process adapter reports the same numbers). */
export const httpStatusOf: Record<BackendErrorCode, number> = {
  invalid_json: 400,
  unsupported_media_type: 415,
  body_too_large: 413,
  invalid_request: 422,
  invalid_id_number: 422,
  invalid_name: 422,
  invalid_phone: 422,
  unknown_region: 422,
  idempotency_key_required: 400,
  idempotency_key_reused: 409,
  application_not_found: 404,
  binding_not_found: 404,
  not_found: 404,
  internal: 500,
  unauthorized: 401,
  verification_required: 403,
  invalid_record_number: 422,
  too_many_codes: 429,
  resend_too_soon: 429,
  code_locked: 429,
  code_invalid: 422,
  code_expired: 422,
};
