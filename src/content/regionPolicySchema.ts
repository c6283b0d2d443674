import { z } from 'zod';
import { RegionCodeSchema, RelationshipSchema, SourceSchema, relationships } from './schema.js';

/**
 * A region policy file: each fact once, as data, naming its sources by id from the file's source table.
 * A fact the file leaves out comes from the nearest file up the chain (city → province → national); `policyFor`
 * resolves the chain and remembers whose rule each fact is, so an answer can say "按广东省的规定".
 * A claim found only in tier-D sources is not a fact: it goes under `unconfirmed`, is never volunteered, and is
 * answered (as unconfirmed) only when a question names it.
 */

const SourceIdSchema = z.string().regex(/^[A-Za-z0-9-]+$/, '来源编号只能用字母、数字和连字符');

/** One fact: its value, the ids of the sources that say it, and optional prose for the answer (e.g. why not). */
function factOf<Value extends z.ZodType>(value: Value) {
  return z
    .object({
      value,
      sources: z.array(SourceIdSchema).min(1),
      /** Plain words shown with the fact where it needs explaining (a refusal's reason, a city difference). */
      note: z.string().min(4).optional(),
    })
    .strict();
}

export const ProofSchema = z
  .object({
    /** Which members the proof applies to: minors (< 18), adults, or always. */
    when: z.enum(['always', 'minor', 'adult']),
    /** Documents; with `anyOf` one of them suffices, otherwise all are needed. */
    documents: z.array(z.string().min(2)).min(1),
    anyOf: z.boolean().default(true),
  })
  .strict();
export type Proof = z.infer<typeof ProofSchema>;

