import { describe, expect, it } from 'vitest';
import type { Relationship } from '../../../src/content/schema.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { KinshipFileSchema } from '../../../src/content/nluSchema.js';
import { createKinship, type IneligibleReason } from '../../../src/domain/relationship.js';
import { kinshipOf, kinshipVocabularyOf } from '../../../src/nlu/kinshipOf.js';

/** The reader of the editors' kinship words (flows/nlu/kinship.yaml), as the content holds them. */
const file = KinshipFileSchema.parse(parse(readFileSync(fileURLToPath(new URL('../../../flows/nlu/kinship.yaml', import.meta.url)), 'utf8')));
const kinship = kinshipOf(file);
const { find: findRelationshipWords, resolve: resolveRelationship, sexOf: sexOfRelationshipWord } = kinship;

const eligibleGroups: Record<Relationship, string[]> = {
  spouse: ['配偶', '老婆', '媳妇', '爱人', '妻子', '太太', '夫人', '老公', '丈夫', '先生', '对象', '老伴', '孩子他妈', '孩他爸'],
  father: ['爸', '爸爸', '老爸', '父亲', '爹', '我爸', '继父', '依爹'],
  mother: ['妈', '妈妈', '老妈', '母亲', '娘', '我妈', '我的妈妈', '依奶'],
  child: ['儿子', '女儿', '孩子', '小孩', '闺女', '宝宝', '娃', '子女'],
  sibling: ['哥哥', '弟弟', '姐姐', '妹妹', '哥', '姐', '兄弟', '姐妹', '兄弟姐妹'],
  grandparent: ['爷爷', '奶奶', '外公', '外婆', '姥姥', '姥爷', '祖父', '祖母', '外祖父母', '妈妈的妈妈'],
  grandchild: ['孙子', '孙女', '外孙', '外孙女', '外孙子女', '女儿的儿子'],
};

const ineligibleGroups: Record<IneligibleReason, string[]> = {
  spouseParent: ['公公', '婆婆', '岳父', '岳母', '丈母娘', '老丈人', '公婆', '岳父母', '老公公', '老公的妈妈', '老婆的父母', '爱人父亲', '老公个阿妈', '老婆嘅阿爸'],
  inLaw: ['儿媳', '女婿', '嫂子', '姐夫', '妹夫', '弟媳', '小姨子', '小舅子', '大伯', '叔叔', '舅舅', '姑姑', '阿姨', '侄子', '外甥', '表哥', '大姨妈', '哥哥的老婆', '太奶奶', '曾孙女'],
  nonRelative: ['朋友', '同事', '邻居', '同学', '男朋友', '女朋友', '未婚妻', '干爹', '干妈', '前妻', '小姐姐'],
  self: ['我自己', '本人', '自己'],
};

describe('resolveRelationship', () => {
  for (const [relationship, words] of Object.entries(eligibleGroups)) {
    it(`reads ${words.join('/')} as ${relationship}`, () => {
      for (const word of words) expect(resolveRelationship(word)).toMatchObject({ kind: 'eligible', relationship });
    });
  }

  for (const [reason, words] of Object.entries(ineligibleGroups)) {
    it(`reads ${words.join('/')} as ineligible: ${reason}`, () => {
      for (const word of words) expect(resolveRelationship(word)).toMatchObject({ kind: 'ineligible', reason });
    });
  }

  it('trims spaces and punctuation around the word and reports the word it recognised', () => {
    expect(resolveRelationship(' 老婆。')).toEqual({ kind: 'eligible', relationship: 'spouse', word: '老婆' });
    expect(resolveRelationship('我家闺女')).toEqual({ kind: 'eligible', relationship: 'child', word: '闺女' });
  });

  it('does not guess at sentences or unknown words', () => {
    expect(resolveRelationship('我想绑定我老婆')).toEqual({ kind: 'unknown' });
    expect(resolveRelationship('父母')).toEqual({ kind: 'unknown' });
    expect(resolveRelationship('')).toEqual({ kind: 'unknown' });
  });
});

