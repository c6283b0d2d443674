import type { Intent } from '../content/nluSchema.js';
import { SURE_FAQ_TOPIC } from '../nlu/read.js';
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

/** The parts of a turn's reading the form's meaning is taken from; `topicScore`: the FAQ reading's best topic probability. */
type MeaningReading = { intents: readonly Intent[]; intentScores: Reading['intentScores']; target: Reading['target']; asksInWords: boolean; topicScore: number };

export function formMeaning(reading: MeaningReading): FormMeaning {
  const { intents, target } = reading;
  const declineMore = intents.includes('decline_more');
  return {
    declineMore,
    enough: declineMore && !intents.includes('deny') && !intents.includes('cancel') && intentScore(reading, 'affirm') > intentScore(reading, 'deny') + intentScore(reading, 'cancel'),
    addMore: intents.includes('add_member'),
    pause: intents.includes('pause'),
    nonAnswer: intents.includes('non_answer') && !asksPastNotKnowing(reading),
    self: target.own,
    field: target.field,
  };
}

/**
 * "她快九十了，手机也不会用，人脸识别得她本人做吗？做不了咋办": what someone cannot do, told in order to ask about it, is
 * a question — it asks in words, reads more as a question than as not knowing, and the FAQ is near certain of its topic
 * — answered with the detail asked kept. "我不知道她身份证号，咋办" (not knowing first) and "记不得了，去哪能查到" (no
 * sure topic) stay the form's word on not knowing.
 */
function asksPastNotKnowing(reading: MeaningReading): boolean {
  return reading.asksInWords && intentScore(reading, 'question') > intentScore(reading, 'non_answer') && reading.topicScore >= SURE_FAQ_TOPIC;
}
