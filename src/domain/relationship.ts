import type { Relationship } from '../content/schema.js';
import { pickNonOverlapping } from './pickNonOverlapping.js';

/**
 * The words people really use for family, mapped to the canonical relationships, or to why the person cannot
 * be bound. Words are recognition vocabulary, not wording the assistant speaks.
 */

export const ineligibleReasons = ['spouseParent', 'inLaw', 'nonRelative', 'self'] as const;
export type IneligibleReason = (typeof ineligibleReasons)[number];

export type RelationshipMatch =
  | { kind: 'eligible'; relationship: Relationship; word: string }
  | { kind: 'ineligible'; reason: IneligibleReason; word: string }
  | { kind: 'unknown' };
export type RelationshipWordMatch = { match: Exclude<RelationshipMatch, { kind: 'unknown' }>; start: number; end: number };

type Meaning = { kind: 'eligible'; relationship: Relationship } | { kind: 'ineligible'; reason: IneligibleReason };

const words = (list: string): string[] => list.split(' ');

// 老汉 (老汉儿) is Sichuan and Chongqing for one's father (我老汉); 老爷子 is how grown children speak of their father;
// 老豆/老窦 (粤), 阿爹 and 阿大 (西北: 甘肃, 宁夏, 陕北, 青海) are a father, 老妈子 (川渝), 老母 (粤), 阿母 (闽南) and 阿姆 (客家) a mother.
const fatherWords = words('爸 爸爸 老爸 父亲 爹 爹爹 老爹 爹地 阿爸 家父 老父亲 继父 后爸 后爹 养父 老汉 老汉儿 老爷子 老豆 老窦 阿爹 阿大');
const motherWords = words('妈 妈妈 老妈 母亲 娘 老娘 阿妈 妈咪 家母 老母亲 娘亲 继母 后妈 养母 老妈子 老母 阿母 阿姆');
const spouseWords = words('配偶 老婆 媳妇 媳妇儿 爱人 妻子 太太 夫人 老公 丈夫 先生 对象 内人 老伴 老伴儿 另一半');
// 崽 (湘赣粤), 伢 and 伢子 (湖北湖南), 幺儿 (川渝) are a child; 儿 alone only after 我 or 俺 (childAfterPossessive).
// 囡/囡囡 (吴) and 女仔 (粤) are a daughter, 我个仔/阿仔 (粤) a son (仔 alone would stand inside 仔细); 细佬 (粤) a
// younger brother, 家姐 (粤) an elder sister. 闽南: 囝 and 囝仔 a child, 查某囝 a daughter, 查埔囝/查甫囝 a son (后生,
// also a son there, is "young" elsewhere: read only after whose it is, childAfterPossessive).
const childWords = words(
  '儿子 女儿 孩子 小孩 闺女 宝宝 娃 子女 儿女 孩儿 姑娘 养子 养女 继子 继女 崽 崽崽 伢 伢子 细伢子 幺儿 囡 囡囡 女仔 个仔 阿仔 仔仔 囝 囝仔 查某囝 查埔囝 查甫囝',
);
const siblingWords = words(
  '哥哥 弟弟 姐姐 妹妹 哥 弟 姐 妹 兄弟 姐妹 兄弟姐妹 兄长 大哥 大姐 胞兄 胞弟 胞姐 胞妹 二哥 二姐 三哥 三姐 老弟 老妹 阿哥 阿姐 阿弟 阿妹 细佬 家姐',
);

/** Parent words that also stand inside phrases like 老公的父母 (父母 alone names two people, so it is no answer). */
const parentPhraseWords = words('爸 爸爸 妈 妈妈 父亲 母亲 父母 爸妈 爸爸妈妈 老爸 老妈 老豆 老母');
const spousePhraseWords = words('老婆 媳妇 爱人 妻子 太太 老公 丈夫 对象 配偶');
const siblingPhraseWords = words('哥 哥哥 弟 弟弟 姐 姐姐 妹 妹妹');
const childPhraseWords = words('儿子 女儿 闺女 孙子 孙女');

/** One word of the vocabulary for each relationship, to put a relationship back into words the form reads again. */
export const plainRelationshipWords: Record<Relationship, string> = {
  spouse: '配偶',
  father: '父亲',
  mother: '母亲',
  child: '子女',
  sibling: '兄弟姐妹',
  grandparent: '祖父母',
  grandchild: '孙子女',
};

