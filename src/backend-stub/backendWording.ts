import { fillTemplate, MissingMessageError } from '../engine/render.js';
import { backendMessageIds } from './backendMessageIds.js';
import type { BackendErrorCode } from './backendErrorCodes.js';
import type { RejectionCode } from './rejectionCodes.js';
import type { ProblemSubject, RequestProblem } from './validateApplicationRequest.js';

/** The stub's Chinese messages, from prompts/messages/backend.yaml (and validation.yaml for the details of bad values). */
export type BackendWording = {
  rejection(code: RejectionCode, values: { hotline: string; subject?: ProblemSubject }): string;
  error(code: BackendErrorCode): string;
  problem(problem: RequestProblem): string;
  /** The text message carrying a one-time code. */
  smsCode(code: string, minutes: number): string;
};

/** Refuses to start without every backend message, so no answer ever carries a bare id. */
export function createBackendWording(messages: Readonly<Record<string, string>>): BackendWording {
  const missing = backendMessageIds.find((id) => messages[id] === undefined);
  if (missing !== undefined) throw new MissingMessageError(missing);

  const say = (id: string, values: Record<string, string> = {}): string => {
    const template = messages[id];
    if (template === undefined) throw new MissingMessageError(id);
    return fillTemplate(template, values);
  };
  const subjectOf = (subject: ProblemSubject | undefined): string => {
    if (subject === undefined) return '';
    return subject.role === 'applicant'
      ? say('backend.subject.applicant', { name: subject.name })
      : say('backend.subject.member', { index: String(subject.index + 1), name: subject.name });
  };
  return {
    rejection: (code, values) => subjectOf(values.subject) + say(`backend.rejection.${code}`, { hotline: values.hotline }),
    error: (code) => say(`backend.error.${code}`),
    smsCode: (code, minutes) => say('backend.sms.code', { code, minutes: String(minutes) }),
    problem: (problem) => subjectOf(problem.subject) + say(`backend.error.${problem.code}`) + (problem.detailId === undefined ? '' : say(problem.detailId)),
  };
}
