import type { Reading } from '../nlu/reading.js';
import type { EngineContext } from './engineContext.js';
import { relationshipLabel } from './memberGuidance.js';
import { policyFor } from './policyFor.js';
import { reviewText } from './regionAnswers.js';
import { say } from './render.js';
import { replySources } from './replySources.js';
import type { ConversationState, Reply } from './state.js';

/**
 * "审核得咋样了，啥时候能用" asked in the conversation that has just filed: what this conversation filed and already
 * showed the person — whom it binds and its record number — and how review goes in its region are said again here,
 * with no one verified again. The live state of the review is the back end's: the status dialog is offered for it,
 * which decides what access it needs. Null when the filing is not this conversation's to repeat (not filed here, or
 * not yet numbered) or when the message speaks of anyone or anything the filing does not hold — another relative, a
 * name, ID, phone or record number, someone outside the family.
 */
export function justFiledReply(context: EngineContext, state: ConversationState, reading: Reading): Reply | null {
  const form = state.form;
  if (form?.status !== 'submitted' || form.recordNumber === null || reading.namesOutsider) return null;
  const holds = reading.entities.every((entity) => {
    if (entity.kind === 'relationship') {
      const { match } = entity;
      return match.kind === 'eligible' && form.members.some((member) => member.relationship === match.relationship);
    }
    if (entity.kind === 'name') return form.members.some((member) => member.name === entity.value);
    return entity.kind === 'region';
  });
  if (!holds) return null;
  const policy = policyFor(context.content, form.region ?? state.region);
  const members = form.members.map((member) => `${relationshipLabel(context.content, member.relationship)}${member.name}`).join('、');
  const checkStatus = say(context.content, 'engine.quick.checkStatus');
  const sources = replySources(policy.facts.review?.sources ?? []);
  const text = say(context.content, 'engine.status.justFiled', { recordNumber: form.recordNumber, members, review: reviewText(context.content, policy), checkStatus });
  const cited = sources[0] ? [text, say(context.content, 'engine.faq.source', { title: sources[0].title, verified: sources[0].verifiedAt })] : [text];
  return { text: cited.join('\n'), sources, quickReplies: [checkStatus] };
}
