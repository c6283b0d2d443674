import type { Middleware } from './middleware.js';

/**
 * CORS for the configured origins only (sites that embed the widget). Other origins get no CORS headers, so
 * browsers keep their pages from reading our answers; same-origin and non-browser clients need none.
 */
export function createCorsPolicy(allowedOrigins: readonly string[]): Middleware {
  const allowed = new Set(allowedOrigins);
  return (request, response, next) => {
    const vary = response.getHeader('Vary');
    response.setHeader('Vary', vary === undefined ? 'Origin' : `${String(vary)}, Origin`);
    const origin = request.headers.origin;
    const isAllowed = origin !== undefined && allowed.has(origin);
    if (isAllowed) response.setHeader('Access-Control-Allow-Origin', origin);
    if (request.method !== 'OPTIONS') {
      next();
      return;
    }
    if (isAllowed) {
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      response.setHeader('Access-Control-Allow-Headers', 'Content-Type');
      response.setHeader('Access-Control-Max-Age', '600');
    }
    response.statusCode = 204;
    response.end();
  };
}
