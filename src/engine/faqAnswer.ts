import type { Content, FaqEntry, Source } from '../content/schema.js';
import { regionLineage } from '../domain/index.js';
import { regionName } from './memberGuidance.js';
import { say } from './render.js';
import { answerTemplates, renderRegionAnswer, type AnswerTemplateName } from './regionAnswers.js';
import { replySources } from './replySources.js';
import type { Reply } from './state.js';

/** The variant for the person's region (or its province), else the entry's own answer. */
export function answerFor(entry: FaqEntry, regionCode: string | null): { text: string; variantRegion: string | null; sources: Source[] } {
  if (regionCode) {
    for (const code of regionLineage(regionCode)) {
      const variant = entry.variants.find((candidate) => candidate.regions.includes(code));
      if (variant) return { text: variant.answer, variantRegion: code, sources: variant.sources.length > 0 ? variant.sources : entry.sources };
    }
  }
  return { text: entry.answer, variantRegion: null, sources: entry.sources };
}

/**
 * An FAQ reply for the person's region. An entry that points to a template is rendered from the region policy (each
 * fact saying whose rule it is); otherwise the regional variant or the entry's own answer. The region is asked for
 * only while it is unknown, and only where the answer depends on it. The text ends with a short citation; the reply
 * carries the sources of what it states.
 */
export function faqReply(content: Content, entry: FaqEntry, regionCode: string | null, question = entry.question): Reply {
  const template = entry.template as AnswerTemplateName | undefined;
  const rendered = template && template in answerTemplates ? renderRegionAnswer(content, template, regionCode, { text: question }) : null;
  const { text, variantRegion, sources } = rendered ? { text: rendered.text, variantRegion: null, sources: rendered.sources } : answerFor(entry, regionCode);
  const parts = [text.trim()];
  if (variantRegion) {
    parts.push(say(content, 'engine.faq.regionVariant', { region: regionName(content, variantRegion) }));
  } else if (entry.variants.length > 0 && regionCode === null) {
    const regions = [...new Set(entry.variants.flatMap((variant) => variant.regions))].slice(0, 4);
    parts.push(say(content, 'engine.faq.rulesDiffer', { regions: regions.map((code) => regionName(content, code)).join('、') }));
  }
  const cited = replySources(sources);
  const source = rendered ? replySources(rendered.lead)[0] : cited[0];
  if (source) parts.push(say(content, 'engine.faq.source', { title: source.title, verified: source.verifiedAt }));
  const related = entry.related
    .map((id) => content.faq.find((candidate) => candidate.id === id)?.question)
    .filter((question): question is string => question !== undefined)
    .slice(0, 3);
  const reply: Reply = { text: parts.join('\n'), sources: cited };
  return related.length > 0 ? { ...reply, quickReplies: related } : reply;
}

/** How many quick replies an answer offers before the offer to do it here: the other questions asked, then related ones. */
const OFFERED_QUESTIONS = 3;

/**
 * An answer to a message that asked several questions ("1.能绑几个人 2.要带啥"): the entries of the others come first
 * among its quick replies, so one tap answers each; the entry's related questions fill what is left.
 */
export function offeringOtherQuestions(content: Content, reply: Reply, answered: FaqEntry, otherIds: readonly string[]): Reply {
  const others = otherIds
    .filter((id) => id !== answered.id)
    .map((id) => content.faq.find((candidate) => candidate.id === id)?.question)
    .filter((question): question is string => question !== undefined);
  if (others.length === 0) return reply;
  return { ...reply, quickReplies: [...new Set([...others, ...(reply.quickReplies ?? [])])].slice(0, OFFERED_QUESTIONS) };
}
