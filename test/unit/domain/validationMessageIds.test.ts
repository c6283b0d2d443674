import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MessagesFileSchema } from '../../../src/content/schema.js';
import { idNumberProblems } from '../../../src/domain/idNumber.js';
import { ineligibleReasons } from '../../../src/domain/relationship.js';
import { validationMessageId, validationMessageIds } from '../../../src/domain/validationMessageIds.js';

const file = MessagesFileSchema.parse(parse(readFileSync(new URL('../../../prompts/messages/validation.yaml', import.meta.url), 'utf8')));

describe('validationMessageIds', () => {
  it('names one message per problem of every rule', () => {
    expect(validationMessageIds).toContain('validation.idNumber.legacy15');
    expect(validationMessageIds).toContain('validation.relationship.spouseParent');
    for (const problem of idNumberProblems) expect(validationMessageIds).toContain(validationMessageId('idNumber', problem));
    for (const reason of ineligibleReasons) expect(validationMessageIds).toContain(validationMessageId('relationship', reason));
  });

  it('has wording for every id in prompts/messages/validation.yaml, and nothing else there', () => {
    expect(Object.keys(file.messages).sort()).toEqual([...validationMessageIds].sort());
  });

  it('explains the legacy 15-digit number and why a spouse’s parents cannot be bound', () => {
    expect(file.messages['validation.idNumber.legacy15']).toContain('18位');
    expect(file.messages['validation.relationship.spouseParent']).toContain('38号');
    expect(file.messages['validation.relationship.spouseParent']).toContain('民法典');
  });
});
