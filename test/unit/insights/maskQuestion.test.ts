import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { maskQuestion } from '../../../src/insights/maskQuestion.js';
import { read } from '../../../src/nlu/read.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';
import { makeIdNumber } from '../../helpers/idNumbers.js';

let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

const masked = (text: string, names: string[] = [], pending: string | null = null) => maskQuestion(read(text, context.reader, { pending }), names);

describe('a question as editors may see it', () => {
  const idNumber = makeIdNumber({ region: '210202', birthDate: '1981-03-09' });

  it('masks ID and phone numbers however they are typed, and keeps the words around them', () => {
    const text = masked(`我的身份证是${idNumber}，手机 136 1234 5678，怎么查进度`);
    expect(text).not.toMatch(/\d{7,}/);
    expect(text).toContain('210202');
    expect(text).toContain('怎么查进度');
    expect(masked(`身份证${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)} ${idNumber.slice(14)}`)).not.toContain(idNumber.slice(6, 14));
  });

  it('masks the names the reading finds, and the names the form already holds', () => {
    expect(masked('我叫欧阳明远，能绑我妈吗')).not.toContain('明远');
    expect(masked('张建华的材料要带什么', ['张建华'])).toBe(`张**的材料要带什么`);
  });

  it('masks a one-time code typed while one is awaited', () => {
    expect(masked('验证码是 482913', [], 'oneTimeCode')).not.toContain('482913');
  });

  it('leaves a question without personal data as it was normalised', () => {
    expect(masked('家庭共济能绑定哪些人？')).toBe(read('家庭共济能绑定哪些人？', context.reader, { pending: null }).normalised);
  });
});
