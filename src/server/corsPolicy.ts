import type { RequestHandler } from 'express';

/**
 * CORS for the configured origins only (sites that embed the widget). Other origins get no CORS headers, so
 * browsers keep their pages from reading our answers; same-origin and non-browser clients need none.
 */
export function createCorsPolicy(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (request, response, next) => {
    response.vary('Origin');
    const origin = request.get('Origin');
    const isAllowed = origin !== undefined && allowed.has(origin);
    if (isAllowed) response.set('Access-Control-Allow-Origin', origin);
    if (request.method !== 'OPTIONS') {
      next();
      return;
    }
    if (isAllowed) {
      response.set({
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': '600',
      });
    }
    response.status(204).end();
  };
}
