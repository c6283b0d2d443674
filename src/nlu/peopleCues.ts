import type { PeopleFile } from '../content/nluSchema.js';
import type { Kinship } from '../domain/relationship.js';

/**
 * The editors' words for how people are spoken of around their details (flows/nlu/people.yaml), ready to test the
 * text around a name or a relationship word with. The words are content; only how they stand is fixed here.
 */
export type PeopleCues = {
  /** Every cue before a name, global: the cue word is group 1. */
  nameCue: RegExp;
  strongNameCues: ReadonlySet<string>;
  /** Words for the assistant ending the text before a cue: the name after it is the assistant's (你的名字叫…). */
  assistantBefore: RegExp;
  /** A cue that opens with the person's own pronoun (我叫, 本人是): it names them, whoever was spoken to before. */
  ownCue: RegExp;
  /** The person's own pronoun anywhere (我, 俺, 本人; not the 自己 of "他自己"). */
  applicantPronoun: RegExp;
  /** Characters that end a name after its first two: 想, 给, 绑. */
  nameEndings: ReadonlySet<string>;
  /** Endings that end a name only when more Han text follows them: 添 (黎伯添). */
  endingsAlsoInNames: ReadonlySet<string>;
  /** Characters surnameless names are transliterated in (其其格): a whole answer to a name question in them is one. */
  transliterated: ReadonlySet<string>;
  /** Second characters that make a surname-like start a word and a verb instead (都要, 和我). */
  wordSeconds: ReadonlySet<string>;
  /** Surnames that are also common words (都, 和): right after a relative they start no full name with a verb-like second. */
  surnamesAlsoWords: ReadonlySet<string>;
  /** Words that say a name follows (叫, 名字): after them `wordSeconds` make no verb. */
  namingWords: readonly string[];
  /** Words that are no part of a name: 谢谢, 辛苦. */
  notNames: readonly string[];
  /** Words that are no name when they are the whole of it: 周一 (周一鸣 is a name). */
  notWholeNames: ReadonlySet<string>;
  /** How a place's name ends (区, 县): anchored at the end of the words before a 的. */
  placeEnding: RegExp;
  /** Verbs that start like a surname, said right after a relative: 关联. */
  verbsAfterRelative: readonly string[];
  /** A cue before a name that only counts when a number follows the name (我徐晨 3301…), global: the cue is group 1. */
  beforeNumbersCue: RegExp;
  /** What may stand between such a name and its number: a space, a comma, a word for the number (身份证, 手机). */
  beforeNumberGap: RegExp;
  /** Any pronoun whose details are spoken of (not global): 她, 我, 本人. */
  pronoun: RegExp;
  /** The pronouns that speak of the member (the rest speak of the applicant). */
  memberPronouns: ReadonlySet<string>;
  /** A pronoun that made a mistake ("我抄错了") or acts on what follows ("我把…"), global: the pronoun is group 1; it cues nobody's detail. */
  erringPronoun: RegExp;
  /** Ends right before a relative who lends a number: 用我女儿的, 借他. */
  lenderBefore: RegExp;
  /** Starts right after a relative who lends a number: 的手机, 那个号. */
  lenderAfter: RegExp;
  /** A mobile number right after a relative's 的, a particle perhaps between: "填他爸的：13803217745", "填他妈妈的吧，136…". */
  numberAfterOwner: RegExp;
  /** Only a 的 and punctuation after a relative: "填她爸的" at the phone question lends theirs. */
  ownerAlone: RegExp;
  /** Ends right before a relative said to own the mobile number just typed: "139…，是他们". */
  numberBeforeLender: RegExp;
  /** Starts right after that relative and ends the clause: 的号, 的. */
  lentNumberEnds: RegExp;
  /** Ends right before a relative whose value was typed by mistake: 贴成我, 填成俺家. */
  mistakenOwnerBefore: RegExp;
  /** Starts right after a person and passes on what they say, more following: 说只给…, 在旁边讲… (not 说的, 说，). */
  relays: RegExp;
  /** Starts right after a bare relative word that only explains a missing detail: 还没有手机, 太小. */
  explainsMissing: RegExp;
  /** Ends right before a relationship word that describes someone: 一位. */
  describer: RegExp;
  /**
   * Right after a word, anchored: a join and one character, with what may follow it, up to the clause's end
   * ("的朋", "那个孙字"); the character is group 1. The word explains how that character is written when it holds it.
   */
  glossAfter: RegExp;
  /** Whether a whole clause only explains how a character is written: "孙子的孙", "弓长张", "三点水的汪". */
  explainsCharacter: (clause: string) => boolean;
  /** Relationship words that address someone right after a surname: 刘大爷. */
  describedBySurname: ReadonlySet<string>;
  /** Anchored at the end of the text before a relationship word: a 这 that points back at someone named ("就这一个"). */
  pointingBack: RegExp;
  /** Anchored at a clause's start: the relative named right before it said again another way (也就是). */
  sameOne: RegExp;
  /** Anchored at the text's start: a word that addresses the one answering (group 2), what stands before it (group 1). */
  addressing: RegExp;
  /** Anchored at the end of the text before a relationship word: the assistant cast as that relative ("你是我的"). */
  castsAssistant: RegExp;
  /** Words for a detail, global, longest first: 身份证, 手机号. */
  detailWords: readonly { field: 'idNumber' | 'phone'; pattern: RegExp }[];
  /** A word for a detail at the start of the text (not global): what follows a name ("张福来身份证…"). */
  detailWordFirst: RegExp;
  /** Anchored at the end of the text before a number: a word for a phone number ("手机", "电话：") says the digits are one. */
  phoneWordBefore: RegExp;
  /**
   * Before a name someone asks about, global (查查, 看看); right after it, anchored at its end (的, 有没有); and right
   * after that, anchored, what makes it a question about the rules (资格, 条件).
   */
  askedAbout: { lookup: RegExp; owns: RegExp; rules: RegExp };
  /**
   * Someone picked out by a number: a part of one ("尾号6218", "前六位是3701"), global; right after a whole number, a
   * word for the one it belongs to ("这人"), with what may stand between, anchored; and what makes the number the
   * person's own or a relative's, anchored at the end of the text before it (a word for the detail and 的 may follow);
   * and, whole, what may stand between a relative's word and their number (的, a word for the detail).
   */
  pickedOut: { part: RegExp; personAfter: RegExp; ownerBefore: RegExp; relativeGap: RegExp; recordBefore: RegExp };
  /** Anchored at the end of the text before a relationship word: a pronoun of someone spoken of and perhaps 的 ("他的", "她"). */
  ownedByMemberPronoun: RegExp;
  /** The person's own account spoken of, anywhere (俺的钱, 我卡里): no number they lend. */
  ownAccount: RegExp;
  /** The text with every misheard kinship word written as the word meant ("俺老半" → "俺老伴"), outside the words left as typed. */
  respell: (text: string) => string;
  /**
   * A helper at home typing for an old person (people.yaml `household`): each helper word, global, longest first; what
   * before it in its clause says the typist is one (我是), anchored at the clause's start or anywhere in it; what right
   * after it says they do it for someone (帮, 替), anchored; what right before an old person's word says they are one
   * the typist looks after (隔壁, 我照顾的), and whose they are (我家, 她), anchored at the end; what may stand right
   * before the old person's name said before their word (帮, 辖区, 护理员), anchored at the end; each old person's word,
   * global, longest first, with its sex.
   */
  household: { helper: RegExp; introducer: RegExp; acting: RegExp; around: RegExp; owned: RegExp; beforeName: RegExp; elder: RegExp; sexOf: ReadonlyMap<string, 'male' | 'female' | null> };
  /** The kinship words (flows/nlu/kinship.yaml): the relatives spoken of, and words no name can be. */
  kinship: Kinship;
};