export const ChannelSchema = z
  .object({
    name: z.string().min(2),
    kind: z.enum(['app', 'mini_program', 'official_account', 'website', 'offline']),
    /** Menu path, one step per item. */
    path: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type Channel = z.infer<typeof ChannelSchema>;

const MenuPathSchema = z.object({ channel: z.string().min(2), path: z.array(z.string().min(1)).default([]) }).strict();

export const ReviewSchema = z
  .object({
    /** Online: `instant` takes effect at once, `mostly_instant` in most places, `reviewed` after a review. */
    online: z.enum(['instant', 'mostly_instant', 'reviewed']),
    /** Working days a review can take where there is one. */
    workingDays: z.tuple([z.number().int().min(0), z.number().int().min(1)]).optional(),
    /** A window finishes it while the person waits. */
    windowOnTheSpot: z.boolean().default(false),
    /** A text message confirms success. */
    textMessage: z.boolean().default(false),
    /** Hours the back-end stub waits before deciding, for demos that mimic the region. 0 = at once. */
    hours: z.number().min(0).default(0),
  })
  .strict();
export type Review = z.infer<typeof ReviewSchema>;

export const MoneyModelSchema = z.discriminatedUnion('kind', [
  /** The relative spends from the authorizer's account; no money moves (most provinces). */
  z.object({ kind: z.literal('authorization') }).strict(),
  /** Money is moved (划拨) into a family account; `threshold`: only the part of the balance above it (福建: 2000). */
  z.object({ kind: z.literal('transfer'), threshold: z.number().positive().nullable() }).strict(),
]);
export type MoneyModel = z.infer<typeof MoneyModelSchema>;

export const OneAuthorizerSchema = z
  .object({
    /** A member can be bound by one authorizer at a time. */
    memberBoundOnce: z.boolean(),
    /** An authorizer who binds others cannot be bound by someone else (binding is one-way). */
    boundCannotBind: z.boolean().optional(),
  })
  .strict();

export const PremiumPaymentSchema = z
  .object({
    /** What the account can pay for relatives, e.g. 城乡居民医保个人缴费. */
    items: z.array(z.string().min(2)).min(1),
    where: MenuPathSchema.optional(),
  })
  .strict();

export const UnbindingSchema = z
  .object({
    /** Where to unbind online; absent: in the same function used to bind. */
    where: MenuPathSchema.optional(),
    /** Only the authorizer can unbind (the relative can see the binding, not change it). */
    byAuthorizerOnly: z.boolean(),
    /** The binding ends by itself when the authorizer's insurance moves to another area. */
    endsOnTransfer: z.boolean().default(false),
  })
  .strict();

export const HotlineSchema = z.object({ number: z.string().regex(/^\d{5,12}$/), name: z.string().min(2) }).strict();

export const PledgeSchema = z
  .object({
    name: z.string().min(2),
    /** 承诺制: online, the signed pledge stands in for uploaded proofs. */
    replacesProofsOnline: z.boolean(),
  })
  .strict();

export const WalletSchema = z
  .object({
    transfersPerDay: z.number().int().positive(),
    maxPerTransfer: z.number().positive(),
    closedHours: z.string().min(4),
  })
  .strict();

export const RegionFactsSchema = z
  .object({
    /** The relationships that can be bound; the others cannot (their note says why). */
    relationships: factOf(z.array(RelationshipSchema).min(1)),
    relationshipLimits: factOf(z.partialRecord(RelationshipSchema, z.number().int().positive())),
    totalLimit: factOf(z.number().int().positive()),
    lifetimeLimit: factOf(z.number().int().positive()),
    /** Per relationship: a listed empty list means no proof; a relationship not listed: as the page asks. */
    proofs: factOf(z.partialRecord(RelationshipSchema, z.array(ProofSchema))),
    /** What to bring to a window. */
    windowDocuments: factOf(z.array(z.string().min(2)).min(1)),
    faceAuthAge: factOf(z.number().int().min(0).max(18)),
    pledge: factOf(PledgeSchema),
    channels: factOf(z.array(ChannelSchema).min(1)),
    review: factOf(ReviewSchema),
    /** Where relatives must be insured: the same city (统筹区) or the same province; other provinces via the wallet. */
    insuredArea: factOf(z.enum(['city', 'province'])),
    wallet: factOf(WalletSchema),
    moneyModel: factOf(MoneyModelSchema),
    oneAuthorizer: factOf(OneAuthorizerSchema),
    premiumPayment: factOf(PremiumPaymentSchema),
    unbinding: factOf(UnbindingSchema),
    hotlines: factOf(z.array(HotlineSchema).min(1)),
  })
  .partial()
  .strict();
export type RegionFacts = z.infer<typeof RegionFactsSchema>;
export type FactName = keyof RegionFacts;
export const factNames = Object.keys(RegionFactsSchema.shape) as FactName[];

/** Facts every chain must end in: the national file holds them all. */
export const requiredFacts = [
  'relationships',
  'proofs',
  'windowDocuments',
  'faceAuthAge',
  'pledge',
  'channels',
  'review',
  'insuredArea',
  'wallet',
  'moneyModel',
  'oneAuthorizer',
  'premiumPayment',
  'unbinding',
  'hotlines',
] as const satisfies readonly FactName[];

export const UnconfirmedClaimSchema = z
  .object({
    /** The fact the claim is about. */
    fact: z.enum(factNames as [FactName, ...FactName[]]),
    /** The claim in plain words, as it is heard ("河北最多可以绑定8人"). */
    claim: z.string().min(4),
    /** Words that name the claim in a question; only then is it answered, as unconfirmed. */
    mentions: z.array(z.string().min(1)).min(1),
    sources: z.array(SourceIdSchema).min(1),
  })
  .strict();
export type UnconfirmedClaim = z.infer<typeof UnconfirmedClaimSchema>;

export const RegionNoteSchema = z.object({ text: z.string().min(4), sources: z.array(SourceIdSchema).min(1) }).strict();

export const RegionFileSchema = z
  .object({
    $schema: z.string().optional(),
    code: RegionCodeSchema,
    /** The region's name as the policy calls it; the understanding reads names and aliases from src/domain/regions.ts. */
    name: z.string().min(2),
    /** Source id → source; every id a fact, note or claim names must be here. */
    sources: z.record(SourceIdSchema, SourceSchema),
    facts: RegionFactsSchema.default({}),
    unconfirmed: z.array(UnconfirmedClaimSchema).default([]),
    notes: z.array(RegionNoteSchema).default([]),
  })
  .strict();
export type RegionFile = z.infer<typeof RegionFileSchema>;

export { relationships };
