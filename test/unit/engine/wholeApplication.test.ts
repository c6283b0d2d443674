import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { initialState, step } from '../../../src/engine/step.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';
import { makeIdNumber } from '../../helpers/idNumbers.js';

/**
 * A whole application typed in one message starts the form whatever the order of its parts: the request first, last
 * or in the middle, the applicant's details before or after the relative's, with or without the region. Every detail
 * given is kept, and the first question asked is the first one still missing. Generated over relatives, request
 * phrasings and orders, with valid ID numbers built for the test.
 */
const now = new Date('2026-11-22T02:00:00Z');
let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

type Relative = { relationship: 'mother' | 'father' | 'spouse' | 'child'; pronoun: '她' | '他'; requests: string[]; name: string; idNumber: string; phone: string };
const applicant = { name: '王建国', idNumber: makeIdNumber({ region: '210202', birthDate: '1968-03-15', sex: 'male' }), phone: '13912345678' };
const relatives: Relative[] = [
  { relationship: 'mother', pronoun: '她', requests: ['想给我妈绑定', '帮我老妈绑一下', '我要给我母亲办家庭共济'], name: '陈淑珍', idNumber: makeIdNumber({ region: '210202', birthDate: '1942-05-09', sex: 'female' }), phone: '13800001111' },
  { relationship: 'spouse', pronoun: '她', requests: ['帮我老婆办个共济', '想把我媳妇绑上', '给我爱人开通共济'], name: '李秀英', idNumber: makeIdNumber({ region: '210203', birthDate: '1970-07-22', sex: 'female' }), phone: '13700002222' },
  { relationship: 'father', pronoun: '他', requests: ['帮我把我爸绑上', '想给老爸办共济'], name: '王大山', idNumber: makeIdNumber({ region: '210204', birthDate: '1940-01-02', sex: 'male' }), phone: '13600003333' },
  { relationship: 'child', pronoun: '他', requests: ['帮我绑我儿子', '想给我儿子办家庭共济'], name: '王小龙', idNumber: makeIdNumber({ region: '210202', birthDate: '1995-11-02', sex: 'male' }), phone: '13500004444' },
];

const applicantParts = (withPhone: boolean) => [`我叫${applicant.name}`, `身份证${applicant.idNumber}`, ...(withPhone ? [`手机${applicant.phone}`] : [])];
const regionParts = ['在大连参保', '我是大连的'];
function relativeParts(relative: Relative, request: string, withMemberId: boolean): string[] {
  return [request, `${relative.pronoun}叫${relative.name}`, ...(withMemberId ? [`${relative.pronoun}身份证${relative.idNumber}`] : [])];
}

type Case = { text: string; relative: Relative; withPhone: boolean; withRegion: boolean; withMemberId: boolean };
function cases(): Case[] {
  const all: Case[] = [];
  relatives.forEach((relative, relativeIndex) => {
    relative.requests.forEach((request, requestIndex) => {
      const variant = relativeIndex + requestIndex;
      const withPhone = variant % 2 === 0;
      const withMemberId = variant % 3 !== 1;
      const own = applicantParts(withPhone);
      const theirs = relativeParts(relative, request, withMemberId);
      for (const withRegion of [true, false]) {
        const region = withRegion ? [regionParts[variant % regionParts.length]!] : [];
        // The request last, first, and in the middle (the applicant's own details on both sides of the relative's).
        const middle = [own[0]!, `我的${own[1]!}`, ...theirs, ...own.slice(2).map((part) => `我的${part}`), ...region];
        for (const order of [[...own, ...region, ...theirs], [...theirs, ...own, ...region], middle]) {
          all.push({ text: order.join('，'), relative, withPhone, withRegion, withMemberId });
        }
      }
    });
  });
  return all;
}

describe('a whole application in one message', () => {
  it.each(cases().map((entry) => [entry.text, entry] as const))('%s', (_text, entry) => {
    const result = step(context, initialState(context, 'whole-application', null), { type: 'text', text: entry.text }, now);
    const form = result.state.form;
    expect(result.understanding.route).toBe('flow');
    expect(form?.applicant).toEqual({ name: applicant.name, idNumber: applicant.idNumber, ...(entry.withPhone ? { phone: applicant.phone } : {}) });
    expect(form?.current).toEqual({ relationship: entry.relative.relationship, name: entry.relative.name, ...(entry.withMemberId ? { idNumber: entry.relative.idNumber } : {}) });
    expect(form?.region).toBe(entry.withRegion ? '210200' : undefined);
    // Only what is missing is asked, first things first.
    const firstMissing = !entry.withRegion ? 'region' : !entry.withPhone ? 'applicant.phone' : !entry.withMemberId ? 'member.idNumber' : 'member.phone';
    expect(form?.pending).toBe(firstMissing);
  });

  it('goes on from there to the pledge without asking again for anything given', () => {
    const relative = relatives[0]!;
    let state = initialState(context, 'whole-application-through', null);
    const texts = [
      `${relative.requests[0]}，${relative.pronoun}叫${relative.name}，${relative.pronoun}身份证${relative.idNumber}，我叫${applicant.name}，身份证${applicant.idNumber}，手机${applicant.phone}`,
      '大连',
      relative.phone,
      '就这些',
    ];
    const pendings = texts.map((text) => {
      state = step(context, state, { type: 'text', text }, now).state;
      return state.form?.pending ?? null;
    });
    expect(pendings).toEqual(['region', 'member.phone', null, 'consent']);
    expect(state.form?.members).toEqual([{ relationship: 'mother', name: relative.name, idNumber: relative.idNumber, phone: relative.phone }]);
  });
});
