import { describe, expect, it } from 'vitest';
import { parsePersonName } from '../../../src/domain/personName.js';

describe('parsePersonName', () => {
  it('accepts Chinese names, trimmed', () => {
    expect(parsePersonName('  张三 ')).toEqual({ ok: true, value: '张三' });
    expect(parsePersonName('欧阳娜娜')).toEqual({ ok: true, value: '欧阳娜娜' });
  });

  it('drops spaces typed between the characters', () => {
    expect(parsePersonName('王 小 明')).toEqual({ ok: true, value: '王小明' });
  });

  it('accepts rare characters of extension A and beyond', () => {
    expect(parsePersonName('王㐀')).toEqual({ ok: true, value: '王㐀' });
    expect(parsePersonName('李𠀾')).toEqual({ ok: true, value: '李𠀾' });
  });

  it('normalises every kind of middle dot in minority names to ·', () => {
    for (const typed of ['阿依·买买提', '阿依•买买提', '阿依・买买提', '阿依･买买提']) {
      expect(parsePersonName(typed)).toEqual({ ok: true, value: '阿依·买买提' });
    }
  });

  it('reports nothing typed as empty', () => {
    expect(parsePersonName('   ')).toEqual({ ok: false, problem: 'empty' });
  });

  it('reports latin letters, digits and a dot at either end or doubled', () => {
    for (const typed of ['Zhang San', '张三1', '·阿依', '阿依·', '阿依··买买提', '张三，']) {
      expect(parsePersonName(typed)).toEqual({ ok: false, problem: 'characters' });
    }
  });

  it('reports a single character as too short', () => {
    expect(parsePersonName('张')).toEqual({ ok: false, problem: 'tooShort' });
  });

  it('accepts 20 characters and reports 21 as too long', () => {
    expect(parsePersonName('阿'.repeat(20)).ok).toBe(true);
    expect(parsePersonName('阿'.repeat(21))).toEqual({ ok: false, problem: 'tooLong' });
  });
});
