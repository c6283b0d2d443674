import { z } from 'zod';
import { ineligibleReasons } from '../domain/relationship.js';
import { relationships, TopicSchema } from './schema.js';

/**
 * What a message asks the assistant to do. `question` is learned from the FAQ's questions and paraphrases (plus the
 * FAQ examples under flows/nlu), `answer` is a message that gives details (a name, a number, who the member is).
 */
export const intents = [
  'start_binding',
  'add_member',
  'decline_more',
  'affirm',
  'deny',
  'cancel',
  'restart',
  'pause',
  'non_answer',
  'correction',
  'status',
  'unbind',
  'human',
  /** Send the texted one-time code again ("没收到", "再发一次"): read while a code is awaited. */
  'resend',
  'greeting',
  'thanks',
  /** Asks what the assistant is — a robot, a person, who ("你是机器人吗", "你是谁"): answered, never a request for a person. */
  'about_assistant',
  'answer',
  'question',
] as const;
export const IntentSchema = z.enum(intents);
export type Intent = z.infer<typeof IntentSchema>;
/** Intents learned from the FAQ rather than written under flows/nlu. */
export const intentsFromFaq: readonly Intent[] = ['question'];

/** Why a message is refused; `in_scope` (not refused) is learned from every intent and FAQ example. */
export const refusalClasses = ['in_scope', 'out_of_scope', 'fraud', 'private_data', 'injection'] as const;
export const RefusalClassSchema = z.enum(refusalClasses);
export type RefusalClass = z.infer<typeof RefusalClassSchema>;

/**
 * What a message points at, read alongside the intents (a message is a correction *and* about a phone number):
 * `field` — which detail ("我妈的手机号错了" → phone; none named: "改一下"); `whose` — the person's own ("我的…",
 * "本人") or not; `scope` — the whole application ("不办了", "全部取消") or only part of it ("算了", "她就不绑了").
 * Each is its own small classifier, trained only on its own examples.
 */
export const fieldLabels = ['name', 'idNumber', 'phone', 'none'] as const;
export const whoseLabels = ['own', 'other'] as const;
export const scopeLabels = ['whole', 'part'] as const;
export type FieldLabel = (typeof fieldLabels)[number];

export const labelFamilies = ['intent', 'refusal', 'faq', 'field', 'whose', 'scope'] as const;
/** Families that describe one aspect of a message beside its intent: their texts may also be examples of an intent. */
export const aspectFamilies: readonly LabelFamily[] = ['field', 'whose', 'scope'];
export const LabelFamilySchema = z.enum(labelFamilies);
export type LabelFamily = z.infer<typeof LabelFamilySchema>;

/** A list of words or phrases an editor writes, none empty. */
const wordList = z.array(z.string().min(1));

export const ExampleGroupSchema = z
  .object({
    /** What the examples mean: an intent, a refusal class, or an FAQ entry id (by the file's family). */
    label: z.string().min(1),
    /** Paraphrases of one sentence form one group: cross-validation never splits a group between training and test. */
    group: z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'group 只能用小写字母、数字、连字符和下划线'),
    texts: z.array(z.string().min(1)).min(1),
  })
  .strict();
export type ExampleGroup = z.infer<typeof ExampleGroupSchema>;

/** flows/nlu/<name>.yaml: examples editors own, from which the classifiers are trained at content load. */
export const NluExamplesFileSchema = z
  .object({
    $schema: z.string().optional(),
    family: LabelFamilySchema,
    examples: z.array(ExampleGroupSchema).min(1),
  })
  .strict();
export type NluExamplesFile = z.infer<typeof NluExamplesFileSchema>;

export const RegionMentionPatternSchema = z
  .object({
    /** With {region} where the region's name or code goes and {question} where the question goes. */
    text: z.string().regex(/\{region\}/, '模式里要有 {region}').regex(/\{question\}/, '模式里要有 {question}'),
    /** Kept out of training, so the generated region test shows the understanding generalises to it. */
    heldOut: z.boolean().default(false),
    /** Use the region's 6-digit code instead of its name. */
    code: z.boolean().default(false),
  })
  .strict();
export type RegionMentionPattern = z.infer<typeof RegionMentionPatternSchema>;

/**
 * flows/nlu/regionMentions.yaml: how people name their region around a question ("我在{region}参保，{question}"),
 * and questions whose answer depends on the region, with the topic each must reach whatever region is named.
 */
