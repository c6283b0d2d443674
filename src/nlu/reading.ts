import { z } from 'zod';
import { IntentSchema, RefusalClassSchema } from '../content/nluSchema.js';
import { RelationshipSchema, TopicSchema } from '../content/schema.js';
import { ineligibleReasons } from '../domain/relationship.js';

/** Whose value it is, when the wording shows it: the person applying, or the family member to bind. */
export const RoleSchema = z.enum(['applicant', 'member']).nullable();
export type Role = z.infer<typeof RoleSchema>;

export const RelationshipMatchSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('eligible'), relationship: RelationshipSchema, word: z.string() }),
  z.object({ kind: z.literal('ineligible'), reason: z.enum(ineligibleReasons), word: z.string() }),
]);
export type RelationshipMatch = z.infer<typeof RelationshipMatchSchema>;

const span = { start: z.number().int(), end: z.number().int() };

/** 她 or 他: the person someone speaks of ("她说她叫孙桂芝，想给她老伴绑"), who then applies. */
/** Whom a person retelling a caller speaks of: the pronoun that owns the relative (她/他), or the word that described the caller ("有位大爷…他老伴": 大爷). */
export const SpokenOfSchema = z.string().min(1);
export type SpokenOf = z.infer<typeof SpokenOfSchema>;
/** Whose number a relative's phone is (see Reading.lentBy). */
export const LentBySchema = z.object({ relationship: RelationshipSchema, ofMember: z.boolean() });
export type LentBy = z.infer<typeof LentBySchema>;

/** Positions are UTF-16 offsets into the reading's normalised text; `end` is exclusive. */
export const EntitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idNumber'), raw: z.string(), ...span, role: RoleSchema }),
  z.object({ kind: z.literal('phone'), raw: z.string(), ...span, role: RoleSchema }),
  z.object({ kind: z.literal('name'), value: z.string(), ...span, role: RoleSchema }),
  /**
   * `role` is whose relative the word names: "我妈" names the member (the default); in "我是她女儿" the applicant.
   * `actsFor`: the person typing files for this relative, who is the applicant ("我替我爸办，给我妈绑": 我爸 applies,
   * and 我妈 is named as the typist's relative, not the applicant's). `doneFor`: the words around it say the person does
   * this for that relative ("我是替我爸办的"), with no one else named to bind: inside a form whose relative to bind is
   * known, that relative applies (flows/nlu/filingFor.yaml).
   */
  z.object({
    kind: z.literal('relationship'),
    match: RelationshipMatchSchema,
    ...span,
    role: RoleSchema,
    actsFor: z.boolean().optional(),
    doneFor: z.boolean().optional(),
    /** "她老伴", "他的闺女": whose relative it is, when it is someone spoken of (who applies), not the person typing. */
    ownedBy: SpokenOfSchema.optional(),
    /** "就这一个娃", "这俩孩子都绑了": pointed at with 这, someone already spoken of rather than one more. */
    pointedBack: z.boolean().optional(),
  }),
  /** A region by name ("大连", "浙里办", "魔都"), by its 6-digit administrative code ("210200") or by its area code ("0411"). */
  z.object({ kind: z.literal('region'), code: z.string(), name: z.string(), via: z.enum(['name', 'code', 'areaCode']), ...span }),
  /** A 6-digit one-time code sent by SMS: told from a region code by the pending question and the words around it. */
  z.object({ kind: z.literal('oneTimeCode'), value: z.string(), ...span }),
  /** An authorization record number as the back end issues it (GJ + region + date + sequence). */
  z.object({ kind: z.literal('recordNumber'), value: z.string(), ...span }),
  /** A calendar date, as YYYY-MM-DD. */
  z.object({ kind: z.literal('date'), value: z.string(), ...span }),
]);
export type Entity = z.infer<typeof EntitySchema>;
export type EntityKind = Entity['kind'];

/**
 * A detail spoken of without its value ("他的身份证在抽屉里，我去拿"), with whose it is by the same cues as a value's
 * role (null: nothing shows it).
 */