describe('findRelationshipWords', () => {
  const found = (text: string) => findRelationshipWords(text).map(({ match, start, end }) => ({ word: match.word, kind: match.kind, start, end }));

  it('finds a relative in a sentence with its position', () => {
    expect(findRelationshipWords('我想给我老婆办家庭共济')).toEqual([
      { match: { kind: 'eligible', relationship: 'spouse', word: '老婆' }, start: 4, end: 6 },
    ]);
  });

  it('reads 我妈 and 我妈妈 as one mother', () => {
    expect(found('绑定我妈')).toEqual([{ word: '妈', kind: 'eligible', start: 3, end: 4 }]);
    expect(found('绑定我妈妈')).toEqual([{ word: '妈妈', kind: 'eligible', start: 3, end: 5 }]);
  });

  it('prefers the longer word over one inside it', () => {
    expect(findRelationshipWords('外孙女能绑吗')[0]?.match).toMatchObject({ relationship: 'grandchild', word: '外孙女' });
    expect(findRelationshipWords('我外婆七十了')[0]?.match).toMatchObject({ relationship: 'grandparent', word: '外婆' });
    expect(findRelationshipWords('我婆婆七十了')[0]?.match).toMatchObject({ reason: 'spouseParent', word: '婆婆' });
    expect(findRelationshipWords('我老公公住院了')[0]?.match).toMatchObject({ reason: 'spouseParent', word: '老公公' });
    expect(findRelationshipWords('大姨妈能绑吗')[0]?.match).toMatchObject({ reason: 'inLaw', word: '大姨妈' });
    expect(findRelationshipWords('我儿媳妇生病了')[0]?.match).toMatchObject({ reason: 'inLaw', word: '儿媳妇' });
    expect(findRelationshipWords('男朋友可以吗')[0]?.match).toMatchObject({ reason: 'nonRelative', word: '男朋友' });
  });

  it('sees a spouse’s parent in 老公的妈妈 instead of a spouse and a mother', () => {
    expect(found('老公的妈妈能用我的医保吗')).toEqual([{ word: '老公的妈妈', kind: 'ineligible', start: 0, end: 5 }]);
  });

  it('reads "A他B" and "A她B" as "A的B": 老公他妈 is a spouse\'s parent, 闺女她孩子 a grandchild — no spouse and mother', () => {
    expect(found('想给我老公他妈办')).toEqual([{ word: '老公他妈', kind: 'ineligible', start: 3, end: 7 }]);
    expect(findRelationshipWords('我媳妇她爸腿脚不好')[0]?.match).toMatchObject({ reason: 'spouseParent' });
    expect(findRelationshipWords('就是我闺女的女儿')[0]?.match).toMatchObject({ kind: 'eligible', relationship: 'grandchild' });
    expect(findRelationshipWords('我闺女她孩子')[0]?.match).toMatchObject({ kind: 'eligible', relationship: 'grandchild' });
    expect(findRelationshipWords('我儿子他媳妇')[0]?.match).toMatchObject({ reason: 'inLaw' });
  });

  it('lists several relatives in text order without overlaps', () => {
    expect(found('我爸爸妈妈和外孙女都想绑')).toEqual([
      { word: '爸爸', kind: 'eligible', start: 1, end: 3 },
      { word: '妈妈', kind: 'eligible', start: 3, end: 5 },
      { word: '外孙女', kind: 'eligible', start: 6, end: 9 },
    ]);
  });

  it('finds nothing when no relative is named', () => {
    expect(findRelationshipWords('家庭共济怎么办理')).toEqual([]);
  });

  it('reads no mother inside a word for a mother and her children together (娘儿俩, 娘仨), while 娘 alone and 老娘 stay a mother', () => {
    expect(found('就她们娘儿俩')).toEqual([]);
    expect(found('她娘俩都要绑')).toEqual([]);
    expect(found('就这娘仨了')).toEqual([]);
    expect(found('我娘和我媳妇')).toEqual([
      { word: '娘', kind: 'eligible', start: 1, end: 2 },
      { word: '媳妇', kind: 'eligible', start: 4, end: 6 },
    ]);
    expect(findRelationshipWords('给俺老娘办')[0]?.match).toMatchObject({ relationship: 'mother', word: '老娘' });
    expect(findRelationshipWords('给我兄弟俩都绑上')[0]?.match).toMatchObject({ relationship: 'sibling' });
  });

  it('reads a word for a mother and child right after another relative as the two counted (俺爹俺娘俩), and the other words as before', () => {
    expect(found('就俺爹俺娘俩')).toEqual([
      { word: '爹', kind: 'eligible', start: 2, end: 3 },
      { word: '娘', kind: 'eligible', start: 4, end: 5 },
    ]);
    expect(found('就俺娘俩')).toEqual([]);
    expect(found('我爸和他们娘俩')).toEqual([{ word: '爸', kind: 'eligible', start: 1, end: 2 }]);
  });

  it('reads a sibling\'s child and a spouse\'s blood sibling as relatives who cannot be bound (俺哥家的孩子, 我媳妇的亲弟弟, 内弟)', () => {
    expect(findRelationshipWords('俺哥家的孩子')[0]?.match).toMatchObject({ kind: 'ineligible', reason: 'inLaw', word: '哥家的孩子' });
    expect(findRelationshipWords('我姐的闺女')[0]?.match).toMatchObject({ kind: 'ineligible', reason: 'inLaw' });
    expect(findRelationshipWords('我媳妇的亲弟弟')[0]?.match).toMatchObject({ kind: 'ineligible', reason: 'inLaw' });
    expect(findRelationshipWords('内弟也想绑')[0]?.match).toMatchObject({ kind: 'ineligible', reason: 'inLaw', word: '内弟' });
    expect(findRelationshipWords('我儿子家的孩子')[0]?.match).toMatchObject({ relationship: 'grandchild' });
    expect(findRelationshipWords('给我妹妹和孩子办').map((word) => word.match)).toMatchObject([{ relationship: 'sibling' }, { relationship: 'child' }]);
  });

  it('reads 丫头 and 妮儿 as a daughter after whose she is, and a spouse\'s parent in a written note (配偶之母)', () => {
    expect(findRelationshipWords('给我家丫头绑上')[0]?.match).toMatchObject({ relationship: 'child', word: '丫头' });
    expect(findRelationshipWords('还有俺妮儿')[0]?.match).toMatchObject({ relationship: 'child', word: '妮儿' });
    expect(sexOfRelationshipWord('丫头')).toBe('female');
    expect(found('小丫头真可爱')).toEqual([]);
    expect(findRelationshipWords('客户欲绑定配偶之母')[0]?.match).toMatchObject({ kind: 'ineligible', reason: 'spouseParent' });
  });

  it('reads no relative inside a word that holds one (家公 in 一家公司, 先生 in 先生效), while the words alone stay relatives', () => {
    expect(found('我在合肥一家公司上班')).toEqual([]);
    expect(found('几耐先生效啊')).toEqual([]);
    expect(findRelationshipWords('帮家公绑共济')[0]?.match).toMatchObject({ kind: 'ineligible', reason: 'spouseParent' });
    expect(findRelationshipWords('我先生效力的单位')[0]?.match).toBeUndefined();
  });
});