export const RegionMentionsFileSchema = z
  .object({
    $schema: z.string().optional(),
    patterns: z.array(RegionMentionPatternSchema).min(1),
    /** Intents whose examples are trained inside these patterns too, as every FAQ question is: requests a person may
     * open with after saying where they are ("福州参保，要办共济"). */
    requests: z.array(IntentSchema).default([]),
    questions: z.array(z.object({ text: z.string().min(2), topic: TopicSchema }).strict()).min(1),
  })
  .strict();
export type RegionMentionsFile = z.infer<typeof RegionMentionsFileSchema>;

/**
 * flows/nlu/negation.yaml: how a no is said inside a sentence, for the intent classifier. The
 * characters right after a negator ("不同意", "没同意过") or right before 不 and a result ("确认不了", "对不上") are read
 * as negated; set phrases that begin with a negator but mean something of their own ("没问题", "不知道", "别人") are
 * read whole.
 */
export const NegationFileSchema = z
  .object({
    $schema: z.string().optional(),
    /** Single characters that negate what follows them. */
    negators: z.array(z.string().length(1, '否定词只写一个字')).min(1),
    /** Modals after a negator that pass the negation on to the verb after them: 能, 想, 法… ("不能同意", "没法确认"). */
    modals: z.array(z.string().length(1, '情态词只写一个字')),
    /** Results after 不 that make "V不R" mean "cannot V": 了, 上, 到… */
    results: z.array(z.string().length(1, '结果补语只写一个字')),
    /** Phrases read whole, never negated. */
    phrases: z.array(z.string().min(2)),
    /**
     * Characters that judge what was said rather than refuse (不对, 不是, 错了, 有误): a no made with one of them right
     * after something was recorded says it is wrong — at "还要再添加其他家人吗？" it is no "no more" (不行, 不用 are).
     */
    judgements: z.array(z.string().length(1, '判断词只写一个字')).default([]),
  })
  .strict();
export type NegationFile = z.infer<typeof NegationFileSchema>;

/**
 * flows/nlu/filingFor.yaml: how a person says they file for a relative, who is then the applicant ("我替我爸办一下……
 * 要绑我妈"). The words around a relationship word that say so; read by findEntities (`actsFor`, `doneFor`).
 */
export const FilingForFileSchema = z
  .object({
    $schema: z.string().optional(),
    /** Right before the relative: 帮我, 替我, 代我 (a 的 may follow). */
    before: wordList.min(1),
    /** Right after the relative: what is done for them (办, 申请, 弄). Never a binding word. */
    done: wordList.min(1),
    /** Where it is done, between the relative and what is done ("帮我爸在手机上弄"). */
    where: wordList.default([]),
    /** After a relative who starts the message: they asked the person (让我帮, 托我), before one of `done`. */
    askedBy: wordList,
    /** Near a relative, these name it as the one to bind (绑, 加进). */
    bindWords: wordList.min(1),
    /** Right before a relative, these add one more rather than name the one to bind (还有, 和). */
    alsoWords: wordList,
    /** Done on the relative's own account (打字, 输入): the one typed for applies, even when no one else is named. */
    typing: wordList.default([]),
    /** After a relative, the typist doing something for them by a pronoun (我帮他, 俺替她), before one of `done`. */
    forPronoun: wordList.default([]),
    /** Soon after the first relative named, that they apply themselves (他是申请人, 当授权人): they do, even with no one else named. */
    applies: wordList.default([]),
    /** Right before a relative (a 我 or 的 may stand between), who then applies: 申请人是 ("申请人是我爸：赵国栋"). */
    appliesBefore: wordList.default([]),
  })
  .strict();
export type FilingForFile = z.infer<typeof FilingForFileSchema>;

/**
 * flows/nlu/people.yaml: how people are spoken of around their details — the words that introduce a name, a relative
 * who only lends a number, a relative's word that only explains a missing detail, and words that describe someone
 * without naming a relative. Read by findEntities; the grammar around the words (a 的 that may follow, clause breaks)
 * stays in code.
 */