export const DetailMentionSchema = z.object({ field: z.enum(['idNumber', 'phone']), ...span, role: RoleSchema });
export type DetailMention = z.infer<typeof DetailMentionSchema>;

export const YesNoSchema = z.enum(['yes', 'no']).nullable();
export type YesNo = z.infer<typeof YesNoSchema>;

export const ScoredIntentSchema = z.object({ intent: IntentSchema, score: z.number() });
export const FaqCandidateSchema = z.object({ entryId: z.string(), topic: TopicSchema, score: z.number() });
export type FaqCandidate = z.infer<typeof FaqCandidateSchema>;
export const TopicScoreSchema = z.object({ topic: TopicSchema, score: z.number() });
export type TopicScore = z.infer<typeof TopicScoreSchema>;

/**
 * One reading of one message, made once per turn by `read` and used by every later step: the router, the form,
 * the FAQ answer. Nothing downstream normalises, segments or scans the text again.
 */
export const ReadingSchema = z
  .object({
    /** As typed. */
    text: z.string(),
    normalised: z.string(),
    /** Jieba's words of the normalised text. */
    tokens: z.array(z.string()).readonly(),
    entities: z.array(EntitySchema).readonly(),
    /** Details named without a value, and whose (see DetailMentionSchema). */
    mentions: z.array(DetailMentionSchema).readonly(),
    /**
     * The old person a helper at home says they type for ("我是保姆，替家里老先生打字": 老先生, flows/nlu/people.yaml
     * `household`), who applies; null when the message says of none.
     */
    typedFor: SpokenOfSchema.nullable().default(null),
    /**
     * The relative whose phone number is lent without being typed ("他没手机，用我老婆的号": spouse), and whether they are
     * the member's relative, said with the member's pronoun ("娃没手机，用他妈的号": mother, of the member); null when none is.
     */
    lentBy: LentBySchema.nullable().default(null),
    /**
     * Whether it names someone outside the family (a colleague, a neighbour, 别人: flows/nlu/subjects.yaml), or someone
     * by a bare name who is neither the person typing nor named as a relative ("查下张丽华的审核": namesSomeoneElse), or
     * someone picked out by a number ("尾号6218的那个人": pickedOutByNumber).
     */
    namesOutsider: z.boolean(),
    /** Whether a clause asks in words: a question word or ending, an A-not-A, a question mark (questionWords.yaml). */
    asksInWords: z.boolean().default(false),
    /** Whether it names the sharing itself (共济, 个账共济, 家庭共济账户…: its synonym group in flows/synonyms.yaml). */
    namesTheSharing: z.boolean().default(false),
    /** Whether it says only where the person is: places and the words that frame one ("我在大连", "370902"; regionNames.yaml `placeFraming`). */
    onlyAPlace: z.boolean().default(false),
    /**
     * Whether it asks about someone named by a bare name, as the owner or subject of what it asks ("王建军的共济绑了
     * 几个人", "帮我查查王桂兰的看病记录") or about someone picked out by (part of) a number that is not the person's own
     * or a relative's ("身份证开头3701的那位批下来没"): their data, whatever the classifiers make of the words. Only with
     * nothing pending, and for a name only with no ID or phone number given: inside a form a name beside a detail is a
     * value to file.
     */
    asksAboutNamed: z.boolean(),
    /** The region the message names, the most specific one (a city over its province). */
    region: z.object({ code: z.string(), name: z.string() }).nullable(),
    /**
     * Whether it names a relative's place in another province than its other place, or than the conversation's region
     * when it names no other ("在河北交的 想给天津的老爹用"; placesApart.ts).
     */
    placesApart: z.boolean().default(false),
    /** Intents recognised, in the order they appear (a message may greet and ask to bind). */
    intents: z.array(IntentSchema).readonly(),
    /** Every intent's probability, the highest over the whole message and each of its clauses, best first. */
    intentScores: z.array(ScoredIntentSchema).readonly(),
    /** Affirm or deny, in all their forms, read as an answer to a yes/no question. */
    yesNo: YesNoSchema,
    /** Why this message would be refused, with its probability; `in_scope` when it would not. */
    refusal: z.object({ class: RefusalClassSchema, score: z.number() }),
    /** FAQ entries, best first, with calibrated probabilities. */
    faq: z.array(FaqCandidateSchema).readonly(),
    /** FAQ topics, best first, with calibrated probabilities. */
    topics: z.array(TopicScoreSchema).readonly(),
    /**
     * A question asked after a request to bind, unbind or check, in a clause of its own ("帮我妈办，她身份证要原件吗"): the topic that
     * clause asks about read alone, when it is sure of one. Null when no clause after the request asks something of its
     * own — a bare "行不行", "现在能办不" asks for the request itself.
     */
    askedAfterRequest: TopicScoreSchema.nullable(),
    /**
     * The request a message ends with after a clause that asks ("深圳医保家庭共济怎么绑老婆，直接帮我办吧", "怎么申请，我现在
     * 就想办"): the last clause asks nothing itself and reads surely as that request, whatever the question before it
     * weighs in the whole message. Null otherwise.
     */
    requestLast: z.enum(['start_binding', 'unbind', 'status']).nullable().default(null),
    /**
     * A message asking several questions ("1.能绑几个人 2.要带啥"): the best entry of each of its other questions (each
     * asking clause read alone, sure of its topic), other than the entry the whole message leans to; in the order
     * asked. The answer offers them (route.ts).
     */
    otherQuestions: z.array(FaqCandidateSchema).readonly().default([]),
    /**
     * What the message points at, for a correction or an answer to "whose?": the detail it names (null: none or
     * unsure), whether it speaks of the person's own ("我的手机号", "本人"), and whether of the whole application
     * ("不办了", "全部取消") rather than a part ("算了", "她就不绑了").
     */
    target: z.object({
      field: z.enum(['name', 'idNumber', 'phone']).nullable(),
      own: z.boolean(),
      whole: z.boolean(),
      /**
       * Each clause's detail and whose, read alone, when the message has more than one ("娃叫马小龙，身份证…，没手机就填
       * 我的": the last clause speaks of the person's own phone while the message is mostly the relative's details), and
       * whether it asks in words ("孙子哪有手机，写我的": the first clause asks only in passing; the second says what to do).
       */
      clauses: z.array(z.object({ ...span, field: z.enum(['name', 'idNumber', 'phone']).nullable(), own: z.boolean(), asks: z.boolean() })).readonly().optional(),
    }),
  })
  .readonly();
