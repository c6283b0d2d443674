import { describe, expect, it } from 'vitest';
import { soundAlikeFeatures, soundAlikeWords, soundsLikeOf } from '../../../src/nlu/pinyinFeatures.js';
import { synonymHeads } from '../../../src/nlu/textFeatures.js';

const synonyms = synonymHeads([['绑定', '绑上'], ['解绑', '解除绑定'], ['家庭共济', '共济'], ['医保卡', '社保卡'], ['上限', '最多']]);
const soundsLike = soundsLikeOf(synonyms.keys(), synonyms);
/** What each sound-alike stretch of a text is read as, the way the segmenter would cut it. */
const alikes = (text: string, tokens: string[] = [...text]) => soundAlikeWords(text, tokens, soundsLike).map(({ word, start, end }) => `${text.slice(start, end)}→${word}`);

describe('soundAlikeWords', () => {
  it('reads a stretch that sounds like a domain word as that word: 帮定, 邦定 → 绑定; 工济, 共记 → 共济; 一保卡 → 医保卡; 结绑 → 解绑', () => {
    expect(alikes('工济咋帮定')).toEqual(['工济→共济', '帮定→绑定']);
    expect(alikes('俺想邦定共记')).toEqual(['邦定→绑定', '共记→共济']);
    expect(alikes('一保卡丢了')).toEqual(['一保卡→医保卡']);
    expect(alikes('咋结绑')).toEqual(['结绑→解绑']);
  });

  it('finds nothing in a word written right, nor in one syllable (帮我 is no 绑我)', () => {
    expect(alikes('共济咋绑定')).toEqual([]);
    expect(alikes('帮我看看')).toEqual([]);
  });

  it('leaves a real word alone: 公积金 is no 共济, 上线 no 上限', () => {
    expect(alikes('公积金能取吗', ['公积金', '能', '取', '吗'])).toEqual([]);
    expect(alikes('上线了吗', ['上线', '了', '吗'])).toEqual([]);
  });

  it('counts positions in UTF-16, past marks and characters outside the basic plane', () => {
    const text = 'Ⓕ𠀀帮定';
    const [found] = soundAlikeWords(text, [...text], soundsLike);
    expect(found && text.slice(found.start, found.end)).toBe('帮定');
  });
});

describe('soundAlikeFeatures', () => {
  it('adds the word, its synonym group and its characters, marked negated where a negator negates the typo', () => {
    expect(soundAlikeFeatures(soundAlikeWords('帮定', ['帮', '定'], soundsLike), soundsLike, [])).toEqual(['s:绑定', 'w:绑定', '绑', '定', '绑定']);
    expect(soundAlikeFeatures(soundAlikeWords('不帮定', ['不', '帮', '定'], soundsLike), soundsLike, [false, true, true])).toEqual(['s:¬绑定', 'w:¬绑定', '¬绑', '¬定', '¬绑¬定']);
  });
});

describe('domain words typed in pinyin', () => {
  it('reads a word spelled in toneless pinyin as the word: gongji → 共济, jiebang → 解绑, inside other letters too', () => {
    expect(alikes('gongji是啥')).toEqual(['gongji→共济']);
    expect(alikes('怎么jiebang')).toEqual(['jiebang→解绑']);
    expect(alikes('jiatinggongji')).toEqual(['jiatinggongji→家庭共济']);
  });

  it('finds nothing in letters that spell no domain word', () => {
    expect(alikes('app打不开')).toEqual([]);
    expect(alikes('ok谢谢')).toEqual([]);
  });
});