/** Matches nothing: a list the editors left empty names no cue. */
const never = /(?!)/;

export function peopleCues(file: PeopleFile, kinship: Kinship): PeopleCues {
  const { names, lending, missingDetail } = file;
  const strong = [...names.strongCues];
  const corrected = anyOf(names.corrected);
  const mistakes = anyOf(names.mistakes);
  // "名字打错了一个字，是…": how much was wrong may come between the mistake and the right name; "打错了咯，是…" (湘),
  // "写错了哦": a particle or two after it.
  const afterMistake = corrected && mistakes ? `(?<=${mistakes}[了啦咗喇咯哦呀嘞啊噻]{0,2}(?:[一两几]?个?字)?[，,\\s]*)${corrected}` : null;
  const cues = [anyOf([...strong, ...names.weakCues]), afterMistake].filter((cue) => cue !== null);
  const fillers = anyOf(names.fillers);
  const assistant = anyOf(names.assistant);
  const verbs = anyOf(lending.verbs);
  const numbers = anyOf(lending.numbers);
  const owner = anyOf(lending.owners) ?? '的';
  const lacks = anyOf(missingDetail.lacks);
  const details = anyOf(missingDetail.details);
  const young = anyOf(missingDetail.young);
  const missing = [lacks && details ? `${lacks}${details}` : null, young].filter((part) => part !== null);
  const describers = anyOf(file.describers);
  const pointingBack = anyOf(file.pointingBack ?? []);
  const pronouns = anyOf([...file.pronouns.member, ...file.pronouns.applicant]);
  const erred = anyOf(file.pronouns.erred);
  const acts = [erred ? `${anyOf(file.pronouns.erredBy) ?? ''}?${erred}` : null, anyOf(file.pronouns.acting)].filter((part) => part !== null);
  return {
    kinship,
    nameCue: cues.length === 0 ? new RegExp(never.source, 'g') : new RegExp(`(${cues.join('|')})[:：\\s]*${fillers ? `(?:${fillers}[,，\\s]*)*` : ''}`, 'g'),
    strongNameCues: new Set(strong),
    assistantBefore: assistant ? new RegExp(`(?:${assistant})$`) : never,
    ownCue: new RegExp(`^(?:${anyOf(file.pronouns.applicant) ?? never.source})`),
    // 自己 and 本人 after a pronoun of someone spoken of are theirs ("他自己").
    applicantPronoun: anyOf(file.pronouns.applicant) ? new RegExp(`${anyOf(file.pronouns.member) ? `(?<!${anyOf(file.pronouns.member)})` : ''}${anyOf(file.pronouns.applicant)}`) : never,
    nameEndings: new Set(names.endings),
    endingsAlsoInNames: new Set(names.endingsAlsoInNames),
    transliterated: new Set(names.transliterated),
    wordSeconds: new Set(names.wordSeconds),
    surnamesAlsoWords: new Set(names.surnamesAlsoWords),
    namingWords: names.namingWords,
    notNames: names.notNames,
    notWholeNames: new Set(names.notWholeNames),
    placeEnding: anyOf(names.placeEndings) ? new RegExp(`.${anyOf(names.placeEndings)}$`) : never,
    verbsAfterRelative: names.verbsAfterRelative,
    beforeNumbersCue: new RegExp(`(${anyOf(names.beforeNumbers) ?? never.source})`, 'g'),
    beforeNumberGap: new RegExp(`^[\\s,，:：]*(?:${anyOf([...file.detailWords.idNumber, ...file.detailWords.phone]) ?? never.source})?[\\s,，:：是为]*$`),
    pronoun: pronouns ? new RegExp(pronouns) : never,
    memberPronouns: new Set(file.pronouns.member),
    ownedByMemberPronoun: anyOf(file.pronouns.member) ? new RegExp(`${anyOf(file.pronouns.member)}的?$`) : never,
    ownAccount: anyOf(file.pronouns.applicant) && anyOf(lending.account) ? new RegExp(`${anyOf(file.pronouns.applicant)}的?(?:${anyOf(lending.accountPointers) ?? ''})?${anyOf(lending.account)}`) : never,
    erringPronoun: pronouns && acts.length > 0 ? new RegExp(`(${pronouns})(?=${acts.join('|')})`, 'g') : new RegExp(never.source, 'g'),
    // "填我老婆的", "填佢老豆嘅": whose relative lends it, the person's own or the member's (people.yaml pronouns).
    lenderBefore: verbs ? new RegExp(`${verbs}(?:的是)?(?:${anyOf([...file.pronouns.applicant, ...file.pronouns.member]) ?? never.source})?(?:家)?(?:${owner})?$`) : never,
    // "用俺闺女的 159…": the number itself may follow the 的, with no word for it.
    lenderAfter: new RegExp(`^(?:(?:${owner}|那个)?${numbers ?? never.source}|(?:${owner})\\s*\\d)`),
    numberAfterOwner: new RegExp(`^(?:${owner})[吧呀啊嘛哈呢啦呗]?[\\s\\p{P}]*1\\d{10}(?!\\d)`, 'u'),
    ownerAlone: new RegExp(`^(?:${owner})[\\s\\p{P}]*$`, 'u'),
    numberBeforeLender: anyOf(lending.ownedAfter) ? new RegExp(`1\\d{10}[\\s\\p{P}]*(?:${anyOf(lending.ownedAfter)})(?:我|俺|他|她)?们?家?$`, 'u') : never,
    lentNumberEnds: new RegExp(`^(?:${owner})(?:${numbers ?? never.source})?(?:号码|号|码)?(?:[\\s\\p{P}]|$)`, 'u'),
    mistakenOwnerBefore: anyOf(file.mistakenFor.verbs) ? new RegExp(`${anyOf(file.mistakenFor.verbs)}(?:我|俺|他|她)?(?:家)?$`) : never,
    relays: anyOf(file.relaying) ? new RegExp(`^${anyOf(file.relaying)}(?=[^的\\s\\p{P}])`, 'u') : never,
    explainsMissing: missing.length === 0 ? never : new RegExp(`^(?:还|也|都)?(?:${missing.join('|')})`),
    // An age said after the describer ("位老大爷", "位独居的老大娘") still describes: the word is the one after 老.
    describer: describers ? new RegExp(`(?:${describers})老?$`) : never,
    describedBySurname: new Set(file.describedBySurname),
    addressing: addressingCue(file.addressing),
    castsAssistant: file.assistantCast && anyOf(file.assistantCast.before) && anyOf(file.assistantCast.verbs) ? new RegExp(`${anyOf(file.assistantCast.before)}(?:${anyOf(file.assistantCast.verbs)})(?:我|俺)?的?$`) : never,
    pointingBack: pointingBack ? new RegExp(`(?:${pointingBack})$`) : never,
    sameOne: anyOf(file.sameOne) ? new RegExp(`^(?:${anyOf(file.sameOne)})`) : never,
    glossAfter: glossAfter(file.characterGloss),
    explainsCharacter: explainsCharacter(file.characterGloss),
    askedAbout: askedAboutCues(file.askedAbout),
    pickedOut: pickedOutCues(file.pickedOutByNumber, [...file.pronouns.applicant, ...file.pronouns.member], [...file.detailWords.idNumber, ...file.detailWords.phone]),
    detailWords: (['idNumber', 'phone'] as const).flatMap((field) => {
      const words = anyOf(file.detailWords[field]);
      return words ? [{ field, pattern: new RegExp(words, 'g') }] : [];
    }),
    detailWordFirst: new RegExp(`^${anyOf([...file.detailWords.idNumber, ...file.detailWords.phone]) ?? never.source}`),
    // Not the 号码 of 身份证号码 or 证件号码: a short ID number there is the ID's to explain.
    phoneWordBefore: new RegExp(`(?<![证件])(?:${anyOf(file.detailWords.phone) ?? never.source})[\\s:：是为]*$`),
    respell: respellings([respelling(file.misheard), respellingNo(file.misheardNo)]),
    household: householdCues(file.household),
  };
}

