import type { Content, FaqEntry } from '../content/schema.js';
import { regionLineage } from '../domain/index.js';
import type { EngineContext } from './engineContext.js';
import { initialState, step } from './step.js';
import type { Understanding } from './state.js';

/** Where a known question comes from: an understanding example, an FAQ entry's own wording, or what people asked. */
export type QuestionOrigin =
  | { kind: 'example'; family: string; label: string; file: string; path: string }
  | { kind: 'faq'; entryId: string }
  | { kind: 'region-mention'; topic: string }
  | { kind: 'asked'; count: number; regions: string[] };

export type KnownQuestion = { text: string; origins: QuestionOrigin[] };

/** One side of a change: what the assistant understood and said. */
export type AnswerSide = { route: Understanding['route']; topic: string | null; faqId: string | null; text: string };

/** What differs between the two sides. */
export const changeKinds = ['route', 'topic', 'entry', 'answer'] as const;
export type ChangeKind = (typeof changeKinds)[number];

/**
 * One question whose answer changes, with the regions it changes in. `regions` lists the region codes the change
 * holds for, or `null` for a person whose region is unknown (national rules, and the region asked for); a question that
 * names its region concerns that region only. Regions with the same before and after are one change.
 */
export type QuestionChange = {
  text: string;
  origins: QuestionOrigin[];
  changes: { regions: (string | null)[]; what: ChangeKind[]; before: AnswerSide; after: AnswerSide }[];
};

export type AnswerDiff = {
  /** False when the time budget ran out: `checked` of `total` questions were compared, the rest were not. */
  complete: boolean;
  checked: number;
  total: number;
  /** Region codes each region-dependent answer was rendered for (besides the unknown region), with their names. */
  regions: string[];
  regionNames: Record<string, string>;
  questions: QuestionChange[];
};

/** Same time for both sides, so no date in an answer makes a difference of its own. */
const diffTime = new Date('2026-11-22T02:00:00Z');

/**
 * Every question the assistant knows of in either content: the examples it learns from (flows/nlu), the FAQ's
 * questions and paraphrases, the region-mention questions, and questions people asked (given by the caller, with
 * how often and where; compared for every region like the others). One entry per text, with all its origins.
 */
export function knownQuestions(contents: readonly Content[], asked: readonly { text: string; count: number; regions: string[] }[] = []): KnownQuestion[] {
  const byText = new Map<string, KnownQuestion>();
  const add = (text: string, origin: QuestionOrigin) => {
    const key = text.trim();
    if (key === '') return;
    const known = byText.get(key) ?? { text: key, origins: [] };
    if (!known.origins.some((existing) => JSON.stringify(existing) === JSON.stringify(origin))) known.origins.push(origin);
    byText.set(key, known);
  };
  // Most asked first: when time runs out, what people actually ask has been compared.
  for (const question of [...asked].sort((left, right) => right.count - left.count)) add(question.text, { kind: 'asked', count: question.count, regions: question.regions });
  for (const content of contents) {
    for (const group of content.nlu.examples) {
      for (const text of group.texts) add(text, { kind: 'example', family: group.family, label: group.label, file: group.file, path: group.path });
    }
    for (const entry of content.faq) for (const text of [entry.question, ...entry.paraphrases]) add(text, { kind: 'faq', entryId: entry.id });
    for (const question of content.nlu.regionMentions.questions) add(question.text, { kind: 'region-mention', topic: question.topic });
  }
  return [...byText.values()];
}

function answerOf(context: EngineContext, text: string, region: string | null): { side: AnswerSide; region: string | null } {
  const result = step(context, initialState(context, 'answer-diff', region), { type: 'text', text }, diffTime);
  const said = result.effects.flatMap((effect) => (effect.type === 'reply' ? [effect.reply.text] : []));
  const { route, topic, faqId } = result.understanding;
  return { side: { route, topic, faqId, text: said.join('\n') }, region: result.state.region };
}

function differences(before: AnswerSide, after: AnswerSide): ChangeKind[] {
  const what: ChangeKind[] = [];
  if (before.route !== after.route) what.push('route');
  if (before.topic !== after.topic) what.push('topic');
  if (before.faqId !== after.faqId) what.push('entry');
  if (before.text !== after.text) what.push('answer');
  return what;
}

