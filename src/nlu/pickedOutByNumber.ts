import type { PeopleCues } from './peopleCues.js';
import type { Entity } from './reading.js';

/**
 * Whether a message picks someone out by a number rather than by who they are to the person: part of an ID or phone
 * number ("帮我看看手机尾号6218的那个人绑没绑", "身份证开头3701的那位大姐批下来没") or a whole number followed by a word
 * for its owner ("我这有个号码139…，你查查这人开通共济没"). Such a person is neither the one typing nor a relative:
 * nothing about their applications may be shown, and a part of a number verifies no one (the status dialog verifies
 * the applicant by the whole ID number and a code). Not so when the number is said to be the person's own ("我手机尾号
 * 6218，帮我看看…") or a relative's ("我妈身份证后四位0628"): a pronoun or a relationship word of a relative right
 * before it or its detail word (people.yaml `pickedOutByNumber`, `pronouns`, `detailWords`).
 */
export function pickedOutByNumber(folded: string, entities: readonly Entity[], cues: PeopleCues): boolean {
  const { part, personAfter, recordBefore } = cues.pickedOut;
  for (const found of folded.matchAll(part)) {
    if (!ownedBefore(folded, found.index, entities, cues) && !recordBefore.test(folded.slice(0, found.index))) return true;
  }
  return entities.some((entity) => (entity.kind === 'phone' || entity.kind === 'idNumber') && personAfter.test(folded.slice(entity.end)) && !ownedBefore(folded, entity.start, entities, cues));
}

/** Whether the words right before a number (or its part) make it the person's own or a relative's. */
function ownedBefore(folded: string, at: number, entities: readonly Entity[], cues: PeopleCues): boolean {
  const before = folded.slice(0, at);
  if (cues.pickedOut.ownerBefore.test(before)) return true;
  // A relative's: the relationship word ends right before, perhaps with 的, the detail word and 的 between.
  const relative = entities.find((entity) => entity.kind === 'relationship' && entity.end <= at && !(entity.match.kind === 'ineligible' && entity.match.reason === 'nonRelative') && cues.pickedOut.relativeGap.test(folded.slice(entity.end, at)));
  return relative !== undefined;
}
