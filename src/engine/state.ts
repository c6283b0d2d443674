import { z } from 'zod';
import { ReadingSchema } from '../nlu/reading.js';
import { RelationshipSchema, SlotKeySchema } from '../content/schema.js';
import { SpokenOfSchema } from '../nlu/reading.js';
import { ApplicationRequestSchema, ApplicationSchema, BindingSchema, CodeSubjectSchema, ConsentRecordSchema } from '../ports/bindingBackend.js';

/**
 * Conversation state: plain versioned JSON, stored between turns. It names the content version it was
 * started on, so a conversation that outlives a content change can continue or restart politely.
 */
export const STATE_SCHEMA_VERSION = 2;

export const MemberDraftSchema = z.object({
  relationship: RelationshipSchema.optional(),
  name: z.string().optional(),
  idNumber: z.string().optional(),
  phone: z.string().optional(),
});
export type MemberDraft = z.infer<typeof MemberDraftSchema>;

export const MemberSchema = MemberDraftSchema.required();
export type Member = z.infer<typeof MemberSchema>;

export const SlotIssueSchema = z.object({ slot: SlotKeySchema, message: z.string() });

/** Whose details: the applicant, the member being collected, or a member already added (by index). */
export const PersonSchema = z.union([z.literal('applicant'), z.literal('current'), z.number().int().min(0)]);
export type Person = z.infer<typeof PersonSchema>;

export const PersonFieldSchema = z.enum(['name', 'idNumber', 'phone', 'relationship']);
export type PersonField = z.infer<typeof PersonFieldSchema>;

/**
 * A correction under way: "手机号填错了" asks whose (`whose`), "修改一下" asks what (`what`, then `field` for a
 * member), and once both are known the next answer goes to that person's field only (`value`).
 */
export const FixSchema = z.discriminatedUnion('step', [
  /** `value`: the new value typed with the correction ("我儿子手机号错了，是139…" with two sons), for whoever is chosen. */
  z.object({ step: z.literal('whose'), field: PersonFieldSchema, people: z.array(PersonSchema), value: z.string().optional() }),
  z.object({ step: z.literal('what') }),
  z.object({ step: z.literal('field'), person: PersonSchema }),
  z.object({ step: z.literal('value'), person: PersonSchema, field: PersonFieldSchema }),
]);
export type Fix = z.infer<typeof FixSchema>;

/** The stages a form is filled in; a paused form returns to the one it was paused at. */
export const FillingStatusSchema = z.enum(['collecting', 'adding', 'consent', 'confirming']);
export type FillingStatus = z.infer<typeof FillingStatusSchema>;

export const FormStateSchema = z.object({
  flowId: z.string(),
  /**
   * collecting slots → adding (asked whether to add another member) → consent → confirming → submitting → submitted | queued.
   * `paused`: the person stepped away; kept for FORM_RETENTION_HOURS and resumed at `pausedFrom`.
   */
  status: z.enum(['collecting', 'adding', 'consent', 'confirming', 'submitting', 'submitted', 'queued', 'refused', 'paused']),
  pausedFrom: FillingStatusSchema.nullable(),
  /** A correction in progress (whose / what / the new value), null otherwise. */
  fix: FixSchema.nullable(),
  /**
   * A closed question the form asked that fills no slot: `goOnOrCancel` after "算了" with members accepted (go on with
   * them, or cancel everything), so that the next "算了" or "嗯" answers it; `moreOrFix` after a bare "不对" at
   * "还要再添加其他家人吗？" (no more members, or something to change?), so that a no then goes on. Added without a
   * version change: null.
   */
  asked: z.enum(['goOnOrCancel', 'moreOrFix']).nullable().default(null),
  /**
   * Where the person was when a correction they made failed its check (the pledge, the summary): the value is asked
   * for again, and once it is in the form goes back there — not on to "还要再添加其他家人吗？", where "确认提交" read as
   * one more relative. Added without a version change: null.
   */
  correctingFrom: z.enum(['consent', 'confirming']).nullable().default(null),
  pending: SlotKeySchema.nullable(),
  region: z.string().optional(),
  applicant: z.object({ name: z.string().optional(), idNumber: z.string().optional(), phone: z.string().optional() }),
  /** Members already complete. */
  members: z.array(MemberSchema),
  /** The member being collected. */
  current: MemberDraftSchema,
  /**
   * Further members one message named ("我妈李秀英…，我爸张国强…"), as typed, taken in turn once the current one is
   * complete: nothing the person typed is dropped. Added without a version change: states stored before it read as [].
   */
  queued: z.array(z.array(z.object({ slot: SlotKeySchema, raw: z.string() }))).default([]),
  /** Failed attempts per slot since it was last filled. */
  attempts: z.record(z.string(), z.number().int()),
  issues: z.array(SlotIssueSchema),
  /** Slots in the order they were last filled, so "输错了，应该是…" corrects the most recent one of its kind. */
  lastFilled: z.array(SlotKeySchema),
  consent: z.boolean(),
  /** Superseded by filingKey; still read from states stored before it. */
  idempotencyKey: z.string().nullable(),
  /**
   * Fixed when the person confirms and committed in the same durable step as the outbox entry it names, so a crash
   * never rolls it back behind a filing: every retry, resume and reconfirmation files under this one key.
   * (Added without a version change: states stored before it read as null.)
   */
  filingKey: z.string().nullable().default(null),
  applicationId: z.string().nullable(),
  recordNumber: z.string().nullable(),
  /** How consent was given (by phone: read by which agent, when, which 承诺书); filed with the application. Added without a version change. */
  consentRecord: ConsentRecordSchema.nullable().default(null),
  /**
   * The relative the person files for, who is the applicant ("我替我爸办"), as the person named them; null: the person
   * themself. Added without a version change: states stored before it read as null.
   */
  applicantIs: RelationshipSchema.nullable().default(null),
  /**
   * The word the person named that relative by (爷爷), which tells the other of a grandparent couple (奶奶, the
   * applicant's spouse) from the applicant; null when unknown. Added without a version change.
   */
  applicantWord: z.string().nullable().default(null),
  /**
   * 她 or 他 when the person types for someone they speak of, who applies (a hotline agent retelling a caller: "她说她叫
   * 孙桂芝，想给她老伴绑"); each message is read with it ("她身份证…" is the applicant's). Added without a version change.
   */
  spokenOf: SpokenOfSchema.nullable().default(null),
});
export type FormState = z.infer<typeof FormStateSchema>;