describe('dialect words for family', () => {
  const dialect: Record<string, Relationship> = {
    我老汉: 'father', 老爷子: 'father', 俺爹: 'father', 俺娘: 'mother', 老头: 'spouse', 俺家老头: 'spouse', 老伴儿: 'spouse',
    婆娘: 'spouse', 堂客: 'spouse', 老倌: 'spouse', 俺媳妇: 'spouse', 娃他爸: 'spouse', 我崽: 'child', 伢子: 'child', 幺儿: 'child', 俺闺女: 'child', 俺儿: 'child', 我儿: 'child',
  };
  for (const [word, relationship] of Object.entries(dialect)) {
    it(`reads ${word} as ${relationship}, alone and in a sentence`, () => {
      expect(resolveRelationship(word)).toMatchObject({ kind: 'eligible', relationship });
      expect(findRelationshipWords(`想给${word}办共济`).map((found) => found.match)).toMatchObject([{ kind: 'eligible', relationship }]);
    });
  }

  it('reads 儿 as a son only right after 我 or 俺, and leaves 儿子, 儿媳 and 女儿 their own words', () => {
    expect(findRelationshipWords('我儿叫杨小川').map((found) => [found.start, found.end])).toEqual([[1, 2]]);
    expect(findRelationshipWords('我儿子叫杨小川').map((found) => [found.start, found.end])).toEqual([[1, 3]]);
    expect(findRelationshipWords('我儿媳妇').map((found) => found.match)).toMatchObject([{ kind: 'ineligible', reason: 'inLaw' }]);
    expect(findRelationshipWords('一会儿再说')).toEqual([]);
    expect(findRelationshipWords('我女儿').map((found) => found.match)).toMatchObject([{ kind: 'eligible', relationship: 'child', word: '女儿' }]);
  });

  it('reads Cantonese 仔 and 女 as a son and a daughter after whose they are (我个仔, 我嘅女, 佢个仔, 我仔), and nowhere else', () => {
    for (const text of ['仲有我个仔', '再加埋我嘅女', '佢个仔都要', '我仔叫梁家俊', '俺个女']) {
      expect(findRelationshipWords(text).map((found) => found.match), text).toMatchObject([{ kind: 'eligible', relationship: 'child' }]);
    }
    for (const word of ['我个仔', '我嘅女', '个仔', '仔', '女']) expect(resolveRelationship(word), word).toMatchObject({ kind: 'eligible', relationship: 'child' });
    for (const text of ['我仔细核对过了', '牛仔裤', '我个女朋友', '我女婿', '女同志', '一个女的接电话']) {
      expect(findRelationshipWords(text).filter((found) => found.match.kind === 'eligible'), text).toEqual([]);
    }
    expect(['我个仔', '我嘅女'].map(sexOfRelationshipWord)).toEqual(['male', 'female']);
  });

  it('reads 仔 as a son after 同 and where it opens a clause of a family list, but not 仔细 or 女 opening one', () => {
    const children = (text: string) => findRelationshipWords(text).filter((found) => found.match.kind === 'eligible' && found.match.relationship === 'child');
    expect(children('帮老婆同仔开共济').map((found) => found.start)).toEqual([4]);
    expect(children('老婆何丽萍，身份证…；仔冯嘉乐，身份证…').map((found) => found.start)).toEqual([11]);
    for (const text of ['仔细核对一下', '好，仔细看', '女的能不能绑', '女方父母可以吗']) expect(children(text), text).toEqual([]);
  });

  it('reads Minnan kinship words: 查某囝 a daughter, 查埔囝 a son, 后生 a son only after whose he is, 阮 as 我', () => {
    expect(findRelationshipWords('帮阮查某囝办共济').map((found) => found.match)).toMatchObject([{ kind: 'eligible', relationship: 'child', word: '查某囝' }]);
    expect(findRelationshipWords('阮后生要绑').map((found) => found.match)).toMatchObject([{ kind: 'eligible', relationship: 'child', word: '后生' }]);
    expect(findRelationshipWords('阮阿母和阮查某孙').map((found) => found.match)).toMatchObject([
      { kind: 'eligible', relationship: 'mother' },
      { kind: 'eligible', relationship: 'grandchild' },
    ]);
    for (const text of ['后生可畏', '那个后生仔挺能干', '现在的后生都用手机办']) expect(findRelationshipWords(text), text).toEqual([]);
    for (const word of ['阮查某囝', '阮后生', '阮兜查埔囝']) expect(resolveRelationship(word), word).toMatchObject({ kind: 'eligible', relationship: 'child' });
    expect(['阮查某囝', '阮后生', '查埔囝'].map(sexOfRelationshipWord)).toEqual(['female', 'male', 'male']);
  });
});

