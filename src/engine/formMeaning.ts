import type { Intent } from '../content/nluSchema.js';
import { intentScore, type Reading } from '../nlu/reading.js';
import type { PersonField } from './state.js';

/**
 * What a message means inside the form, taken from the turn's one reading: its intents (learned from the examples
 * in flows/nlu/) and what it points at (the detail a correction names, whether the person's own). Nothing here
 * looks at the words again.
 */
export type FormMeaning = {
  declineMore: boolean;
  /**
   * "就这样", "就这些吧": nothing more, said as going ahead rather than as a no — a decline whose runner-up reading
   * is a yes more than a no or a cancel ("不要", "不用了" lean the other way).
   */
  enough: boolean;
  /** "再加一个", "还有我爸": one more member. */
  addMore: boolean;
  pause: boolean;
  nonAnswer: boolean;
  /** Speaks of their own details ("我的手机号", "本人"). */
  self: boolean;
  /** The detail a correction names, if any. */
  field: Exclude<PersonField, 'relationship'> | null;
};

export function formMeaning(reading: { intents: readonly Intent[]; intentScores: Reading['intentScores']; target: Reading['target'] }): FormMeaning {
  const { intents, target } = reading;
  const declineMore = intents.includes('decline_more');
  return {
    declineMore,
    enough: declineMore && !intents.includes('deny') && !intents.includes('cancel') && intentScore(reading, 'affirm') > intentScore(reading, 'deny') + intentScore(reading, 'cancel'),
    addMore: intents.includes('add_member'),
    pause: intents.includes('pause'),
    nonAnswer: intents.includes('non_answer'),
    self: target.own,
    field: target.field,
  };
}
