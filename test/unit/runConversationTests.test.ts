import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/engineContext.js';
import { loadEngineContext } from '../../src/server/loadEngineContext.js';
import { runConversationTest } from '../../src/server/runConversationTests.js';
import { makeIdNumber } from '../helpers/idNumbers.js';

let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../', import.meta.url)));
});

describe('runConversationTest', () => {
  it('passes a dialogue whose expectations hold', async () => {
    const result = await runConversationTest(context, 'flows/tests/x.yaml', { name: '人数上限', region: '210200', turns: [{ user: '大连家庭共济最多绑几个人？', route: 'faq', topic: 'limits' }] });
    expect(result).toEqual({ file: 'flows/tests/x.yaml', name: '人数上限', passed: true, failures: [] });
  });

  it('reports the first failing turn in Chinese, with what was said, and stops there', async () => {
    const result = await runConversationTest(context, 'flows/tests/x.yaml', {
      name: '错误的期望',
      region: '210200',
      turns: [
        { user: '大连家庭共济最多绑几个人？', topic: 'review', says: ['这句话不会出现'] },
        { user: '谢谢', says: ['也不会检查到这里'] },
      ],
    });
    expect(result.passed).toBe(false);
    expect(result.failures.map(({ turn, message }) => ({ turn, message }))).toEqual([
      { turn: 1, message: '主题应为 review，实际是 limits' },
      { turn: 1, message: '回答里应有「这句话不会出现」' },
    ]);
    expect(result.failures[0]?.said.length).toBeGreaterThan(10);
  });
});

describe('runConversationTest finds the applicant as the product reads numbers', () => {
  it('counts what was filed for an applicant whose ID number was typed in groups with spaces', async () => {
    const applicant = makeIdNumber({ region: '210202', birthDate: '1969-07-16', sex: 'male' });
    const spaced = `${applicant.slice(0, 6)} ${applicant.slice(6, 14)} ${applicant.slice(14)}`;
    const result = await runConversationTest(context, 'flows/tests/x.yaml', {
      name: '分组输入的身份证号',
      region: '210200',
      turns: [
        { user: '我要办家庭共济绑定' },
        { user: '我叫张国强' },
        { user: spaced },
        { user: '13812345678' },
        { user: '我妈' },
        { user: '李秀英' },
        { user: makeIdNumber({ region: '210202', birthDate: '1945-03-04', sex: 'female' }) },
        { user: '13912345678' },
        { user: '没有了' },
        { user: '同意' },
        { user: '确认', filed: 1 },
      ],
    });
    expect(result.failures).toEqual([]);
  });

  it('counts what was filed for the applicant, not for an ID number they typed wrong first and typed again', async () => {
    const applicant = makeIdNumber({ region: '320106', birthDate: '1985-09-27', sex: 'male' });
    const wrongCheck = applicant.slice(0, 17) + (applicant[17] === '0' ? '1' : '0');
    const result = await runConversationTest(context, 'flows/tests/x.yaml', {
      name: '先打错了身份证号',
      region: '320100',
      turns: [
        { user: '我要办家庭共济绑定' },
        { user: '我叫周文斌' },
        { user: wrongCheck },
        { user: `打错了，是${applicant}` },
        { user: '13951867720' },
        { user: '我妈' },
        { user: '李秀英' },
        { user: makeIdNumber({ region: '320106', birthDate: '1958-03-04', sex: 'female' }) },
        { user: '13912345678' },
        { user: '没有了' },
        { user: '同意', filed: 0 },
        { user: '确认', filed: 1 },
      ],
    });
    expect(result.failures).toEqual([]);
  });
});