export const UnbindStateSchema = z.object({
  /**
   * awaiting-id: asked for the applicant's ID; verifying: waiting for the one-time code; looking-up: query sent;
   * confirming: asked to confirm one member.
   */
  status: z.enum(['awaiting-id', 'verifying', 'looking-up', 'choosing', 'confirming', 'unbinding']),
  relationship: RelationshipSchema.nullable(),
  applicantIdNumber: z.string().nullable(),
  member: MemberSchema.nullable(),
  candidates: z.array(MemberSchema),
});
export type UnbindState = z.infer<typeof UnbindStateSchema>;

/** How the back end lets this conversation see an applicant's records without asking for a code again. */
export const AccessProofSchema = z.discriminatedUnion('kind', [
  /** This conversation filed the application: the key it filed with shows it. */
  z.object({ kind: z.literal('filed'), applicantIdNumber: z.string(), recordNumber: z.string(), filingKey: z.string() }),
  /** The person proved control of the phone on file; short-lived. */
  z.object({ kind: z.literal('grant'), subject: CodeSubjectSchema, grant: z.string(), expiresAt: z.string() }),
]);
export type AccessProof = z.infer<typeof AccessProofSchema>;

/** A status question or an unbinding waiting on the one-time code sent to the phone on file. */
export const VerificationStateSchema = z.object({
  purpose: z.enum(['status', 'unbind']),
  subject: CodeSubjectSchema,
  /** sending: code asked of the back end; awaiting-code: asked the person for it; checking: code sent to the back end. */
  status: z.enum(['sending', 'awaiting-code', 'checking']),
});
export type VerificationState = z.infer<typeof VerificationStateSchema>;

/**
 * A callback request being left (nobody could take the conversation): offered, asking which phone, asking when.
 * `phone` is the one chosen, once known.
 */
export const CallbackDialogSchema = z.object({ step: z.enum(['offer', 'phone', 'time']), phone: z.string().nullable() });
export type CallbackDialog = z.infer<typeof CallbackDialogSchema>;

export const ConversationStateSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  /** Assigned by the runner; idempotency keys derive from it so that step stays deterministic. */
  conversationId: z.string(),
  contentVersion: z.string(),
  /** The person's region, from the page (data-region), their words, or the form. */
  region: z.string().nullable(),
  turn: z.number().int(),
  form: FormStateSchema.nullable(),
  unbind: UnbindStateSchema.nullable(),
  /** A status question waiting for the applicant's ID number. */
  awaitingStatusId: z.boolean(),
  /** FAQ ids offered as a clarifying question, so "第一个" or the quick reply picks one. */
  clarifyOptions: z.array(z.string()),
  /** The applicant's ID from the last filed application, to answer status questions later. */
  knownApplicantIdNumber: z.string().nullable(),
  /** Added without a version change: states stored before it read as "no access yet", "not verifying". */
  access: z.array(AccessProofSchema).default([]),
  verifying: VerificationStateSchema.nullable().default(null),
  /** Added without a version change: states stored before it read as "no callback being left". */
  callback: CallbackDialogSchema.nullable().default(null),
  lastFaqId: z.string().nullable(),
});
export type ConversationState = z.infer<typeof ConversationStateSchema>;