/** An answer that depends on the person's region: an entry rendered from region policy, or with regional variants. */
function regionDependent(content: Content, side: AnswerSide): boolean {
  if (side.faqId === null) return false;
  const entry: FaqEntry | undefined = content.faq.find((candidate) => candidate.id === side.faqId);
  return entry !== undefined && (entry.template !== undefined || entry.variants.length > 0);
}

function sameEntry(before: Content, after: Content, old: AnswerSide, next: AnswerSide): boolean {
  if (old.route !== next.route || old.faqId !== next.faqId) return false;
  const entry = (content: Content) => JSON.stringify(content.faq.find((candidate) => candidate.id === old.faqId));
  return entry(before) === entry(after);
}

/** The region files a region's policy is resolved from (its own, its province's, the national one), as one text. */
function lineageFiles(content: Content, region: string): string {
  return JSON.stringify(regionLineage(region).map((code) => content.regions.find((file) => file.code === code) ?? null));
}

function regionCodes(content: Content): string[] {
  return content.regions.map((region) => region.code).filter((code) => code !== 'national');
}

/**
 * Which known questions would be answered differently by `after` than by `before`, and in which regions: each
 * question is asked of a fresh conversation on both, its region unknown. A question that names no region is then
 * answered for every region either content knows — asked again wherever the answer can differ from the one without
 * a region (an entry rendered from region policy; any answer in a region whose
 * policy files changed), taken as it is elsewhere. Pure: `outOfTime` is asked between questions, and when it says
 * so the result says how far it got.
 */
export function answerDiff(before: EngineContext, after: EngineContext, questions: readonly KnownQuestion[], outOfTime: () => boolean = () => false): AnswerDiff {
  const regions = [...new Set([...regionCodes(before.content), ...regionCodes(after.content)])].sort();
  // A question that names no region is routed alike whatever the region, so its answer for a region is the same
  // entry rendered from that region's policy, which reads only the region's own file, its province's and the
  // national one. With the same entry and wording on both sides, only regions whose files changed can differ.
  const sameWording = JSON.stringify(before.content.messages) === JSON.stringify(after.content.messages);
  const policyChanged = regions.filter((region) => lineageFiles(before.content, region) !== lineageFiles(after.content, region));
  const changed: QuestionChange[] = [];
  let checked = 0;
  for (const question of questions) {
    if (outOfTime()) break;
    const old = answerOf(before, question.text, null);
    const next = answerOf(after, question.text, null);
    const changes: QuestionChange['changes'] = [];
    const record = (region: string | null, oldSide: AnswerSide, newSide: AnswerSide) => {
      const what = differences(oldSide, newSide);
      if (what.length === 0) return;
      const same = changes.find((change) => JSON.stringify([change.before, change.after]) === JSON.stringify([oldSide, newSide]));
      if (same) same.regions.push(region);
      else changes.push({ regions: [region], what, before: oldSide, after: newSide });
    };
    // The region the question names (the reading sets it), or none.
    const named = old.region ?? next.region;
    record(named, old.side, next.side);
    if (named === null) {
      const askedIn = (region: string) => record(region, answerOf(before, question.text, region).side, answerOf(after, question.text, region).side);
      if (regionDependent(before.content, old.side) || regionDependent(after.content, next.side)) {
        // Rendered from each region's policy: asked again where it can differ.
        for (const region of sameWording && sameEntry(before.content, after.content, old.side, next.side) ? policyChanged : regions) askedIn(region);
      } else if (old.side.route === 'faq' && next.side.route === 'faq') {
        // An entry's own answer, the same whatever the region: so is its change.
        for (const region of regions) record(region, old.side, next.side);
      } else {
        // Flows, refusals and handoffs name the region's hotline or rules: asked again where the policy changed,
        // elsewhere they change as they do with no region.
        for (const region of regions) {
          if (policyChanged.includes(region)) askedIn(region);
          else record(region, old.side, next.side);
        }
      }
    }
    if (changes.length > 0) changed.push({ text: question.text, origins: question.origins, changes });
    checked += 1;
  }
  const regionNames = Object.fromEntries([...before.content.regions, ...after.content.regions].map((region) => [region.code, region.name]));
  return { complete: checked === questions.length, checked, total: questions.length, regions, regionNames, questions: changed };
}