const vocabulary = new Map<string, Meaning>();

function define(list: readonly string[], meaning: Meaning): void {
  for (const word of list) vocabulary.set(word, meaning);
}

/**
 * "A的B" (粤 "A嘅B"), "A他B": the relative B of relative A ('老公他妈' is a mother-in-law, as '孩子他爸' is a spouse). Without a
 * word between only where "AB" cannot also be read as two people ('老公妈妈' is a mother-in-law, but '爸爸妈妈' are
 * both parents).
 */
function definePhrases(owners: readonly string[], relatives: readonly string[], meaning: Meaning, alsoJoined: boolean): void {
  for (const owner of owners) {
    for (const relative of relatives) {
      define([`${owner}的${relative}`, `${owner}嘅${relative}`, `${owner}他${relative}`, `${owner}她${relative}`, `${owner}他的${relative}`, `${owner}她的${relative}`], meaning);
      if (alsoJoined) define([`${owner}${relative}`], meaning);
    }
  }
}

const eligible = (relationship: Relationship): Meaning => ({ kind: 'eligible', relationship });
const ineligible = (reason: IneligibleReason): Meaning => ({ kind: 'ineligible', reason });

define(fatherWords, eligible('father'));
define(motherWords, eligible('mother'));
define(spouseWords, eligible('spouse'));
define(words('孩子他爸 孩子他妈 孩子她爸 孩子她妈 孩子爸 孩子妈 孩他爸 孩他妈 娃他爸 娃他妈 孩子他爹 孩子他娘 孩他爹 孩他娘 娃他爹 娃他娘'), eligible('spouse'));
// How older people name their spouse: 俺家老头子, 我家老太婆, 那口子; 婆娘 (川渝) and 堂客 (湖南湖北) a wife, 老倌 (湖南) a husband.
define(words('老头子 老头儿 老头 老太婆 老婆子 那口子 当家的 婆娘 堂客 老倌 老倌子'), eligible('spouse'));
// 闽南: 尪 (often typed 翁) is a husband, 阮 "my" — only together, since 翁 alone is any old man (老翁).
define(words('阮翁 阮尪 尪'), eligible('spouse'));
define(childWords, eligible('child'));
define(siblingWords, eligible('sibling'));
// 娭毑 and 嗲嗲 are a grandmother and grandfather in 湖南; 阿公/阿嫲/阿爷/阿婆/阿嬷/嫲嫲 in 粤 and 闽南.
define(
  words('爷爷 奶奶 外公 外婆 姥姥 姥爷 祖父 祖母 外祖父 外祖母 祖父母 外祖父母 爷爷奶奶 外公外婆 姥姥姥爷 娭毑 嗲嗲 阿公 阿嫲 阿爷 阿婆 阿嬷 嫲嫲'),
  eligible('grandparent'),
);
// 内孙 (闽南, 粤) a son's child, 查某孙 (闽南) a granddaughter.
define(words('孙子 孙女 外孙 外孙女 外孙子 孙子女 外孙子女 孙儿 孙辈 孙孙 孙仔 孙囡 孙女儿 外孙儿 内孙 查某孙'), eligible('grandchild'));
definePhrases(words('爸爸 妈妈 父亲 母亲'), words('爸爸 妈妈 父亲 母亲 父母'), eligible('grandparent'), false);
definePhrases(words('儿子 女儿 闺女'), words('儿子 女儿 闺女 孩子'), eligible('grandchild'), false);

define(words('公公 婆婆 岳父 岳母 丈母娘 老丈人 丈人 公婆 岳父母 岳父岳母 老公公 老婆婆 公爹 家公 家婆'), ineligible('spouseParent'));
definePhrases(spousePhraseWords, parentPhraseWords, ineligible('spouseParent'), true);