export type Reading = z.infer<typeof ReadingSchema>;

/** How strongly a reading gives an intent (0 when the intent is not among its scores). */
export function intentScore(reading: Pick<Reading, 'intentScores'>, intent: Reading['intents'][number]): number {
  return reading.intentScores.find((scored) => scored.intent === intent)?.score ?? 0;
}

/** What `read` is told of the conversation: the question pending, which decides what a bare 6 digits are. */
export const ReadContextSchema = z.object({
  /** A slot key of the binding flow, `oneTimeCode` while a code sent by SMS is awaited, or null. */
  pending: z.string().nullable(),
  /**
   * In a form typed for someone spoken of (a hotline agent retelling a caller: "她说她叫…，想给她老伴绑"), the pronoun
   * that names them: their details are the applicant's ("她身份证…").
   */
  spokenOf: SpokenOfSchema.nullable().optional(),
  /** Whether a binding form is open (asking a detail, or whether anyone else is to be added, or for the pledge). */
  formOpen: z.boolean().optional(),
  /** The code of the region the conversation is in, when known: a relative placed in another province is apart from it. */
  region: z.string().nullable().optional(),
});
export type ReadContext = z.infer<typeof ReadContextSchema>;

/** The part of a reading the form and the account dialogs take values from. */
export type Extraction = Pick<Reading, 'entities' | 'yesNo'>;