describe('sexOfRelationshipWord', () => {
  it('says the sex a word names where the kind does not, and nothing for words of either sex', () => {
    expect(['儿子', '我儿', '俺儿', '弟弟', '外孙'].map(sexOfRelationshipWord)).toEqual(['male', 'male', 'male', 'male', 'male']);
    expect(['女儿', '俺闺女', '妹妹', '外孙女', '奶奶'].map(sexOfRelationshipWord)).toEqual(['female', 'female', 'female', 'female', 'female']);
    expect(['孩子', '子女', '儿女', '兄弟姐妹', '老伴'].map(sexOfRelationshipWord)).toEqual([null, null, null, null, null]);
  });
});

describe('createKinship', () => {
  it('reads the words it is given: a word the editors add is understood, with its phrases, without a change of code', () => {
    const vocabulary = kinshipVocabularyOf(file);
    expect(resolveRelationship('阿伯')).toEqual({ kind: 'unknown' });
    const taught = createKinship({ ...vocabulary, words: { ...vocabulary.words, inLaw: [...(vocabulary.words.inLaw ?? []), '阿伯'] } });
    expect(taught.resolve('俺阿伯')).toEqual({ kind: 'ineligible', reason: 'inLaw', word: '阿伯' });
    expect(taught.find('想给我阿伯办').map((found) => found.match)).toEqual([{ kind: 'ineligible', reason: 'inLaw', word: '阿伯' }]);
    const withPhrase = createKinship({ ...vocabulary, phrases: { ...vocabulary.phrases, joiners: [...vocabulary.phrases.joiners, '屋里'] } });
    expect(withPhrase.resolve('老公屋里妈')).toMatchObject({ kind: 'ineligible', reason: 'spouseParent' });
    expect(resolveRelationship('老公屋里妈')).toEqual({ kind: 'unknown' });
  });

  it('knows no word when given none', () => {
    const none = createKinship({ words: {}, phrases: { joiners: [], tables: [] }, possessives: [], ownedWords: [], groups: [], notRelatives: [], sex: { male: [], female: [] } });
    expect([none.find('我妈和我儿'), none.resolve('我妈'), none.sexOf('儿子')]).toEqual([[], { kind: 'unknown' }, null]);
  });
});

