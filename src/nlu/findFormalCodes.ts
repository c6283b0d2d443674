import { regionByCode } from '../domain/regions.js';
import type { Entity, ReadContext } from './reading.js';

type FormalEntity = Extract<Entity, { kind: 'region' | 'oneTimeCode' | 'recordNumber' | 'date' }>;

/** GJ + 6-digit region + yyyymmdd + 5-digit sequence (src/backend-stub/recordNumber.ts). */
const recordNumber = /gj\s?\d{6}\s?\d{8}\s?\d{5}(?!\d)/g;
const date = /(?<!\d)((?:19|20)\d{2})\s?(?:年|-|\/|\.)\s?(\d{1,2})\s?(?:月|-|\/|\.)\s?(\d{1,2})\s?(?:日|号)?(?!\d)/g;
/**
 * Exactly six digits standing alone (not a group of a longer number typed in parts, nor the visible part of a masked
 * one such as "110105********1234"): a region code or a one-time code.
 */
const sixDigits = /(?<![\d.x*][\s\-_]{0,3}|[\d.x*])\d{6}(?![\s\-_]{0,3}[\dx*])/g;
/** Words that announce a one-time code ("验证码是…", "短信里的码"). */
const codeWords = /验证码|校验码|动态码|短信码|口令|code|码是|码:|码为/;
/** Words that announce a region's code: "行政区划代码是370902" holds 码是 too, and names a place. */
const regionCodeWords = /区划|代码|行政区|地区码|区域码/;

/**
 * Record numbers, dates and six-digit numbers: regular expressions, because these are formal things. A six-digit
 * number is a one-time code while one is awaited or when the words say so ("验证码 123456"), a region when it is a
 * known administrative code ("210200"), and otherwise a one-time code.
 */
export function findFormalCodes(folded: string, context: ReadContext): FormalEntity[] {
  const found: FormalEntity[] = [];
  for (const match of folded.matchAll(recordNumber)) {
    found.push({ kind: 'recordNumber', value: match[0].replace(/\s/g, '').toUpperCase(), start: match.index, end: match.index + match[0].length });
  }
  const taken = (start: number, end: number) => found.some((entity) => entity.start < end && start < entity.end);
  for (const match of folded.matchAll(date)) {
    const [, year, month, day] = match;
    const value = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
    if (!isCalendarDate(value) || taken(match.index, match.index + match[0].length)) continue;
    found.push({ kind: 'date', value, start: match.index, end: match.index + match[0].length });
  }
  const awaitingCode = context.pending === 'oneTimeCode';
  for (const match of folded.matchAll(sixDigits)) {
    const start = match.index;
    const end = start + 6;
    if (taken(start, end)) continue;
    const before = folded.slice(Math.max(0, start - 6), start);
    const region = regionByCode(match[0]);
    if (!awaitingCode && region && (!codeWords.test(before) || regionCodeWords.test(before))) {
      found.push({ kind: 'region', code: region.code, name: region.name, via: 'code', start, end });
    } else {
      found.push({ kind: 'oneTimeCode', value: match[0], start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function isCalendarDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
