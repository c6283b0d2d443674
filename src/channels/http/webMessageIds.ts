/** Every message id the web server and its channels answer with (prompts/messages/web.yaml). */
export const webMessageIds = [
  'web.error.malformed_json',
  'web.error.unsupported_media_type',
  'web.error.invalid_body',
  'web.error.invalid_field',
  'web.error.missing_text',
  'web.error.empty_text',
  'web.error.control_characters',
  'web.error.text_too_long',
  'web.error.body_too_large',
  'web.error.invalid_region',
  'web.error.unknown_session',
  'web.error.rate_limited',
  'web.error.not_found',
  'web.error.method_not_allowed',
  'web.error.unauthorized',
  'web.error.invalid_frame',
  'web.error.bad_request',
  'web.error.internal',
] as const;

export type WebMessageId = (typeof webMessageIds)[number];