describe('northwestern kinship words (陕西, 甘肃, 宁夏)', () => {
  const found = (text: string) => findRelationshipWords(text).map(({ match }) => (match.kind === 'eligible' ? match.relationship : match.reason));

  it('reads 大 after whose he is as a father, and 女子 after whose she is as a daughter', () => {
    expect(found('给额大开个共济')).toEqual(['father']);
    expect(found('俺大叫马富贵')).toEqual(['father']);
    expect(found('再加上我女子')).toEqual(['child']);
    expect(found('还有女子李娟')).toEqual(['child']);
    expect(sexOfRelationshipWord('我女子')).toBe('female');
    expect(resolveRelationship('额大')).toMatchObject({ kind: 'eligible', relationship: 'father' });
  });

  it('leaves 大 and 女子 alone where they are big, older or a woman', () => {
    for (const text of ['我大他五岁', '我大概知道', '我大学毕业', '女子医院在哪', '一位女子来问']) expect(found(text), text).toEqual([]);
    expect(found('我大姐')).toEqual(['sibling']);
  });

  it('reads a wife’s father in older words as a spouse’s parent, and 婆姨 as a wife', () => {
    expect(found('额婆姨她大')).toEqual(['spouseParent']);
    expect(found('老伴他娘')).toEqual(['spouseParent']);
    expect(resolveRelationship('额婆姨')).toMatchObject({ kind: 'eligible', relationship: 'spouse' });
  });
});
