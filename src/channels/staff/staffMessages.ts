import type { ServerResponse } from 'node:http';
import { MissingMessageError, fillTemplate } from '../../engine/render.js';
import { sendJson } from '../http/sendJson.js';
import { staffMessageIds, type StaffMessageId } from './staffMessageIds.js';

export type StaffMessages = (id: StaffMessageId, values?: Readonly<Record<string, string>>) => string;

export function createStaffMessages(messages: Readonly<Record<string, string>>): StaffMessages {
  const missing = staffMessageIds.find((id) => messages[id] === undefined);
  if (missing !== undefined) throw new MissingMessageError(missing);
  return (id, values = {}) => fillTemplate(messages[id] ?? '', values);
}

export type StaffProblem = { status: number; code: string; messageId: StaffMessageId; values?: Readonly<Record<string, string>> };

export function sendStaffProblem(response: ServerResponse, problem: StaffProblem, messages: StaffMessages): void {
  sendJson(response, problem.status, { error: { code: problem.code, message: messages(problem.messageId, problem.values) } });
}