export const PeopleFileSchema = z
  .object({
    $schema: z.string().optional(),
    names: z
      .object({
        /** Before a name, whatever it looks like: 我叫, 名叫, 姓名是. */
        strongCues: wordList.min(1),
        /** Before a name only when a surname starts it: 我是, 我系, 叫 ("我是来办共济的" names no one). */
        weakCues: wordList,
        /** Words that say a detail was wrong ("写错了，是张国祥")… */
        mistakes: wordList,
        /** …after which these introduce the right name (weak: a surname must start it). */
        corrected: wordList,
        /** Characters that end a name after its first two ("张伟想给…", "李秀英绑定…"). */
        endings: z.array(z.string().length(1, '让名字结束的字只写一个字')).min(1),
        /** Second characters that make a surname-like start a word and a verb ("都要", "和我"), read without a cue. */
        wordSeconds: z.array(z.string().length(1, '第二个字只写一个字')).min(1),
        /**
         * Surnames that are also common words (都, 和, 于, 时, 常): right after a relative's word they start no full name of
         * three characters whose second is one of `wordSeconds` ("我妈都要绑", "我爸时不时").
         */
        surnamesAlsoWords: z.array(z.string().length(1, '只写一个字')).default([]),
        /** Words that look like names (a surname-like first character) but are not: a name holding one is none. */
        notNames: z.array(z.string().min(2, '不是名字的词至少写两个字：一个字会让含有它的名字都认不出')).min(1),
        /** Words that are no name when they are the whole of it (周一, 周末), though a name may hold one (周一鸣). */
        notWholeNames: wordList.default([]),
        /** How the name of a district, county or town ends (区, 县, 镇): "我是朝阳区的李建国" passes over the place to the name. */
        placeEndings: wordList.default([]),
        /** Filler words said between a cue and the name, as by voice input ("我儿子叫那个高宇航", "我叫嗯王芳"): skipped. */
        fillers: wordList.default([]),
        /** Words for the assistant said right before a cue ("你的名字叫小美", "你叫啥"): the assistant is named, nobody to file. */
        assistant: wordList.default([]),
        /** Verbs that start like a surname, said right after a relative ("给我儿子关联我的账户"): what is done, no name. */
        verbsAfterRelative: z.array(z.string().min(2, '动词至少写两个字')).default([]),
        /** Characters of `endings` that also end given names (黎伯添): they end a name only when more Han text follows. */
        endingsAlsoInNames: z.array(z.string().length(1, '只写一个字')).default([]),
        /** In a cue or before a relative's name, these say a name follows ("叫赵可欣"): `wordSeconds` then make no verb. */
        namingWords: wordList.default([]),
        /** Before a name only when a number follows it, in fast typing without 叫 ("我徐晨 3301…"): 我, 俺. */
        beforeNumbers: wordList.default([]),
        /**
         * Characters Mongolian, Tibetan, Uyghur and Kazakh names are written in (其其格, 扎西多吉, 阿依古丽): the whole answer
         * to a name question made only of them is a name with no Han surname.
         */
        transliterated: z.array(z.string().length(1, '只写一个字')).default([]),
      })
      .strict(),
    lending: z
      .object({
        /** Right before the relative who lends ("用我女儿的号"): 用, 借, 填. */
        verbs: wordList.min(1),
        /** Right after the relative: the number lent (手机, 电话, 号). */
        numbers: wordList.min(1),
        /** After the person's own 我的, 俺的: their account spoken of (钱, 卡, 账户), which is no number they lend. */
        account: wordList.default([]),
        /** Between 我 and the account ("用我这个账户给她交"): 这个, 那个. */
        accountPointers: wordList.default([]),
        /** Between the relative and the number they lend: 的, and 嘅 in 粤语 ("留我老婆嘅13925…"). */
        owners: wordList.default(['的']),
        /** Right after a number, before the relative who lends it ("电话139…，是他们儿子的号"): 是, 用的是. */
        ownedAfter: wordList.default([]),
      })
      .strict(),
    /**
     * "贴成我女儿的了，妈妈的是…": a relative right after one of these (a 我/俺 and a 家 may stand between) and right before
     * 的 owns a value typed by mistake, and is nobody to bind.
     */
    mistakenFor: z.object({ verbs: wordList.min(1) }).strict(),
    /**
     * "我爸说只给我妈一个人弄": right after a person (a relative or a pronoun), these words pass on what that person says,
     * and what follows is read as a clause of its own.
     */
    relaying: wordList.default([]),
    missingDetail: z
      .object({
        /** After a bare relative word opening a clause ("娃还没有手机"): 没有, 不会用… */
        lacks: wordList.min(1),
        /** …the detail they lack: 手机, 身份证… */
        details: wordList.min(1),
        /** Or this alone: 太小, 还小 ("娃太小"). */
        young: wordList,
      })
      .strict(),
    /** Right before a relationship word, these make it a description of someone, not a relative: 一位大爷. */
    describers: wordList,
    /** Right after a surname, these address someone and name no relative: 刘大爷, 赵阿姨. */
    describedBySurname: wordList.default([]),
    /** Right before a relationship word, these point back at someone already named: 就这一个 (娃), 这俩. */
    pointingBack: wordList.optional(),
    /** Opening a clause right after a relative: the same relative said again another way ("他女儿，也就是我妹"). */
    sameOne: wordList.default([]),
    /**
     * How people address the one answering at the start of a message ("妹儿，我要给屋头人办…", "姑娘，帮我看下"): a word
     * of `words` opening the message, perhaps after one of `openers`, then a pause and one of `then`, names no relative.
     */
    addressing: z.object({ openers: wordList, words: wordList, then: wordList }).strict().optional(),
    /**
     * "从现在开始你是我的女朋友": a relationship word right after one of `before` (你, 您) and one of `verbs` (是, 当,
     * 扮演), a 我/俺 and a 的 perhaps between, casts the assistant as that relative; it names no relative to bind.
     */
    assistantCast: z.object({ before: wordList, verbs: wordList }).strict().optional(),
    /**
     * How a character of a name is explained by a word holding it ("同学的学", "孙子的孙字"): the words joining the word
     * to its character (的, 那个), and what may follow the character (字). Such a word names nobody. `spelled`: a
     * character told by its parts whole (木子李, 弓长张); `parts`: a part said before the character (三点水的, 王字旁的).
     */
    /**
     * Which of two relatives of one kind a word means: one of `eldest` or `youngest` right before it ("大儿子", "小闺女"),
     * told apart by the birth dates on their ID numbers; a word right after one of `notMeant` ("不是大儿子，是小儿子")
     * is the one not meant.
     */
    seniority: z.object({ eldest: wordList, youngest: wordList, notMeant: wordList }).strict().default({ eldest: [], youngest: [], notMeant: [] }),
    characterGloss: z.object({ joins: wordList, after: wordList, spelled: wordList.default([]), parts: wordList.default([]) }).strict().default({ joins: [], after: [], spelled: [], parts: [] }),
    /** Pronouns that say whose details follow: the member's (她, 对方) or the applicant's (我, 本人). */
    pronouns: z
      .object({
        member: wordList.min(1),
        applicant: wordList.min(1),
        /** Right after a pronoun ("我抄错了"), who made a mistake: the pronoun then cues nobody's detail. */
        erred: wordList.default([]),
        /** What may stand between that pronoun and the mistake: 刚才, 不小心. */
        erredBy: wordList.default([]),
        /** Right after a pronoun ("我把王芳的…"), the pronoun does something to what follows and cues nobody's detail. */
        acting: wordList.default([]),
      })
      .strict(),
    /** Words for a detail spoken of without its value ("他的身份证在抽屉里"): whose it is is read as a value's. */
    detailWords: z.object({ idNumber: wordList, phone: wordList }).strict(),
    /**
     * Around a name with no relationship word that the message asks about ("帮我查查王桂兰的看病记录"): the words
     * after which such a name stands (查查, 看看), besides a clause's start, and those right after it that make it the
     * owner or the subject of what is asked (的, 有没有, 都), and those right after these that make it a question about
     * the rules, not about the person's records (资格, 条件: "李建军有没有资格开共济"). Left out: no such name is read.
     */
    askedAbout: z.object({ lookups: wordList, owns: wordList.min(1), rules: wordList.default([]) }).strict().optional(),
    /**
     * Someone picked out by part of an ID or phone number ("尾号6218的那个人": one of `parts`, or one of `positions` with a
     * count and 位) or by a whole number followed by one of `persons` ("139…，你查查这人"): nobody the person may ask
     * after unless the number is said to be their own or a relative's. Left out: no one is read so.
     */
    pickedOutByNumber: z.object({ parts: wordList, positions: wordList.default([]), persons: wordList.default([]), records: wordList.default([]) }).strict().optional(),
    /**
     * Someone who looks after an old person at home types for them (a live-in helper, a carer, a neighbour, a volunteer):
     * the typist says who they are with one of `helpers` after one of `introducers` in the clause ("我是这家的保姆") or
     * right before one of `acting` ("护工帮老太太…"), or names the old person right after one of `around` ("隔壁大爷",
     * "我照顾的阿婆"). The old person is the first of `elders` not right after one of `owners` (我家老先生 is the typist's
     * own husband): they apply, and a word of `elders` of the other sex named beside them is their spouse. Left out: no one
     * is read so.
     */
    household: z
      .object({
        helpers: wordList.min(1),
        introducers: wordList.min(1),
        acting: wordList.default([]),
        around: wordList.default([]),
        owners: wordList.default([]),
        elders: z.object({ male: wordList, female: wordList, either: wordList.default([]) }).strict(),
      })
      .strict()
      .optional(),
    /**
     * A member already accepted, taken out of the application before it is filed: named in a clause with one of
     * `drop` ("把郭凤霞去掉", "不给我妈办了"), or every other one when those named follow one of `keepOnly` ("只绑我妈")
     * or, in a clause dropping nobody, come before one of `keepOnlyAfter` ("给他妈办就行").
     */
    removal: z
      .object({ drop: wordList, keepOnly: wordList, keepOnlyAfter: wordList.default([]), switchTo: wordList.default([]), boundBy: wordList.default([]), bound: wordList.default([]), boundFor: wordList.default([]), consulted: wordList.default([]) })
      .strict()
      .default({ drop: [], keepOnly: [], keepOnlyAfter: [], switchTo: [], boundBy: [], bound: [], boundFor: [], consulted: [] }),
    /**
     * Kinship words as voice and pinyin input write them ("老半" for 老伴, "儿纸" for 儿子, "闺nv" for 闺女): each word
     * meant, with the forms typed for it, read as that word before anything else reads the message; a form inside one of
     * `not` ("老半天") is left as typed.
     */
    misheard: z.object({ words: z.record(z.string().min(1), wordList), not: wordList }).strict().default({ words: {}, not: [] }),
    /**
     * A no as voice input writes it with a kinship character ("妹有啦" for 没有啦: 妹 sounds like 没): each word meant,
     * with its forms, read as that word only where a form opens a clause (after any of `openers`) and nothing but `rest`
     * words follow it to the clause's end; "我妹有医保", "妹有医保卡吗" are left as typed.
     */
    misheardNo: z.object({ words: z.record(z.string().min(1), wordList), openers: wordList, rest: wordList }).strict().default({ words: {}, openers: [], rest: [] }),
  })
  .strict();
