import { describe, expect, it } from 'vitest';
import { subjectFeatures, subjectMentions, subjectsOf } from '../../../src/nlu/subjectFeatures.js';

// Texts as the classifiers see them: relationship words are Ⓕ, 我自己 / 本人 are Ⓢ (textFeatures.ts).
const subjects = subjectsOf({ self: ['我', '俺', '我们'], relative: ['他', '她', '他们', '家人'], stranger: ['别人'], linkers: ['的', '家'], phrases: ['其他'] });
const named = (masked: string) => subjectFeatures(masked, subjects);

describe('subjectFeatures: who a message names', () => {
  it('tells the person\'s own detail from a relative\'s where the characters differ only in the relative', () => {
    expect(named('我的手机号错了')).toEqual(['p:Ⓢ']);
    expect(named('我Ⓕ的手机号错了')).toEqual(['p:Ⓕ']);
    expect(named('Ⓢ的身份证写错了')).toEqual(['p:Ⓢ']);
  });

  it('reads 我的Ⓕ and 俺家Ⓕ as the relative only, but 我 and a relative apart as both', () => {
    expect(named('我的Ⓕ不办了')).toEqual(['p:Ⓕ']);
    expect(named('俺家Ⓕ的电话')).toEqual(['p:Ⓕ']);
    expect(named('我给Ⓕ绑')).toEqual(['p:Ⓢ', 'p:Ⓕ']);
    expect(named('她的卡我能用吗')).toEqual(['p:Ⓕ', 'p:Ⓢ']);
  });

  it('takes the longest word, reads the editors\' phrases as nobody, and knows someone outside the family', () => {
    expect(subjectMentions('他们都不办了', subjects)).toEqual([{ start: 0, end: 2, subject: 'relative' }]);
    expect(named('其他的不变')).toEqual([]);
    expect(named('卡能给别人用吗')).toEqual(['p:外']);
    expect(named('改一下')).toEqual([]);
  });
});
