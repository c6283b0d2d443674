import type { Request, Response } from 'express';
import type { z } from 'zod';
import { readJsonBody } from '../http/readJsonBody.js';
import { sendProblem } from '../http/sendJson.js';
import type { WebMessages } from '../http/webMessages.js';
import { sendStaffProblem, type StaffMessages } from './staffMessages.js';

/**
 * Reads a staff request's JSON body against its schema; on bad input answers in Chinese (unreadable JSON in the
 * web's words, a wrong shape in the staff's) and resolves undefined.
 */
export function createStaffBodyReader(messages: StaffMessages, webMessages: WebMessages) {
  return async <T>(request: Request, response: Response, schema: z.ZodType<T>): Promise<T | undefined> => {
    const read = await readJsonBody(request, response);
    if (!read.ok) {
      sendProblem(response, read.problem, webMessages);
      return undefined;
    }
    const parsed = schema.safeParse(read.value);
    if (!parsed.success) {
      sendStaffProblem(response, { status: 400, code: 'invalid_request', messageId: 'staff.error.invalid_request' }, messages);
      return undefined;
    }
    return parsed.data;
  };
}