export type PeopleFile = z.infer<typeof PeopleFileSchema>;
/** Content without a people file knows no cue about people: every list empty. */
export const noPeopleFile: PeopleFile = {
  names: { strongCues: [], weakCues: [], mistakes: [], corrected: [], endings: [], wordSeconds: [], surnamesAlsoWords: [], notNames: [], notWholeNames: [], placeEndings: [], fillers: [], assistant: [], verbsAfterRelative: [], endingsAlsoInNames: [], namingWords: [], beforeNumbers: [], transliterated: [] },
  lending: { verbs: [], numbers: [], account: [], accountPointers: [], owners: ['的'], ownedAfter: [] },
  mistakenFor: { verbs: [] },
  relaying: [],
  missingDetail: { lacks: [], details: [], young: [] },
  pronouns: { member: [], applicant: [], erred: [], erredBy: [], acting: [] },
  describers: [],
  sameOne: [],
  describedBySurname: [],
  characterGloss: { joins: [], after: [], spelled: [], parts: [] },
  seniority: { eldest: [], youngest: [], notMeant: [] },
  detailWords: { idNumber: [], phone: [] },
  removal: { drop: [], keepOnly: [], keepOnlyAfter: [], switchTo: [], boundBy: [], bound: [], boundFor: [], consulted: [] },
  misheard: { words: {}, not: [] },
  misheardNo: { words: {}, openers: [], rest: [] },
};

