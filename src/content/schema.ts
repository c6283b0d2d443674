import { z } from 'zod';
import type { RegionFile } from './regionPolicySchema.js';
import type { NluContent } from './nluSchema.js';

/**
 * The schemas of everything editors own in `flows/` and `prompts/`.
 * They are the only source of the content types (z.infer) and of the JSON Schema editors get completion from.
 * Cross-file rules (validator names, region codes, placeholders, duplicate ids) live in `checkContent.ts`,
 * because a single file's schema cannot see the others.
 */

export const topics = [
  'what_is',
  'eligibility',
  'who_can_bind',
  'how_to_bind',
  'materials',
  'limits',
  'face_auth',
  'review',
  'usage_scope',
  'premium_payment',
  'cross_region',
  'unbind',
  'qinqing_difference',
  'card_rules',
] as const;
export const TopicSchema = z.enum(topics);
export type Topic = z.infer<typeof TopicSchema>;

/** Canonical relationships (the 8 classes of 近亲属 folded to what the forms distinguish). */
export const relationships = ['spouse', 'father', 'mother', 'child', 'sibling', 'grandparent', 'grandchild'] as const;
export const RelationshipSchema = z.enum(relationships);
export type Relationship = z.infer<typeof RelationshipSchema>;

/** Administrative division code (6 digits, GB/T 2260) or `national` for the national default. */
export const RegionCodeSchema = z.union([z.literal('national'), z.string().regex(/^\d{6}$/, '地区代码应为6位行政区划代码或 national')]);
export type RegionCode = z.infer<typeof RegionCodeSchema>;

/** Internal names of the starting documents; a reader cannot look them up. */
const internalLabel = /种子文件|seed\s*\d|\bS\d\b/i;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const SourceSchema = z
  .object({
    title: z.string().min(2),
    /** Opened by people from the widget: web addresses only, never `javascript:` or `data:`. */
    url: z.url({ protocol: /^https?$/, error: '来源网址只能以 https:// 或 http:// 开头' }).optional(),
    seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, '种子文件名形如 003_38b7a42173c22f55.txt').optional(),
    /** Reliability tier of facts.md: A government, B news, C seed file, D content farm. */
    tier: z.enum(['A', 'B', 'C', 'D']),
    verified: isoDate,
  })
  .strict()
  .refine((source) => source.url !== undefined || source.seed !== undefined, { message: '来源需要 url 或 seed 之一' })
  .refine((source) => !internalLabel.test(source.title), {
    message: '来源标题要写读者能查到的标题（网站或机构：文章标题），不要写“种子文件003”这样的内部编号',
    path: ['title'],
  });
export type Source = z.infer<typeof SourceSchema>;

export const FaqVariantSchema = z
  .object({
    regions: z.array(RegionCodeSchema).min(1),
    answer: z.string().min(10),
    /** Where the regional rule comes from; cited instead of the entry's sources when this variant answers. */
    sources: z.array(SourceSchema).default([]),
  })
  .strict();

export const FaqEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id 只能用小写字母、数字和连字符'),
    topic: TopicSchema,
    question: z.string().min(4),
    paraphrases: z.array(z.string().min(2)).min(2),
    /** The answer for every region the entry applies to, unless a variant names the person's region. */
    answer: z.string().min(10),
    /** `national` or the regions the entry is about (an entry that only concerns, say, 深圳). */
    regions: z.array(RegionCodeSchema).min(1),
    variants: z.array(FaqVariantSchema).default([]),
    /**
     * The answer is rendered from the person's region policy through this template (prompts/messages/answers.yaml);
     * `answer` is then what editors read and what the understanding learns from, never what is said.
     */
    template: z.string().optional(),
    /** Ids of related entries offered as follow-up quick replies. */
    related: z.array(z.string()).default([]),
    sources: z.array(SourceSchema).min(1),
    /**
     * For editors only (never said, never learned from): which questions this entry answers and where it stops
     * against the entries people confuse it with, so examples on the boundary are labelled by one rule.
     */
    notes: z.string().min(4).optional(),
  })
  .strict();
export type FaqEntry = z.infer<typeof FaqEntrySchema>;

export const FaqFileSchema = z
  .object({
    $schema: z.string().optional(),
    entries: z.array(FaqEntrySchema).min(1),
  })
  .strict();
export type FaqFile = z.infer<typeof FaqFileSchema>;

/** Region policy files (facts with their own sources) are defined in regionPolicySchema.ts. */

/** Slot keys of the binding flow (DESIGN.md). */
export const slotKeys = [
  'region',
  'applicant.name',
  'applicant.idNumber',
  'applicant.phone',
  'member.relationship',
  'member.name',
  'member.idNumber',
  'member.phone',
  'consent',
  'confirm',
] as const;
export const SlotKeySchema = z.enum(slotKeys);
export type SlotKey = z.infer<typeof SlotKeySchema>;

export const SlotSchema = z
  .object({
    key: SlotKeySchema,
    /** What the assistant asks. May use {placeholders} naming other slots, e.g. {member.relationship}. */
    prompt: z.string().min(2),
    /** Asked again after an invalid answer, after the reason. */
    reprompt: z.string().min(2),
    /**
     * Said instead of the general offer to pause when the person has no value to give ("不知道", "他没手机"): what
     * else will do for this slot. May use {placeholders} like `prompt`.
     */
    withoutValue: z.string().min(2).optional(),
    /** Name of a validator in the engine's registry (checked at load time). */
    validator: z.string().min(2),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    quickReplies: z.array(z.string()).default([]),
    /** Whether the slot is part of each member (asked again for every member). */
    perMember: z.boolean().default(false),
    optional: z.boolean().default(false),
  })
  .strict();
