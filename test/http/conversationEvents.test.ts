import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDay, type EventCount } from '../../src/ports/events.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { useTestServer } from './testServer.js';

const idNumber = makeIdNumber({ region: '210202', birthDate: '1981-03-09' });
const phone = '13612345678';
const motherId = makeIdNumber({ region: '210202', birthDate: '1955-06-01', sex: 'female' });
const motherPhone = '15912345678';

const sum = (rows: EventCount[], match: Partial<EventCount>) =>
  rows.filter((row) => Object.entries(match).every(([key, value]) => row[key as keyof EventCount] === value)).reduce((total, row) => total + row.count, 0);

describe('what conversations leave in the events (docs/events.md)', () => {
  const today = chinaDay(new Date());

  async function converse(texts: string[], region = '210200'): Promise<any> {
    let sessionId: string | undefined;
    let last: any;
    for (const text of texts) {
      const answer = await server.post('/api/v1/chat', { ...(sessionId ? { sessionId } : {}), text, region });
      expect(answer.status).toBe(200);
      last = answer.body;
      sessionId = last.sessionId;
    }
    return last;
  }

  const server = useTestServer({ BACKEND_REVIEW_DELAY_MS: '0' });

  beforeAll(async () => {
    // A question that names a person and their numbers, a question nobody could answer, and a whole binding with one
    // wrong ID number and one correction, then a status question that learns the decision.
    await converse(['家庭共济是什么', '我妈叫司马慧兰，她能用我的个人账户看病吗']);
    await converse(['今天天气怎么样'], '370900');
    const last = await converse([
      '我要绑定',
      '欧阳明远',
      `${idNumber.slice(0, 17)}${idNumber.endsWith('1') ? '2' : '1'}`,
      idNumber,
      phone,
      '我妈',
      '司马慧兰',
      motherId,
      motherPhone,
      '不用了，下一步',
      '同意',
      '确认提交',
      '申请进度怎么样了',
    ]);
    expect(last.form.status).toBe('submitted');
    await server.insights.recorder.flush();
  });

  it('counts each step of the binding form once, the wrong ID number as a validation failure of its slot', async () => {
    const rows = await server.insights.events.counts({ from: today, to: today, region: '210200' });
    expect(sum(rows, { type: 'form_started' })).toBe(1);
    for (const slot of ['applicant.name', 'applicant.idNumber', 'applicant.phone']) expect(sum(rows, { type: 'slot_filled', slot }), slot).toBe(1);
    for (const slot of ['member.relationship', 'member.name', 'member.idNumber', 'member.phone']) expect(sum(rows, { type: 'slot_filled', slot, member: 0 }), slot).toBe(1);
    expect(sum(rows, { type: 'slot_invalid', slot: 'applicant.idNumber' })).toBe(1);
    expect(sum(rows, { type: 'slot_invalid' })).toBe(1);
    expect(sum(rows, { type: 'consent_given' })).toBe(1);
    expect(sum(rows, { type: 'confirmed' })).toBe(1);
    expect(sum(rows, { type: 'filed' })).toBe(1);
    expect(sum(rows, { type: 'approved' })).toBe(1);
  });

  it('records each message with its outcome and region; the unanswerable one as refused out of scope', async () => {
    const rows = await server.insights.events.counts({ from: today, to: today });
    expect(sum(rows, { type: 'turn', region: '370900', outcome: 'refused' })).toBe(1);
    expect(sum(rows, { type: 'turn', region: '210200', outcome: 'answered' })).toBeGreaterThanOrEqual(1);
    expect(sum(rows, { type: 'turn', outcome: 'flow' })).toBeGreaterThanOrEqual(10);
  });

  it('keeps the questions masked, and no form answer at all', async () => {
    const asked = await server.insights.events.questions({ since: new Date(Date.now() - 3_600_000) });
    const texts = asked.map((question) => question.question);
    expect(texts).toContain('今天天气怎么样');
    const personal = texts.find((text) => text.includes('个人账户看病'));
    expect(personal).toBeDefined();
    expect(personal).not.toContain('司马慧兰');
    expect(personal).toContain('司马**');
    expect(texts.some((text) => text.includes('欧阳'))).toBe(false);
    const file = await readFile(path.join(server.dataDir, 'events.jsonl'), 'utf8');
    for (const secret of [idNumber, phone, motherId, motherPhone, '司马慧兰', '欧阳明远']) expect(file.includes(secret), secret).toBe(false);
  });
});
