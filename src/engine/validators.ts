import type { Content } from '../content/schema.js';
import {
  findRegion,
  findRelationshipWords,
  parseIdNumber,
  parsePersonName,
  parsePhone,
  regionByCode,
  resolveRelationship,
} from '../domain/index.js';
import { normalise } from '../nlu/normalise.js';
import { readYesNo } from '../nlu/readYesNo.js';
import { policyFor } from './policyFor.js';

/** A slot answer checked: the normalised value, or the message that says exactly what is wrong. */
export type Validated =
  | { ok: true; value: string }
  | { ok: false; messageId: string; values?: Record<string, string> };

export type ValidationContext = { content: Content; now: Date; region: string | null };

type Validator = (raw: string, context: ValidationContext) => Validated;

const validatorTable = {
  region: (raw): Validated => {
    const region = findRegion(raw);
    return region ? { ok: true, value: region.code } : { ok: false, messageId: 'validation.region.unknown' };
  },
  personName: (raw): Validated => {
    const parsed = parsePersonName(raw);
    return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, messageId: `validation.personName.${parsed.problem}` };
  },
  idNumber: (raw, context): Validated => {
    const parsed = parseIdNumber(raw, context.now);
    return parsed.ok ? { ok: true, value: parsed.value.value } : { ok: false, messageId: `validation.idNumber.${parsed.problem}` };
  },
  phone: (raw): Validated => {
    const parsed = parsePhone(raw);
    return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, messageId: `validation.phone.${parsed.problem}` };
  },
  relationship: (raw, context): Validated => {
    const match = findRelationshipWords(raw)[0]?.match ?? resolveRelationship(raw.trim());
    if (match.kind === 'unknown') return { ok: false, messageId: 'validation.relationship.unknown' };
    if (match.kind === 'ineligible') return { ok: false, messageId: `validation.relationship.${match.reason}`, values: { word: match.word } };
    const policy = policyFor(context.content, context.region);
    const rule = policy.relationships[match.relationship];
    if (!rule.allowed) {
      return {
        ok: false,
        messageId: 'engine.relationship.notAllowedInRegion',
        values: {
          relationship: context.content.messages[`relationship.${match.relationship}`] ?? match.word,
          region: regionByCode(policy.code)?.name ?? policy.name,
          reason: rule.reason ?? '',
        },
      };
    }
    return { ok: true, value: match.relationship };
  },
  yesNo: (raw): Validated => {
    const answer = readYesNo(normalise(raw));
    return answer ? { ok: true, value: answer } : { ok: false, messageId: 'validation.yesNo.unclear' };
  },
} satisfies Record<string, Validator>;

export type ValidatorName = keyof typeof validatorTable;

/** The names flows may use; the content checker rejects any other. */
export const validatorNames = Object.keys(validatorTable) as ValidatorName[];

export function validate(name: string, raw: string, context: ValidationContext): Validated {
  const validator: Validator | undefined = (validatorTable as Record<string, Validator>)[name];
  if (!validator) throw new Error(`unknown validator ${name}`);
  return validator(raw, context);
}
