import type { Flow } from '../content/schema.js';
import { normalise } from '../nlu/normalise.js';
import type { PersonField } from './state.js';

/**
 * TEMPORARY, until the understanding's reading (issue 9) carries these intents: what a message means inside the
 * form, from the flow's `cues` (content, so editors can see and change them). Replace with the reading's intents
 * (decline_more, pause, non_answer, correction targets) when it lands.
 */
export type FormCueReading = {
  declineMore: boolean;
  /** The whole answer is a plain "add another" (要, 还要, 对…). */
  addMore: boolean;
  pause: boolean;
  nonAnswer: boolean;
  cancelAll: boolean;
  /** Speaks of their own details ("我的手机号"). */
  self: boolean;
  /** The field a correction names, if any. */
  field: Exclude<PersonField, 'relationship'> | null;
};

const punctuation = /[\s，,。.！!？?、~～…]+/g;

export function readFormCues(flow: Flow, text: string): FormCueReading {
  const folded = normalise(text).trim();
  const bare = folded.replace(punctuation, '').replace(/[啊呀吧呢啦嘛哦哈嗯]+$/u, '');
  const { cues } = flow;
  const has = (words: readonly string[]) => words.some((word) => folded.includes(word));
  const field = has(cues.fields.idNumber) ? 'idNumber' : has(cues.fields.phone) ? 'phone' : has(cues.fields.name) ? 'name' : null;
  return {
    declineMore: has(cues.declineMore),
    addMore: cues.addMore.includes(bare),
    pause: has(cues.pause),
    nonAnswer: has(cues.nonAnswer),
    cancelAll: has(cues.cancelAll),
    self: has(cues.self),
    field,
  };
}
