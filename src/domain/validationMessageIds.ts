import { idNumberProblems } from './idNumber.js';
import { personNameProblems } from './personName.js';
import { phoneProblems } from './phone.js';
import { plausibilityProblems } from './plausibility.js';
import { ineligibleReasons } from './relationship.js';

/** Ids of the validation wording in prompts/messages/validation.yaml, one per problem a rule can report. */

const problemsByArea = {
  idNumber: idNumberProblems,
  phone: phoneProblems,
  personName: personNameProblems,
  plausibility: plausibilityProblems,
  relationship: ineligibleReasons,
} as const;
export type ValidationArea = keyof typeof problemsByArea;
export type ValidationProblem<Area extends ValidationArea> = (typeof problemsByArea)[Area][number];

const messageIdOf = (area: string, problem: string): string => `validation.${area}.${problem}`;

export function validationMessageId<Area extends ValidationArea>(area: Area, problem: ValidationProblem<Area>): string {
  return messageIdOf(area, problem);
}

export const validationMessageIds: string[] = Object.entries(problemsByArea).flatMap(([area, problems]) =>
  problems.map((problem) => messageIdOf(area, problem)),
);