/**
 * Reads a stored state of this or any earlier schema version, migrating it step by step; never drops what it can
 * read (a form being filed keeps its idempotency key). Fields added later without a version change (optional or
 * with defaults in the schema) pass through. Null only for something that was never a conversation state.
 */
export function migrateState(stored: unknown): ConversationState | null {
  if (typeof stored !== 'object' || stored === null) return null;
  let raw = stored as Record<string, unknown>;
  if (raw.schemaVersion === 1) raw = fromVersion1(raw);
  const parsed = ConversationStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Version 1 had no pause and no corrections in progress. */
function fromVersion1(state: Record<string, unknown>): Record<string, unknown> {
  const form = state.form as Record<string, unknown> | null | undefined;
  return { ...state, schemaVersion: 2, form: form ? { ...form, pausedFrom: null, fix: null } : (form ?? null) };
}

/** What can happen to a conversation: it opens, the person's words, or the result of an effect. */
export const InputSchema = z.discriminatedUnion('type', [
  /** A conversation opens (a widget appears, a call starts): the assistant greets. */
  z.object({ type: z.literal('open') }),
  z.object({ type: z.literal('text'), text: z.string() }),
  /**
   * A hotline agent's direct edit of one slot (the caller's answer typed into the field), validated like the same
   * answer in words; `consent`/`confirm` with "yes" record the caller's agreement by phone and file.
   */
  z.object({
    type: z.literal('staff-edit'),
    slot: SlotKeySchema,
    value: z.string(),
    staffId: z.string(),
    /** A member.* field of a family member already added (0-based), corrected like "改一下妈妈的手机号"; absent: the member being collected. */
    member: z.number().int().min(0).optional(),
  }),
  /** A hotline agent who held the conversation gave it back to the assistant. */
  z.object({ type: z.literal('handed-back') }),
  /** The person asked for an agent and nobody can answer: outside AGENT_HOURS, or no agent signed in. `hours`: AGENT_HOURS in words. */
  z.object({ type: z.literal('agents-unavailable'), reason: z.enum(['outside-hours', 'no-agent']), hours: z.string() }),
  /** A callback request was filed under this ticket number. */
  z.object({ type: z.literal('callback-filed'), ticketNumber: z.string(), phone: z.string(), preferredTime: z.string() }),
  z.object({ type: z.literal('application-filed'), application: ApplicationSchema }),
  z.object({ type: z.literal('application-queued') }),
  z.object({ type: z.literal('application-refused'), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('status-result'), applications: z.array(ApplicationSchema), bindings: z.array(BindingSchema) }),
  z.object({ type: z.literal('status-unavailable') }),
  z.object({ type: z.literal('unbind-done'), binding: BindingSchema }),
  z.object({ type: z.literal('unbind-refused'), code: z.string(), message: z.string() }),
  /** The back end sent a code (or says it did: it never tells whether the records exist). */
  z.object({ type: z.literal('code-sent') }),
  z.object({ type: z.literal('code-verified'), grant: z.string(), expiresAt: z.string() }),
  /** A code was not sent or not accepted: too_many_codes, resend_too_soon, code_locked, code_invalid, code_expired, unavailable. */
  z.object({ type: z.literal('code-refused'), code: z.string() }),
  /** The back end would not show the records with the access given (a grant ran out). */
  z.object({ type: z.literal('access-denied') }),
  /** The optional language model's pick among the FAQ entries offered (null: none fits, or no answer). */
  z.object({ type: z.literal('model-choice'), faqId: z.string().nullable() }),
]);
export type Input = z.infer<typeof InputSchema>;

/** What the question a reply asks expects as an answer, so a client can offer the right input (DESIGN.md: additive). */
export const ExpectsSchema = z.enum(['id_number', 'phone', 'code', 'choice', 'text']);
export type Expects = z.infer<typeof ExpectsSchema>;
/**
 * A source an answer rests on, as a person can look it up: its title, the address when there is one (a seed file has
 * none), its reliability tier (A government … D content farm) and the day it was last checked.
 */
export const ReplySourceSchema = z.object({
  title: z.string(),
  url: z.string().optional(),
  tier: z.enum(['A', 'B', 'C', 'D']),
  verifiedAt: z.string(),
});
export type ReplySource = z.infer<typeof ReplySourceSchema>;

export const ReplySchema = z.object({
  text: z.string(),
  quickReplies: z.array(z.string()).optional(),
  /** Set on the last reply of a step: what the pending question expects, null when none is pending. */
  expects: ExpectsSchema.nullable().optional(),
  /** The sources of exactly the facts the text states (an answer rendered from region facts or an FAQ entry). */
  sources: z.array(ReplySourceSchema).optional(),
});
export type Reply = z.infer<typeof ReplySchema>;

const AccessSchema = z.union([z.object({ grant: z.string() }), z.object({ filingKey: z.string() })]);

/** Effects are data; the runner at the edge executes them and feeds results back as inputs. */
export const EffectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reply'), reply: ReplySchema }),
  z.object({ type: z.literal('submit-application'), idempotencyKey: z.string(), request: ApplicationRequestSchema }),
  z.object({ type: z.literal('query-status'), applicantIdNumber: z.string(), access: AccessSchema }),
  z.object({ type: z.literal('query-record'), recordNumber: z.string(), access: AccessSchema }),
  z.object({ type: z.literal('unbind-member'), applicantIdNumber: z.string(), memberIdNumber: z.string(), idempotencyKey: z.string(), access: AccessSchema }),
  /** Ask the back end to text a one-time code to the phone on file for the subject. */
  z.object({ type: z.literal('send-code'), subject: CodeSubjectSchema }),
  z.object({ type: z.literal('verify-code'), subject: CodeSubjectSchema, code: z.string() }),
  z.object({ type: z.literal('handoff'), reason: z.string() }),
  /** File a callback request for agents to see (the conversation and form go with it). */
  z.object({ type: z.literal('request-callback'), phone: z.string(), preferredTime: z.string() }),
  /** Embedded understanding was unsure: ask the optional language model to pick one of these entries. */
  z.object({
    type: z.literal('ask-model'),
    question: z.string(),
    /** The turn's one reading: the model is shown the normalised text, never the raw one read again. */
    reading: ReadingSchema,
    candidates: z.array(z.object({ id: z.string(), question: z.string() })),
    /** The conversation's region, when known: the model is told it with the reading. */
    region: z.string().nullable().optional(),
  }),
]);
export type Effect = z.infer<typeof EffectSchema>;

