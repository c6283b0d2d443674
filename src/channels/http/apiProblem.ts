import type { WebMessageId } from './webMessageIds.js';
import type { WebMessages } from './webMessages.js';

/** A request the server answers with an error: HTTP status, stable code for programs, Chinese wording for people. */
export type ApiProblem = {
  status: number;
  code: string;
  messageId: WebMessageId;
  values?: Readonly<Record<string, string>>;
};

export type ApiErrorBody = { error: { code: string; message: string } };

export function apiErrorBody(problem: ApiProblem, messages: WebMessages): ApiErrorBody {
  return { error: { code: problem.code, message: messages(problem.messageId, problem.values) } };
}