define(
  words(
    '儿媳 儿媳妇 儿子媳妇 女婿 嫂子 嫂嫂 大嫂 姐夫 妹夫 弟媳 弟妹 弟媳妇 小姨子 大姨子 小舅子 大舅子 小叔子 小姑子 大伯子 妯娌 连襟 ' +
      '大伯 伯伯 伯父 伯母 大娘 大爷 大妈 叔叔 叔 叔父 婶婶 婶子 婶娘 舅舅 舅 舅妈 舅父 舅母 姑姑 姑妈 姑父 姑丈 ' +
      '阿姨 姨 姨妈 大姨妈 大姨 小姨 姨父 姨夫 侄子 侄女 外甥 外甥女 表哥 表姐 表弟 表妹 表兄弟 表姐妹 堂哥 堂姐 堂弟 堂妹 ' +
      '堂兄弟 堂姐妹 孙媳妇 孙女婿 侄媳妇 曾祖父 曾祖母 太爷爷 太奶奶 太姥姥 太姥爷 曾孙 曾孙女 重孙 重孙子 重孙女 亲家 亲家公 亲家母',
  ),
  ineligible('inLaw'),
);
definePhrases([...siblingPhraseWords, ...childPhraseWords], spousePhraseWords, ineligible('inLaw'), true);
definePhrases(spousePhraseWords, siblingPhraseWords, ineligible('inLaw'), true);
definePhrases(words('爸爸 妈妈 父亲 母亲'), siblingPhraseWords, ineligible('inLaw'), false);

define(
  words(
    '朋友 好朋友 同事 邻居 同学 男朋友 女朋友 男友 女友 未婚妻 未婚夫 前妻 前夫 干爹 干妈 干爸 干爸爸 干妈妈 干儿子 干女儿 ' +
      '保姆 室友 老乡 领导 老板 师父 师傅 徒弟 网友 陌生人 师兄 师姐 师弟 师妹 小姐 小姐姐 小哥哥',
  ),
  ineligible('nonRelative'),
);
define(words('我自己 自己 本人 我本人 自个儿'), ineligible('self'));

/**
 * Words that name a mother and her children together: "就她们娘儿俩" (a mother and her child), "娘仨", and 娘们儿
 * (women). They name no one relative: the 娘 inside is no mother to bind, and at "还要再添加其他家人吗？" "就她们娘儿俩"
 * says the ones already given are all. Found like the vocabulary's words (the longest word wins), then dropped.
 * Siblings said together stay siblings: "给我兄弟俩都绑上" asks to bind brothers.
 */
