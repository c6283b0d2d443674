import { describe, expect, it } from 'vitest';
import { askingSpans, asksInWords, asksToAct, clauseAsks, clauseSpans, isKeywordString, questionSpans } from '../../../src/nlu/askingClauses.js';

const questionWords = { words: ['吗', '啥', '怎么', '能不能', '想问'], endings: ['不', '没'] };
const asking = (normalised: string) => askingSpans(normalised, questionWords).map(({ start, end }) => normalised.slice(start, end));

describe('askingSpans: the clauses of a long message that ask', () => {
  it('finds the clause with a question word after the context', () => {
    expect(asking('老汉我刚退休,厂里的老伙计说有个共济,是个啥名堂')).toEqual(['是个啥名堂']);
    expect(asking('本人职工医保,老伴居民医保,想问下她买药能不能直接刷,在线等挺急的')).toEqual(['想问下她买药能不能直接刷']);
  });

  it('takes a clause followed by a question mark, or ending in a word that asks only there', () => {
    expect(asking('我在大连,闺女在外地上学?她那边能用')).toEqual(['闺女在外地上学']);
    expect(asking('老伴是农村医保,卡里的钱俺能用不')).toEqual(['卡里的钱俺能用不']);
    expect(asking('我不太懂,老伴是农村医保')).toEqual([]);
  });

  it('takes a clause asking by A-not-A, whatever the verb, but not a repeated 不', () => {
    expect(asking('她是新农合的,符合不符合')).toEqual(['符合不符合']);
    expect(asking('我妈七十多了,算不算老人')).toEqual(['算不算老人']);
    expect(asking('给我妈绑,够不够格')).toEqual(['够不够格']);
    expect(asking('不不不对,我是说我妈')).toEqual([]);
  });

  it('takes Cantonese A唔A and A没A as asking as A不A does, but not a 唔 or 没 said twice', () => {
    expect(asking('我想绑我表妹,她冇工作,得唔得')).toEqual(['得唔得']);
    expect(asking('阿妈个证件,使唔使原件')).toEqual(['使唔使原件']);
    expect(asking('上礼拜提交的,绑没绑上')).toEqual(['绑没绑上']);
    expect(asking('我妈那边,没没没问题')).toEqual([]);
  });

  it('weighs nothing apart in one clause, or when no clause or every clause asks', () => {
    expect(asking('家庭共济怎么绑定')).toEqual([]);
    expect(asking('我退休了,老伴是居民医保')).toEqual([]);
    expect(asking('能不能绑,怎么绑')).toEqual([]);
  });

  it('cuts at a space between Han characters only when asked to, never inside a spaced number', () => {
    const cut = (normalised: string) => clauseSpans(normalised, { spaces: true }).map(({ start, end }) => normalised.slice(start, end).trim());
    expect(cut('不对 先不给她办了 给我闺女办')).toEqual(['不对', '先不给她办了', '给我闺女办']);
    expect(cut('身份证 2102 0219 5303 0412 34')).toEqual(['身份证 2102 0219 5303 0412 34']);
    expect(clauseSpans('不对 先不给她办了')).toHaveLength(1);
  });

  it('cuts at punctuation and drops empty clauses', () => {
    expect(clauseSpans('好的,,谢谢. ').map(({ start, end }) => 'x好的,,谢谢. '.slice(start + 1, end + 1))).toEqual(['好的', '谢谢']);
  });
});

describe('asksInWords: whether some clause asks in words', () => {
  it('a question word, an ending that asks or a question mark in any clause asks; a reason told does not', () => {
    expect(asksInWords('我爸去掉的话,我妈能不能绑', questionWords)).toBe(true);
    expect(asksInWords('卡里的钱能用不', questionWords)).toBe(true);
    expect(asksInWords('把我爸去掉?', questionWords)).toBe(true);
    expect(asksInWords('哦不对,我爸已经被我弟绑走了,把我爸去掉吧', questionWords)).toBe(false);
    expect(asksInWords('不对不对,我妈删掉', questionWords)).toBe(false);
    expect(asksInWords('是这个号对不对', questionWords)).toBe(true);
  });
});

