import type { Content } from '../content/schema.js';
import {
  parseIdNumber,
  parsePersonName,
  parsePhone,
  regionByCode,
} from '../domain/index.js';
import { kinshipOf } from '../nlu/kinshipOf.js';
import { regionReaderOf } from '../nlu/regionReaderOf.js';
import { policyFor } from './policyFor.js';

/** A slot answer checked: the normalised value, or the message that says exactly what is wrong. */
export type Validated =
  | { ok: true; value: string }
  | { ok: false; messageId: string; values?: Record<string, string> };

export type ValidationContext = { content: Content; now: Date; region: string | null };

type Validator = (raw: string, context: ValidationContext) => Validated;

/** Province codes of 台湾, 香港, 澳门. */
const outsideMainland = ['71', '81', '82'];

/** The place a person named ("我在东京参保" → 东京), when the words around it are the usual ones; null for anything else. */
function placeIn(raw: string): string | null {
  const place = raw.replace(/[\s，,。.！!？?]/g, '').replace(/^(我|俺)?(是)?(在)?/, '').replace(/(参保|参加医保|交医保|缴医保|上班|工作)?(的)?$/, '');
  return /^[\u4e00-\u9fff]{2,8}$/.test(place) ? place : null;
}

const validatorTable = {
  region: (raw, context): Validated => {
    const region = regionReaderOf(context.content.nlu.regionNames).find(raw);
    // 香港, 澳门, 台湾 are known places but outside the mainland's basic medical insurance: said plainly, never filed.
    if (region && outsideMainland.includes(region.code.slice(0, 2))) return { ok: false, messageId: 'engine.region.outsideMainland', values: { place: region.name } };
    if (region) return { ok: true, value: region.code };
    const place = placeIn(raw);
    return place ? { ok: false, messageId: 'engine.region.unknownPlace', values: { place } } : { ok: false, messageId: 'validation.region.unknown' };
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
    const kinship = kinshipOf(context.content.nlu.kinship);
    const match = kinship.find(raw)[0]?.match ?? kinship.resolve(raw.trim());
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
  // Whether words say yes or no is the reading's to decide (`Reading.yesNo`, learned from the examples in flows/nlu/):
  // a list of words here read 确认不了 as a yes. What reaches this validator is an answer already decided — the
  // reading's, or an agent's edit — and only those two values are one.
  yesNo: (raw): Validated => (raw === 'yes' || raw === 'no' ? { ok: true, value: raw } : { ok: false, messageId: 'validation.yesNo.unclear' }),
} satisfies Record<string, Validator>;

export type ValidatorName = keyof typeof validatorTable;

/** The names flows may use; the content checker rejects any other. */
export const validatorNames = Object.keys(validatorTable) as ValidatorName[];

export function validate(name: string, raw: string, context: ValidationContext): Validated {
  const validator: Validator | undefined = (validatorTable as Record<string, Validator>)[name];
  if (!validator) throw new Error(`unknown validator ${name}`);
  return validator(raw, context);
}
