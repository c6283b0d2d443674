import type { FilingForFile } from '../content/nluSchema.js';

/**
 * The editors' words for filing for a relative (flows/nlu/filingFor.yaml), ready to test the text around a
 * relationship word with. The words are content; only how they stand around the word is fixed here.
 */
export type FilingForCues = {
  /** Ends right before the relative: 帮我, 替我的. */
  before: RegExp;
  /** Starts right after the relative: 办, 在手机上弄, or 让我帮他弄. */
  done: RegExp;
  /** Starts right after a relative who opens the message: 让我帮, 托我. */
  askedBy: RegExp;
  bindWords: readonly string[];
  /** Ends right before a relative named as one more: 还有, 和我. */
  also: RegExp;
  /** Starts what is done on the relative's own account, perhaps asked for: 打字, 让我帮他打字. */
  typing: RegExp;
  /** Ends right before the relative, the typing said first: 打字替我的 (as the glossary reads "typing for my"). */
  typingBefore: RegExp;
  /** Somewhere after the relative, done for them by a pronoun: 我帮他打字. */
  forPronoun: RegExp;
  /** Somewhere soon after the relative: they apply themselves (他是申请人). */
  applies: RegExp;
  /** Ends right before a relative who applies: 申请人是我, 授权人是. */
  appliesBefore: RegExp;
};

/** Matches nothing: a list the editors left empty names no cue. */
const never = /(?!)/;

export function filingForCues(file: FilingForFile): FilingForCues {
  const anyOf = (words: readonly string[]) => (words.length === 0 ? null : `(?:${[...words].sort((a, b) => b.length - a.length).map(escape).join('|')})`);
  const before = anyOf(file.before);
  const done = anyOf(file.done);
  const where = anyOf(file.where);
  const askedBy = anyOf(file.askedBy);
  const also = anyOf(file.alsoWords);
  const typing = anyOf(file.typing);
  const forPronoun = anyOf(file.forPronoun);
  const applies = anyOf(file.applies);
  const appliesBefore = anyOf(file.appliesBefore);
  return {
    before: before ? new RegExp(`${before}的?$`) : never,
    // "我爸让我帮他弄": who asked, then him or her, then what is done.
    done: done ? new RegExp(`^${where ? `${where}?` : ''}(?:${done}${askedBy ? `|${askedBy}(?:他|她|ta)?${done}` : ''})`) : never,
    askedBy: askedBy ? new RegExp(`^${askedBy}`) : never,
    bindWords: file.bindWords,
    also: also ? new RegExp(`${also}(?:我的|俺的|我|俺)?$`) : never,
    typing: typing ? new RegExp(`^(?:${askedBy ? `${askedBy}(?:他|她|ta)?` : ''})?${typing}`) : never,
    typingBefore: typing && before ? new RegExp(`${typing}${before}的?$`) : never,
    forPronoun: forPronoun && done ? new RegExp(`${forPronoun}(${done})`) : never,
    applies: applies ? new RegExp(applies) : never,
    appliesBefore: appliesBefore ? new RegExp(`${appliesBefore}(?:我|俺|咱)?的?$`) : never,
  };
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