/**
 * flows/nlu/subjects.yaml: the words that name whose something is — the person asking, a relative, someone outside
 * the family — for the classifiers that must tell "我的手机号错了" from "我妈的手机号错了" (see subjectFeatures.ts).
 */
export const SubjectsFileSchema = z
  .object({
    $schema: z.string().optional(),
    /** The person asking: 我, 俺, 本人… (the mark of 我自己 / 本人 counts too). */
    self: wordList.min(1),
    /** A relative without a relationship word: 家人, 他, 她… (every relationship word counts too). */
    relative: wordList.min(1),
    /** Someone outside the family: 别人, 外人… */
    stranger: wordList,
    /** Between the person and a relative, making the person only the one whose relative it is: 我的妈, 俺家老头子. */
    linkers: wordList,
    /** Words that contain a subject word but name nobody: 其他, 其它. */
    phrases: z.array(z.string().min(2)),
  })
  .strict();
export type SubjectsFile = z.infer<typeof SubjectsFileSchema>;

/**
 * flows/nlu/questionWords.yaml: the words that make a clause ask (吗, 啥, 怎么, 能不能, 想问…). In a long message the
 * FAQ topic leans towards the clauses holding one, or followed by a question mark, over the context said around them.
 */
export const QuestionWordsFileSchema = z
  .object({
    $schema: z.string().optional(),
    words: wordList.min(1),
    /** Words that ask only at the end of a clause: "卡里的钱俺能用不", "行没". */
    endings: wordList,
    /** Words holding a question word that ask nothing: "政策什么的不用讲了" closes a list with 什么的. */
    notAsking: wordList.default([]),
    /**
     * Words by which a message asks the assistant to act (帮我, 你给, 替我, 麻烦您, 唔该): "能帮我给我妈绑上吗" asks for
     * something done though it asks in words, where "能给我妈绑吗" asks whether it may be done.
     */
    askingToAct: wordList.default([]),
    /**
     * Words ending a message that check a claim heard (真的假的, 是真的吗, 靠谱吗): "群里有人说公婆也能绑定，真的假的"
     * asks whether the claim is so, and nothing to be done, whatever the claim says.
     */
    checksClaim: wordList.default([]),
    /**
     * Words that suppose (要是, 万一, 以后): "以后要是想解绑，在哪里弄？" imagines an unbinding and asks how it would be
     * done; it asks for no unbinding or check now.
     */
    supposing: wordList.default([]),
    /**
     * Words that put a binding in the past (已经, 之前, 昨天, 去年): "我昨天才给她绑上共济，这次住院的钱能从我账户出吗"
     * tells of a binding made and asks about it; it asks for no binding now.
     */
    alreadyDone: wordList.default([]),
    /**
     * Words opening a clause that says what a request is for ("我想把家里人绑上，让他看病也能花我账户里的钱"): such a
     * clause asks only in words, however much it reads like a question without its question mark.
     */
    purposes: wordList.default([]),
  })
  .strict();
