import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateRouting, loadRepoEngine } from '../../../bench/evaluateRouting.js';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { namesTheDomain } from '../../../src/nlu/domainWords.js';

/** A message naming nothing of the domain is answered only when the FAQ is sure of it (DOMAINLESS_ANSWER_THRESHOLD). */
let context: EngineContext;
beforeAll(async () => {
  context = await loadRepoEngine();
});

describe('namesTheDomain', () => {
  const synonyms = new Map([['共济', '家庭共济'], ['绑', '绑定'], ['报销', '报销']]);
  it('finds a domain word, a synonym-group word or a relative; one-character synonyms only as whole words', () => {
    expect(namesTheDomain('共济咋弄', ['共济', '咋', '弄'], false, synonyms)).toBe(true);
    expect(namesTheDomain('医保卡丢了', ['医保卡', '丢', '了'], false, new Map())).toBe(true);
    expect(namesTheDomain('能报销不', ['能', '报销', '不'], false, synonyms)).toBe(true);
    expect(namesTheDomain('给我妈弄一下', ['给', '我妈', '弄', '一下'], true, synonyms)).toBe(true);
    expect(namesTheDomain('帮我绑一下', ['帮', '我', '绑', '一下'], false, synonyms)).toBe(true);
    expect(namesTheDomain('绑鞋带的绳子哪买', ['绑鞋带', '的', '绳子', '哪', '买'], false, synonyms)).toBe(false);
    expect(namesTheDomain('俺们村的路啥时候修', ['俺们', '村', '的', '路', '啥时候', '修'], false, synonyms)).toBe(false);
  });
});

describe('messages that name nothing of the domain', () => {
  it('refuses an everyday question the FAQ half matches as out of scope, rather than answering or asking which topic', () => {
    // Read at 0.2–0.3 for review's "how long does it take" as the examples change: asked which topic, or answered.
    const report = evaluateRouting(context, [{ q: '我们小区的电梯啥时候能修好', accept: ['out_of_scope'] }]);
    expect(report.misses).toEqual([]);
    expect(report.outOfScope).toEqual({ total: 1, refused: 1 });
  });

  it('still answers a question of the domain said without its words', () => {
    const report = evaluateRouting(context, [{ q: '要带几张复印件啊', accept: ['materials'] }]);
    expect(report.misses).toEqual([]);
  });
});