function addressingCue(addressing: PeopleFile['addressing']): RegExp {
  const words = anyOf(addressing?.words ?? []);
  const then = anyOf(addressing?.then ?? []);
  if (words === null || then === null) return never;
  const openers = anyOf(addressing?.openers ?? []);
  return new RegExp(`^((?:(?:${openers ?? never.source})[\\s,，!！~～]*)?)(${words})[啊呀哈嘞哦]?[\\s,，!！~～:：]+(?=${then})`);
}

/** The household cues, compiled; with no `household` in the file none matches. */
function householdCues(household: PeopleFile['household']): PeopleCues['household'] {
  const pattern = (words: readonly string[] | undefined, make: (any: string) => string, flags = '') => {
    const any = anyOf(words ?? []);
    return any === null ? new RegExp(never.source, flags) : new RegExp(make(any), flags);
  };
  const elders = household?.elders;
  const sexOf = new Map<string, 'male' | 'female' | null>([
    ...(elders?.male ?? []).map((word) => [word, 'male'] as const),
    ...(elders?.female ?? []).map((word) => [word, 'female'] as const),
    ...(elders?.either ?? []).map((word) => [word, null] as const),
  ]);
  return {
    helper: pattern(household?.helpers, (any) => any, 'g'),
    introducer: pattern(household?.introducers, (any) => any),
    acting: pattern(household?.acting, (any) => `^${any}(?![我俺])`),
    around: pattern(household?.around, (any) => `${any}$`),
    owned: pattern(household?.owners, (any) => `${any}的?$`),
    beforeName: pattern([...(household?.acting ?? []), ...(household?.around ?? []), ...(household?.helpers ?? [])], (any) => `${any}$`),
    elder: pattern([...sexOf.keys()], (any) => any, 'g'),
    sexOf,
  };
}

