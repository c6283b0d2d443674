/**
 * Why the back end did not accept a request at all (nothing was written). Stable: the assistant words each as
 * backend.error.<code>; the HTTP status of each is decided in app.ts.
 */
export const backendErrorCodes = [
  'invalid_json',
  'unsupported_media_type',
  'body_too_large',
  'invalid_request',
  'invalid_id_number',
  'invalid_name',
  'invalid_phone',
  'unknown_region',
  'idempotency_key_required',
  'idempotency_key_reused',
  'application_not_found',
  'binding_not_found',
  'not_found',
  'internal',
  'unauthorized',
  'verification_required',
  'invalid_record_number',
  'too_many_codes',
  'resend_too_soon',
  'code_locked',
  'code_invalid',
  'code_expired',
] as const;
export type BackendErrorCode = (typeof backendErrorCodes)[number];