describe('isKeywordString: search terms typed apart', () => {
  const tokensOf = (normalised: string, words: string[]) => {
    let at = 0;
    return words.map((word) => {
      const start = normalised.indexOf(word, at);
      at = start + word.length;
      return { start };
    });
  };
  it('is words of a word or two each between spaces, naming the domain', () => {
    expect(isKeywordString('共济 解绑 流程', tokensOf('共济 解绑 流程', ['共济', '解绑', '流程']), true)).toBe(true);
    expect(isKeywordString('医保卡 借给 别人', tokensOf('医保卡 借给 别人', ['医保卡', '借', '给', '别人']), true)).toBe(true);
  });

  it('is no search with punctuation, digits, one part, sentences between the spaces, or nothing of the domain', () => {
    expect(isKeywordString('共济,解绑', tokensOf('共济,解绑', ['共济', '解绑']), true)).toBe(false);
    expect(isKeywordString('我妈 身份证 2102', tokensOf('我妈 身份证 2102', ['我妈', '身份证', '2102']), true)).toBe(false);
    expect(isKeywordString('家庭共济', tokensOf('家庭共济', ['家庭共济']), true)).toBe(false);
    expect(isKeywordString('不对 先不给她办了', tokensOf('不对 先不给她办了', ['不对', '先', '不', '给', '她', '办', '了']), true)).toBe(false);
    expect(isKeywordString('好的 谢谢', tokensOf('好的 谢谢', ['好的', '谢谢']), false)).toBe(false);
  });
});

describe('questionSpans: the questions of a message that asks several', () => {
  const questions = (normalised: string, spaces = true) => questionSpans(normalised, questionWords, { spaces }).map(({ start, end }) => normalised.slice(start, end).trim());
  it('takes every clause that asks, numbered or not, cut at spaces too', () => {
    expect(questions('1.能不能绑姐姐 2.要带啥')).toEqual(['能不能绑姐姐', '要带啥']);
    expect(questions('①刷脸咋弄吗 ②要带啥')).toEqual(['刷脸咋弄吗', '要带啥']);
    expect(questions('一是要刷脸吗,二是审核怎么查')).toEqual(['一是要刷脸吗', '二是审核怎么查']);
    expect(questions('姐姐能绑吗 丈母娘能绑吗')).toEqual(['姐姐能绑吗', '丈母娘能绑吗']);
  });

  it('finds none in a message with one question', () => {
    expect(questions('我退休了,老伴能绑吗')).toEqual([]);
    expect(questions('一是要刷脸吗,二是审核要几天')).toEqual([]);
    expect(questions('姐姐能绑吗 丈母娘能绑吗', false)).toEqual([]);
  });
});

describe('questionSpans: numbered items', () => {
  it('takes each item of a numbered list as a question, with or without a question word', () => {
    const normalised = '1.解绑以后多久生效 2.亲情账户的区别';
    expect(questionSpans(normalised, questionWords).map(({ start, end }) => normalised.slice(start, end))).toEqual(['解绑以后多久生效', '亲情账户的区别']);
  });
});

describe('asksToAct: a message that turns to the assistant to have something done', () => {
  const words = { ...questionWords, askingToAct: ['帮我', '你给', '替我'] };

  it('tells a request in the form of a question from a question whether it may be done', () => {
    expect(asksToAct('能帮我给我妈绑上吗', words)).toBe(true);
    expect(asksToAct('你给我查查批了没有', words)).toBe(true);
    expect(asksToAct('能给我妈绑吗', words)).toBe(false);
    expect(asksToAct('解绑要多久', words)).toBe(false);
  });

  it('reads nothing as a request when the editors list no words', () => {
    expect(asksToAct('能帮我给我妈绑上吗', questionWords)).toBe(false);
  });
});

describe('clauseAsks: words that hold a question word yet ask nothing', () => {
  const words = { words: ['啥', '什么', '干啥的', '几次'], endings: ['没'], notAsking: ['啥的', '什么的', '好几次'] };
  const asks = (clause: string) => clauseAsks(clause, { start: 0, end: clause.length }, words);

  it('reads 啥的 closing a list and 好几次 telling how often as asking nothing', () => {
    expect(asks('户口本啥的都带了')).toBe(false);
    expect(asks('去了好几次了')).toBe(false);
  });

  it('still asks where a question word holds the quiet word itself, or asks besides it', () => {
    expect(asks('居民医保缴费是干啥的')).toBe(true);
    expect(asks('绑了又解这样算几次')).toBe(true);
    expect(asks('户口本啥的要带什么')).toBe(true);
  });
});