export type Slot = z.infer<typeof SlotSchema>;

/** A step of the flow as people see it ("第 3 步，共 5 步 · 家人信息"): a title and the slots it asks. */
export const PhaseSchema = z
  .object({
    title: z.string().min(2),
    slots: z.array(SlotKeySchema).min(1),
  })
  .strict();
export type Phase = z.infer<typeof PhaseSchema>;

export const FlowSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    title: z.string().min(2),
    /** Phrases that start this flow: the intent classifier learns them as requests to bind, grouped by likeness with the examples. */
    triggers: z.array(z.string().min(2)).min(1),
    slots: z.array(SlotSchema).min(1),
    /** The steps shown as progress, in order; each slot belongs to exactly one (checked at load). None: no progress shown. */
    phases: z.array(PhaseSchema).default([]),
    /**
     * Whole answers to "还要再添加其他家人吗？" that finish adding ("好了", "行了"): elsewhere the same words agree, so
     * the classifiers read them as a yes; here they say the list is complete. Compared without punctuation.
     */
    addingFinished: z.array(z.string().min(1)).default([]),
    /** Summary before confirmation. Placeholders: slot keys and {members}. */
    summaryTemplate: z.string().min(10),
    /** One line per member inside {members}. Placeholders: member slot keys and {index}, {proofs}. */
    memberSummaryTemplate: z.string().min(5),
    consent: z
      .object({
        title: z.string().min(2),
        text: z.string().min(50),
        prompt: z.string().min(2),
      })
      .strict(),
  })
  .strict();
export type Flow = z.infer<typeof FlowSchema>;

/** Editors' synonym groups: every word of a group is read as the first (for FAQ ranking). */
export const SynonymsFileSchema = z
  .object({
    $schema: z.string().optional(),
    groups: z.array(z.array(z.string().min(1)).min(2)),
  })
  .strict();
export type SynonymsFile = z.infer<typeof SynonymsFileSchema>;

/** Bot wording: message id → template with {placeholders}. One file per area under prompts/messages/. */
export const MessagesFileSchema = z
  .object({
    $schema: z.string().optional(),
    messages: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/), z.string().min(1)),
  })
  .strict();
export type MessagesFile = z.infer<typeof MessagesFileSchema>;

export const LlmPromptsFileSchema = z
  .object({
    $schema: z.string().optional(),
    prompts: z.record(z.string(), z.string().min(10)),
  })
  .strict();
export type LlmPromptsFile = z.infer<typeof LlmPromptsFileSchema>;

/**
 * A conversation test (flows/tests/): a dialogue run through the real engine, runner and back-end rules. Each turn
 * may assert the route, topic, pending slot, form status, slots, member count, words said and not said, and how many
 * applications the back end holds for the applicant. Editors run them on a draft before it is approved.
 */
// YAML reads unquoted digits as a number: 0411 becomes 411 and an 18-digit ID number loses its last digits.
const typedText = z.string({ error: '数字要加引号，例如 "0411"：不加引号会被当成数，开头的0会丢，18位号码的最后几位会变' });

export const ConversationTestTurnSchema = z
  .object({
    /** What the person types; `{code}` stands for the 6-digit code the back end last texted (its SMS stand-in). */
    user: typedText,
    /** Another person's conversation in the same world (started on first use); without it, the main one. */
    session: z.string().min(1).optional(),
    route: z.enum(['faq', 'flow', 'fallback', 'handoff', 'refusal']).optional(),
    topic: TopicSchema.optional(),
    pending: SlotKeySchema.nullable().optional(),
    status: z.string().optional(),
    /** `form: null`: no form is in progress after this turn. */
    form: z.null().optional(),
    /** Slot values as the form shows them (masked); `{}` means none but the region. */
    slots: z.record(z.string(), z.string()).optional(),
    members: z.number().int().min(0).optional(),
    says: z.array(typedText).optional(),
    notSays: z.array(typedText).optional(),
    filed: z.number().int().min(0).optional(),
    /** What the last reply says the pending question expects (null: nothing pending). */
    expects: z.enum(['id_number', 'phone', 'code', 'choice', 'text']).nullable().optional(),
    /** The progress people see after this turn: step, phase title and members added (null: none shown). */
    progress: z
      .object({ step: z.number().int().min(1), of: z.number().int().min(1), phase: z.string(), members: z.number().int().min(0) })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();
export type ConversationTestTurn = z.infer<typeof ConversationTestTurnSchema>;

export const ConversationTestSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(2),
    region: RegionCodeSchema.optional(),
    /** Whose applications `filed` counts; by default the first ID number the person types. */
    applicant: z.string().regex(/^\d{17}[\dX]$/, '身份证号应为18位').optional(),
    turns: z.array(ConversationTestTurnSchema).min(1),
  })
  .strict();
export type ConversationTest = z.infer<typeof ConversationTestSchema>;

/** Everything, loaded and checked: what the engine and the NLU receive. */
export type Content = {
  /** Hash of all files: stored conversation state names the version it started on. */
  version: string;
  faq: FaqEntry[];
  regions: RegionFile[];
  flows: Flow[];
  synonyms: string[][];
  messages: Record<string, string>;
  llmPrompts: Record<string, string>;
  /** Conversation tests, by file: they check the content and never change what the assistant says. */
  tests: { file: string; test: ConversationTest }[];
  /** Examples the classifiers learn from (flows/nlu/*.yaml) and the region mention patterns. */
  nlu: NluContent;
};