export type QuestionWordsFile = z.infer<typeof QuestionWordsFileSchema>;

/**
 * flows/nlu/roles.yaml: the words that say which side of 家庭共济 a person named is on — the one whose account is
 * shared (gives) or the relative who uses it (receives) — and the places said without a name; the FAQ reads whose side
 * a concern is said of and whether a message speaks of two places (see roleFeatures.ts).
 */
export const RolesFileSchema = z
  .object({
    $schema: z.string().optional(),
    /** Right before a person (before) or after them (after, modals skipped): they receive. */
    receiving: z.object({ before: wordList, after: wordList }).strict(),
    /** Right before a person, right after them (what is theirs), or after them towards another person: they give. */
    giving: z.object({ before: wordList, after: wordList, toward: wordList }).strict(),
    modals: wordList,
    /** Words that speak of the relative named just before them. */
    pronouns: wordList,
    /** A side said as a noun: 被绑定的人, 授权人. */
    sides: z.object({ receiving: wordList, giving: wordList }).strict(),
    /** A binding word with nobody after it, said of the only person named: they are the one to bind. */
    bindWords: wordList,
    /** First words of synonym groups: the concerns whose side is read. */
    concerns: wordList,
    /** Places said without a name: 老家, 外地. */
    elsewhere: wordList,
    /** Words joining relatives listed together ("爸爸和妈妈"): the words before the list speak of each. */
    joiners: wordList.default([]),
    /** Right after a concern said before anyone: it describes the person after it ("居民医保的老人"). */
    describers: wordList.default([]),
  })
  .strict();
export type RolesFile = z.infer<typeof RolesFileSchema>;
/** Content without a roles file reads no sides and no places. */
export const noRoles: RolesFile = {
  receiving: { before: [], after: [] },
  giving: { before: [], after: [], toward: [] },
  modals: [],
  pronouns: [],
  sides: { receiving: [], giving: [] },
  bindWords: [],
  concerns: [],
  elsewhere: [],
  joiners: [],
  describers: [],
};

