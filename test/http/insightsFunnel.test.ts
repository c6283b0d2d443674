import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '../../src/ports/events.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { signedInStaff } from './staffClient.js';
import { useTestServer } from './testServer.js';

/**
 * The funnel checked against people whose outcomes the script decides: ten start a binding; one leaves at once, one
 * after their name, one after their own details; seven give a family member and agree to the 承诺书; two of them
 * leave without confirming; five file, and the stub (deciding at once) approves three and rejects two applicants it
 * knows (赵桂兰 has resident insurance, 周丽娟 a zero balance: docs/backend-stub.md). One person types a wrong ID
 * number first. Expected figures come from this script, never from the events.
 */
type Stop = 'started' | 'name' | 'applicant' | 'consent' | 'filed';
type Person = { name: string; region: string; idNumber: string; phone: string; motherName: string; motherId: string; motherPhone: string; stop: Stop; typo: boolean };

const person = (index: number, name: string, stop: Stop, idNumber?: string): Person => ({
  name,
  // The first person is in 泰安, everyone else in 大连: the region filter must tell them apart.
  region: index === 0 ? '370900' : '210200',
  idNumber: idNumber ?? makeIdNumber({ region: index === 0 ? '370902' : '210202', birthDate: `1980-02-${String(index + 10)}`, sequence: 101 + index * 2 }),
  phone: `1361234${String(5000 + index)}`,
  motherName: `${name[0]}秀兰`,
  motherId: makeIdNumber({ region: index === 0 ? '370902' : '210202', birthDate: `1935-03-${String(index + 10)}`, sex: 'female', sequence: 301 + index * 2 }),
  motherPhone: `1591234${String(6000 + index)}`,
  stop,
  typo: index === 5,
});

const people: Person[] = [
  person(0, '赵一鸣', 'started'),
  person(1, '钱志刚', 'name'),
  person(2, '孙三立', 'applicant'),
  person(3, '李四海', 'consent'),
  person(4, '周五福', 'consent'),
  person(5, '吴六顺', 'filed'),
  person(6, '郑七星', 'filed'),
  person(7, '王八方', 'filed'),
  person(8, '赵桂兰', 'filed', '210204196001280589'),
  person(9, '周丽娟', 'filed', '210212197904170641'),
];

function script(person: Person): string[] {
  const texts = ['我要绑定'];
  if (person.stop === 'started') return texts;
  texts.push(person.name);
  if (person.stop === 'name') return texts;
  if (person.typo) texts.push(`${person.idNumber.slice(0, 17)}${person.idNumber.endsWith('1') ? '2' : '1'}`);
  texts.push(person.idNumber, person.phone);
  if (person.stop === 'applicant') return texts;
  texts.push('我妈', person.motherName, person.motherId, person.motherPhone, '不用了，下一步', '同意');
  if (person.stop === 'consent') return texts;
  texts.push('确认提交');
  return texts;
}

describe('the insights funnel, against conversations with known outcomes', () => {
  const today = chinaDay(new Date());

  const server = useTestServer({ BACKEND_REVIEW_DELAY_MS: '0', LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    await Promise.all(
      people.map(async (person) => {
        let sessionId: string | undefined;
        let last: any;
        for (const text of script(person)) {
          const answer = await server.post('/api/v1/chat', { ...(sessionId ? { sessionId } : {}), text, region: person.region });
          expect(answer.status).toBe(200);
          last = answer.body;
          sessionId = last.sessionId;
        }
        if (person.stop === 'filed') expect(last.form.status, person.name).toBe('submitted');
        if (person.stop === 'consent') expect(last.form.status, person.name).toBe('confirming');
      }),
    );
    await server.insights.recorder.flush();
  }, 180_000);

  it('shows each step of the funnel with the people the script sent there, and the drop-offs', async () => {
    const editor = await signedInStaff(server, 'li.na', 'editor');
    const answer = await editor.request('GET', `/api/v1/editor/insights?from=${today}&to=${today}`);
    expect(answer.status).toBe(200);
    const funnel = Object.fromEntries((answer.body.report.funnel as { step: string; count: number }[]).map((step) => [step.step, step.count]));
    expect(funnel).toEqual({
      form_started: 10,
      region: 10,
      'applicant.name': 9,
      'applicant.idNumber': 8,
      'applicant.phone': 8,
      'member.relationship': 7,
      'member.name': 7,
      'member.idNumber': 7,
      'member.phone': 7,
      consent_given: 7,
      confirmed: 5,
      filed: 5,
      approved: 3,
    });
    const dropOff = Object.fromEntries((answer.body.report.funnel as { step: string; dropOff: number }[]).map((step) => [step.step, step.dropOff]));
    expect(dropOff).toMatchObject({ 'applicant.name': 1, 'applicant.idNumber': 1, 'member.relationship': 1, confirmed: 2, approved: 2 });
    expect(answer.body.report.setbacks).toMatchObject({ rejected: 2, filingRefused: 0 });
    const idSlot = (answer.body.report.slots as { slot: string; invalid: number }[]).find((slot) => slot.slot === 'applicant.idNumber');
    expect(idSlot?.invalid).toBe(1);
  });

  it('filters by region: the one person in 泰安 started and went no further', async () => {
    const editor = await signedInStaff(server, 'wang.fang', 'approver');
    const taian = await editor.request('GET', `/api/v1/editor/insights?from=${today}&to=${today}&region=370900`);
    expect(taian.body.report.funnel.map((step: { count: number }) => step.count)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const dalian = await editor.request('GET', `/api/v1/editor/insights?from=${today}&to=${today}&region=210200`);
    expect(dalian.body.report.funnel[0].count).toBe(9);
    const yesterday = chinaDay(new Date(Date.now() - 86_400_000));
    const before = await editor.request('GET', `/api/v1/editor/insights?from=${yesterday}&to=${yesterday}`);
    expect(before.body.report.funnel[0].count).toBe(0);
  });

  it('is for editors only, and refuses a day that is no day in Chinese', async () => {
    const agent = await signedInStaff(server, 'zhao.lei', 'agent');
    expect((await agent.request('GET', '/api/v1/editor/insights')).status).toBe(403);
    const editor = await signedInStaff(server, 'sun.li', 'editor');
    const bad = await editor.request('GET', '/api/v1/editor/insights?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