export const UnderstandingSchema = z.object({
  route: z.enum(['faq', 'flow', 'fallback', 'handoff', 'refusal']),
  topic: z.string().nullable(),
  faqId: z.string().nullable(),
  confidence: z.number(),
});
export type Understanding = z.infer<typeof UnderstandingSchema>;

export type StepResult = {
  state: ConversationState;
  effects: Effect[];
  understanding: Understanding;
  /** The turn's one reading, when the input was words that were read: for the runner's records, never stored in the state. */
  reading?: z.infer<typeof ReadingSchema>;
};

/** The step of the flow the person is at, and how many family members are complete (shown as progress). */
export const FormProgressSchema = z
  .object({ step: z.number().int().min(1), of: z.number().int().min(1), phase: z.string(), members: z.number().int().min(0) })
  .nullable();
export type FormProgress = z.infer<typeof FormProgressSchema>;

/** The form as other audiences see it: every ID and phone number masked. */
export const FormViewSchema = z
  .object({
    flowId: z.string(),
    status: z.string(),
    pending: SlotKeySchema.nullable(),
    slots: z.record(z.string(), z.string()),
    members: z.array(z.record(z.string(), z.string())),
    applicationId: z.string().nullable(),
    issues: z.array(SlotIssueSchema),
    progress: FormProgressSchema,
  })
  .nullable();
export type FormView = z.infer<typeof FormViewSchema>;

/** The JSON chat API's answer (DESIGN.md), shared by every channel. */
/** A status question or an unbinding under way, when one is: `verifying` while the one-time code is awaited. */
export const DialogViewSchema = z.object({ name: z.enum(['status', 'unbind']), status: z.string() }).nullable();
export type DialogView = z.infer<typeof DialogViewSchema>;

export const ChatResponseSchema = z.object({
  sessionId: z.string(),
  replies: z.array(ReplySchema),
  understanding: UnderstandingSchema,
  form: FormViewSchema,
  /** Additive: older clients ignore it. */
  dialog: DialogViewSchema.optional(),
});
export type ChatResponse = z.infer<typeof ChatResponseSchema>;