const regionNameWord = z.string().regex(/^[\p{Script=Han}A-Za-z·]{2,12}$/u, '地名写 2 到 12 个汉字（一个字的简称只在整句只有它时才认，已在 src/domain/regions.ts）');

/**
 * flows/nlu/regionNames.yaml: more names people use for the regions the assistant knows (src/domain/regions.ts) —
 * the province's or city's government-service or medical-insurance app, nicknames and literary names, short forms
 * said in running text, districts and counties, telephone area codes — and words that hold such a name and name no
 * single region. A wrong region is worse than none (with none the assistant asks): only names that mean one region.
 */
export const RegionNamesFileSchema = z
  .object({
    $schema: z.string().optional(),
    regions: z
      .array(
        z
          .object({
            /** A region of src/domain/regions.ts (a province's or a city's code); a district is said as its city. */
            code: z.string().regex(/^\d{6}$/, '地区代码是 6 位数字'),
            /** Its government-service or medical-insurance app (浙里办); never one that serves every province. */
            apps: z.array(regionNameWord).default([]),
            /** Nicknames and literary names (魔都, 蓉城, 齐鲁). */
            nicknames: z.array(regionNameWord).default([]),
            /** Two-character short forms said in running text (豫北, 苏南). */
            shortForms: z.array(regionNameWord).default([]),
            /** Districts and counties of the city (浦东, 天河区). */
            districts: z.array(regionNameWord).default([]),
            /** Telephone area codes, with the leading 0 (0411). */
            areaCodes: z.array(z.string().regex(/^0\d{2,3}$/, '区号是 0 加两三位数字')).default([]),
          })
          .strict(),
      )
      .min(1),
    /** A telephone area code counts only right after (区号, 我这边) or right before (的, 这边) one of these: 0315 may be a birthday. */
    areaCodeCues: z.object({ before: wordList, after: wordList }).strict().default({ before: [], after: [] }),
    /** Words that hold a name above and name no single region (山城区 is in 鹤壁): read as no region at all. */
    notRegions: z.array(regionNameWord).default([]),
    /** After a name, these make it someone's surname (中原先生). */
    titles: z.array(z.string().min(1)).default([]),
    /**
     * Words that only frame a place said alone ("我在大连", "俺是泰安的", "参保地370902"): a message of places and these
     * words says where the person is insured, where "北京烤鸭" names a place and asks nothing of this service.
     */
    placeFraming: wordList.default([]),
    /**
     * Right after a place, these only point at it ("湖南这边", "大连那边"): masked with the place, so that where a person
     * is never decides the topic ("这边" leant "湖南这边能把孙子绑上吗" to the limits).
     */
    placeSides: wordList.default([]),
    /**
     * Right before a place, these say someone lives or stays there ("我住昆山", "老家在河南", "人在北京出差"): where a
     * message names another place too, that other one is where the person is insured.
     */
    stayingCues: wordList.default([]),
  })
  .strict();
export type RegionNamesFile = z.infer<typeof RegionNamesFileSchema>;
export const regionNameKinds = ['apps', 'nicknames', 'shortForms', 'districts'] as const;
/** Content without a region-names file knows the table's names alone. */
export const noRegionNamesFile: RegionNamesFile = { regions: [], areaCodeCues: { before: [], after: [] }, notRegions: [], titles: [], placeFraming: [], placeSides: [], stayingCues: [] };

/**
 * What a kinship word means: one of the relationships the form binds, or why the person cannot be bound
 * (src/domain/relationship.ts).
 */
export const kinshipMeanings = [...relationships, ...ineligibleReasons] as const;
export type KinshipMeaning = (typeof kinshipMeanings)[number];
const kinshipMeaning = z.string().min(1).describe(`${kinshipMeanings.join('、')}`);

/**
 * flows/nlu/kinship.yaml: the words people use for family (老伴, 闺女, 老汉, 查某囝…), each under what it means, and
 * the words the reader of src/domain/relationship.ts builds the rest from: the "A的B" phrase tables, whose a relative
 * is, words read only after whose they are (我儿, 阮后生, 我个仔), words naming a mother and her children together
 * (娘儿俩), and the words that say a relative's sex. The reading (the longest word wins, how a phrase is joined) stays
 * in code. content:check refuses a word under two meanings, a meaning it does not know and an empty list.
 */