const groupWords: ReadonlySet<string> = new Set(words('娘儿俩 娘俩 娘儿仨 娘仨 娘儿几个 娘几个 娘们 娘们儿 娘儿们 老娘们 老娘们儿'));
const longestWord = Math.max(...[...vocabulary.keys(), ...groupWords].map((word) => word.length));
/** Where no word can start, no slice need be looked up: most characters of a message start none. */
const firstCharacters = new Set([...vocabulary.keys(), ...groupWords].map((word) => word[0]));
// 阮 (闽南) is 我 and 我们: 阮查某囝, 阮兜 (our home).
const possessive = /^(?:我们家的|我们家|我家的|我家|我的|俺家|俺的|俺|咱家|咱的|咱|阮兜的|阮兜|阮的|阮|我)/;
const surroundingNoise = /^[\s，。！？、,.!?：:；;"“”'‘’（）()]+|[\s，。！？、,.!?：:；;"“”'‘’（）()]+$/g;

function matchOf(word: string, meaning: Meaning): Exclude<RelationshipMatch, { kind: 'unknown' }> {
  return meaning.kind === 'eligible'
    ? { kind: 'eligible', relationship: meaning.relationship, word }
    : { kind: 'ineligible', reason: meaning.reason, word };
}

/** The relationship one word names ('老婆', '我妈'); anything else is unknown. */
export function resolveRelationship(word: string): RelationshipMatch {
  const trimmed = word.replace(surroundingNoise, '');
  const meaning = vocabulary.get(trimmed);
  if (meaning !== undefined) return matchOf(trimmed, meaning);
  const withoutPossessive = trimmed.replace(possessive, '');
  // 儿 is no word of the vocabulary (it ends 女儿, 孩儿…), but answering "whose" with it, or 我儿, names a son.
  if (withoutPossessive === '儿' || withoutPossessive === '后生') return { kind: 'eligible', relationship: 'child', word: trimmed };
  // "我个仔", "女": Cantonese for a son and a daughter, as a whole answer (in text only after whose they are).
  if (cantoneseChildren.has(withoutPossessive.replace(cantoneseClassifier, ''))) return { kind: 'eligible', relationship: 'child', word: trimmed };
  const stripped = vocabulary.get(withoutPossessive);
  return stripped === undefined ? { kind: 'unknown' } : matchOf(withoutPossessive, stripped);
}

// Words that say which sex the relative is, where their kind does not: among two children "我儿子不办了" is the son.
const wordsOfSex: Record<'male' | 'female', ReadonlySet<string>> = {
  male: new Set(words('儿子 儿 仔 个仔 阿仔 仔仔 查埔囝 查甫囝 后生 养子 继子 哥哥 弟弟 哥 弟 兄长 大哥 胞兄 胞弟 爷爷 外公 姥爷 孙子 外孙')),
  female: new Set(words('女儿 女 闺女 姑娘 查某囝 养女 继女 姐姐 妹妹 姐 妹 大姐 胞姐 胞妹 奶奶 外婆 姥姥 孙女 外孙女 查某孙')),
};

/** The sex a relationship word names ('闺女' → female, '我儿' → male), or null when it names none ('孩子', '子女'). */
export function sexOfRelationshipWord(word: string): 'male' | 'female' | null {
  const bare = word.replace(surroundingNoise, '').replace(possessive, '').replace(cantoneseClassifier, '');
  if (wordsOfSex.male.has(bare)) return 'male';
  if (wordsOfSex.female.has(bare)) return 'female';
  return null;
}

/** "我儿叫杨帆", "俺儿和俺爹": 儿 is a son right after 我 or 俺, unless a longer word starts there (儿子, 儿女, 儿媳). */
const childAfterPossessive = /^[我俺]儿(?![子女媳孙童时])/;
/** "阮后生", "我后生": 后生 (闽南, 客家) is a son right after whose he is; elsewhere it is "young" (后生可畏, 后生仔). */
const sonAfterPossessive = /^[阮我俺伊]后生(?![仔人可辈小])/;

/**
 * Cantonese 仔 (a son) and 女 (a daughter): "仲有我个仔", "我嘅女", "佢个仔", "我仔叫…", "帮个女绑". Both stand inside many other
 * words (仔细, 牛仔, 女同志, 一个女的), so in text they are read only right after whose they are, and not before the
 * characters that make them part of another word; the vocabulary's longer words (女儿, 女婿, 女朋友) still win.
 */
const cantoneseChildren = new Set(['仔', '女']);
const cantoneseClassifier = /^[个嘅]/;
// "想帮个女绑", "帮老婆同个仔开": after 帮, 同 (and), 俾/畀 (for) and 替 the classifier alone says whose.
const cantoneseChildOwner = /(?:[我俺佢]哋?[个嘅]|[我俺]|[帮同俾畀为替]个)$/;
const cantoneseChildWordGoesOn = /^[细裤儿婿友朋同士性生人孩的]/;

function isCantoneseChild(text: string, start: number): boolean {
  return cantoneseChildren.has(text[start] ?? '') && cantoneseChildOwner.test(text.slice(Math.max(0, start - 3), start)) && !cantoneseChildWordGoesOn.test(text.slice(start + 1));
}

/**
 * Every relationship word in free text, in text order. Longer words win over the shorter ones inside them
 * ('外孙女' over '孙女', '老公公' over '老公', '老公的妈妈' over '妈妈'), so no word is reported twice.
 */
export function findRelationshipWords(text: string): RelationshipWordMatch[] {
  const candidates: (RelationshipWordMatch | { group: true; start: number; end: number })[] = [];
  for (let start = 0; start < text.length; start += 1) {
    if (childAfterPossessive.test(text.slice(Math.max(0, start - 1), start + 2)) && text[start] === '儿') {
      candidates.push({ match: { kind: 'eligible', relationship: 'child', word: '儿' }, start, end: start + 1 });
      continue;
    }
    if (sonAfterPossessive.test(text.slice(Math.max(0, start - 1), start + 4)) && text.startsWith('后生', start)) {
      candidates.push({ match: { kind: 'eligible', relationship: 'child', word: '后生' }, start, end: start + 2 });
      continue;
    }
    if (isCantoneseChild(text, start)) candidates.push({ match: { kind: 'eligible', relationship: 'child', word: text[start]! }, start, end: start + 1 });
    if (!firstCharacters.has(text[start])) continue;
    for (let length = Math.min(longestWord, text.length - start); length >= 1; length -= 1) {
      const word = text.slice(start, start + length);
      const meaning = vocabulary.get(word);
      if (meaning !== undefined) candidates.push({ match: matchOf(word, meaning), start, end: start + length });
      else if (groupWords.has(word)) candidates.push({ group: true, start, end: start + length });
    }
  }
  return pickNonOverlapping(candidates).filter((candidate): candidate is RelationshipWordMatch => !('group' in candidate));
}
