import type { Request, RequestHandler, Response } from 'express';

/** An async route handler whose unexpected failures reach the app's one error handler. */
export const handled =
  (handler: (request: Request, response: Response) => Promise<void>): RequestHandler =>
  (request, response, next) => {
    handler(request, response).catch(next);
  };