export const KinshipFileSchema = z
  .object({
    $schema: z.string().optional(),
    /** Meaning → its words; the first word of each relationship is how the form writes the relationship back. */
    words: z.record(kinshipMeaning, wordList),
    /** "A的B": every owner with every relative, joined by each joiner (and with nothing between when `joined`). */
    phrases: z
      .object({
        joiners: wordList.min(1),
        tables: z.array(z.object({ meaning: kinshipMeaning, owners: wordList.min(1), relatives: wordList.min(1), joined: z.boolean().default(false) }).strict()).default([]),
      })
      .strict(),
    /** Whose the relative is, before a whole answer: 我家, 俺, 阮. */
    possessives: wordList,
    /**
     * Words read in text only right after one of `owners` (or one of `openers` opening the message or a clause, or,
     * where `opensClause`, opening one themselves) and not right before one of `notBefore` (我儿, 我个仔, 粤 "個女陳詠琪，…",
     * "…；仔黄梓睿，…").
     */
    ownedWords: z
      .array(
        z
          .object({ words: wordList.min(1), meaning: kinshipMeaning, owners: wordList.min(1), openers: wordList.default([]), opensClause: z.boolean().default(false), notBefore: wordList.default([]), classifiers: wordList.default([]) })
          .strict(),
      )
      .default([]),
    /** Words naming a mother and her children together (娘儿俩): found like the words, then dropped. */
    groups: wordList.default([]),
    /** Words with a relative's word inside that name no relative (一家公司 holds 家公): found like the words, then dropped. */
    notRelatives: wordList.default([]),
    /** Words that say the relative's sex where the meaning does not (儿子, 闺女). */
    sex: z.object({ male: wordList, female: wordList }).strict(),
  })
  .strict();
export type KinshipFile = z.infer<typeof KinshipFileSchema>;
/** Content without a kinship file knows no kinship word. */
export const noKinshipFile: KinshipFile = { words: {}, phrases: { joiners: [], tables: [] }, possessives: [], ownedWords: [], groups: [], notRelatives: [], sex: { male: [], female: [] } };

/** An English word or phrase as the glossary keys it and a message is read: lower-case letters (an apostrophe inside), one space between words. */
const englishWord = z.string().regex(/^[a-z]+(?:'[a-z]+)?(?: [a-z]+(?:'[a-z]+)?)*$/, "英文词写小写字母，词间一个空格（例：dad、application status、that's all）");

/**
 * flows/nlu/latinWords.yaml: English words people mix into Chinese ("我dad", "upload什么document", "人脸verify一直
 * fail"), each with the Chinese word meant. Every message is read with them replaced (whole words, case ignored, the
 * longest phrase first) before anything else reads it, so the classifiers see the Chinese their examples teach
 * (latinText.ts). Only words whose meaning does not depend on the sentence; a word that is also one pinyin syllable
 * ("he", "ma") is read as pinyin inside a sentence typed all in pinyin.
 */
export const LatinWordsFileSchema = z
  .object({
    $schema: z.string().optional(),
    words: z.record(englishWord, z.string().regex(/^[\p{Script=Han}a-z0-9]+$/u, '写成中文词（可带小写字母和数字，如 app），不带空格和标点')),
    /** English words with no meaning of their own in a question (the, to, does): read as nothing. */
    ignored: z.array(englishWord).default([]),
  })
  .strict()
  .superRefine((file, context) => {
    file.ignored.forEach((word, index) => {
      if (word in file.words) context.addIssue({ code: z.ZodIssueCode.custom, path: ['ignored', index], message: `“${word}”已在 words 里有中文，不能同时忽略` });
    });
  });
export type LatinWordsFile = z.infer<typeof LatinWordsFileSchema>;
/** Content without a glossary reads English words as typed. */
export const noLatinWords: LatinWordsFile = { words: {}, ignored: [] };

/** The examples of all files, as the trainer and the checker see them. */
export type NluContent = {
  examples: (ExampleGroup & { family: LabelFamily; file: string; path: string })[];
  regionMentions: RegionMentionsFile;
  negation: NegationFile;
  filingFor: FilingForFile;
  people: PeopleFile;
  subjects: SubjectsFile;
  questionWords: QuestionWordsFile;
  roles: RolesFile;
  regionNames: RegionNamesFile;
  latinWords: LatinWordsFile;
  kinship: KinshipFile;
};