/** Each misheard form replaced by the word meant, unless it stands inside one of the words left as typed (老半天). */
function respelling({ words, not }: PeopleFile['misheard']): (text: string) => string {
  const meant = new Map(Object.entries(words).flatMap(([word, forms]) => forms.map((form) => [form, word] as const)));
  const forms = anyOf([...meant.keys()]);
  if (forms === null) return (text) => text;
  const pattern = new RegExp(forms, 'g');
  const kept = anyOf(not);
  const keptPattern = kept === null ? null : new RegExp(kept, 'g');
  return (text) => {
    if (!pattern.test(text)) return text;
    pattern.lastIndex = 0;
    const keptSpans = keptPattern === null ? [] : [...text.matchAll(keptPattern)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
    return text.replace(pattern, (form, at: number) => (keptSpans.some(({ start, end }) => at < end && at + form.length > start) ? form : (meant.get(form) ?? form)));
  };
}

/** "的朋", "那个孙字" right after a word, to the clause's end: the character explained is group 1. */
function glossAfter({ joins, after }: PeopleFile['characterGloss']): RegExp {
  const join = anyOf(joins);
  if (join === null) return never;
  return new RegExp(`^${join}["']?(\\p{Script=Han})["']?${anyOf(after) ?? ''}?(?=$|${clauseEdge})`, 'u');
}

/**
 * A clause that is a character's gloss: spelled by its parts (弓长张), a part before the character (三点水的汪), or a
 * word holding the character before it (孙子的孙, 军人那个军字).
 */
function explainsCharacter({ joins, after, spelled, parts }: PeopleFile['characterGloss']): (clause: string) => boolean {
  const join = anyOf(joins);
  const character = `["']?(\\p{Script=Han})["']?${anyOf(after) ?? ''}?$`;
  const byPart = anyOf(parts) === null ? never : new RegExp(`^${anyOf(parts)}${join ?? ''}?${character}`, 'u');
  const byWord = join === null ? never : new RegExp(`^(\\p{Script=Han}{2,6}?)${join}${character}`, 'u');
  return (clause) => {
    if (spelled.includes(clause) || byPart.test(clause)) return true;
    const word = byWord.exec(clause);
    return word !== null && word[1]!.includes(word[2]!);
  };
}

/** Clause boundaries a misheard no stands between: punctuation as normalise leaves it, or a space. */
const clauseEdge = '[\\s,，.!！?？~;；:：]';

/**
 * "妹有啦", "嗯 妹有别人了" → "没有啦", "嗯 没有别人了": each form written as the no meant where it opens a clause (after
 * any openers: 嗯, 那) and only rest words (了, 别人) follow it to the clause's end; "我妹有医保" keeps its sister.
 */
function respellingNo({ words, openers, rest }: PeopleFile['misheardNo']): (text: string) => string {
  const meant = new Map(Object.entries(words).flatMap(([word, forms]) => forms.map((form) => [form, word] as const)));
  const forms = anyOf([...meant.keys()]);
  if (forms === null) return (text) => text;
  // A form may be said again ("妹有妹有"): once the first is written as meant, the second follows it.
  const end = `(?:${anyOf([...rest, ...meant.keys()]) ?? '(?!)'}|\\s)*(?:$|${clauseEdge})`;
  const pattern = new RegExp(`(^|${clauseEdge}|${anyOf([...meant.values()])})(${anyOf(openers) ?? '(?!)'}*)(${forms})(?=${end})`, 'g');
  const once = (text: string) => text.replace(pattern, (_, edge: string, openedBy: string, form: string) => `${edge}${openedBy}${meant.get(form) ?? form}`);
  return (text) => {
    let before = text;
    for (let written = once(before); written !== before; written = once(before)) before = written;
    return before;
  };
}

/** Each respelling in turn. */
function respellings(steps: readonly ((text: string) => string)[]): (text: string) => string {
  return (text) => steps.reduce((written, step) => step(written), text);
}

function askedAboutCues(words: PeopleFile['askedAbout']): PeopleCues['askedAbout'] {
  const lookups = anyOf(words?.lookups ?? []);
  const owns = anyOf(words?.owns ?? []);
  const rules = anyOf(words?.rules ?? []);
  return { lookup: new RegExp(lookups ?? never.source, 'g'), owns: owns ? new RegExp(`^${owns}`) : never, rules: rules ? new RegExp(`^${rules}`) : never };
}

/**
 * "尾号6218", "身份证前六位是3701", "后四位：0597": a part word, or a position with a count and 位, then at most a 是, 为
 * or colon, then two to eight digits (an ID's last may be X) that run on into no further digit. "这人", "的那个人" after
 * a whole number, with a few words between ("，你查查这人") but no new clause's 是 ("这个人是我儿子" says who it is),
 * unless it asks who ("…的机主是谁").
 * Before a number, whose it is: a pronoun (我, 她) or, checked by the caller, a relationship word, then perhaps 的, a
 * word for the detail and 的 again ("我的手机号的尾号"); after a relationship word, only 的 and words for the detail.
 */
function pickedOutCues(words: PeopleFile['pickedOutByNumber'], pronouns: readonly string[], details: readonly string[]): PeopleCues['pickedOut'] {
  const parts = anyOf(words?.parts ?? []);
  const positions = anyOf(words?.positions ?? []);
  const persons = anyOf(words?.persons ?? []);
  const records = anyOf(words?.records ?? []);
  const part = [parts, positions ? `${positions}[0-9一二三四五六七八九十两几]{1,2}位` : null].filter((pattern) => pattern !== null);
  const detail = anyOf(details);
  return {
    // "尾号6218", and the digits said first: "110101开头的", "6218结尾".
    part: part.length === 0 ? new RegExp(never.source, 'g') : new RegExp(`(?:${part.join('|')})(?:数字)?[是为:：\\s]*\\d{2,8}[xX]?(?!\\d)${parts ? `|(?<![\\d])\\d{2,8}[xX]?(?:${parts})` : ''}`, 'g'),
    personAfter: persons ? new RegExp(`^[^。！!？?]{0,8}?${persons}(?!是(?!谁|哪))`) : never,
    ownerBefore: new RegExp(`(${anyOf(pronouns) ?? never.source})的?(?:${detail ?? never.source})?的?$`),
    relativeGap: new RegExp(`^(?:[的\\s]|${detail ?? never.source})*$`),
    recordBefore: records ? new RegExp(`(?:${records})的?[是为:：\\s]*$`) : never,
  };
}

/** One of the words, longest first (so 没有 is tried before 没), or null for none. */
function anyOf(words: readonly string[]): string | null {
  return words.length === 0 ? null : `(?:${[...words].sort((a, b) => b.length - a.length).map(escape).join('|')})`;
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
