import type { IncomingMessage, ServerResponse } from 'node:http';

/** Connect-style middleware on plain node:http objects: Express takes it as is, and so does the server's hot path. */
export type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** Runs middleware in order, then `done`; the first error (passed to next, or thrown) goes to `failed`. */
export function runMiddleware(
  chain: readonly Middleware[],
  request: IncomingMessage,
  response: ServerResponse,
  done: () => void,
  failed: (error: unknown) => void,
): void {
  const step = (index: number): void => {
    const middleware = chain[index];
    if (middleware === undefined) {
      done();
      return;
    }
    try {
      middleware(request, response, (error?: unknown) => (error === undefined ? step(index + 1) : failed(error)));
    } catch (error) {
      failed(error);
    }
  };
  step(0);
}
