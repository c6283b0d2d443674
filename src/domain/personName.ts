/** Names as on the 身份证: Chinese characters, minority names joined by the middle dot. */

export const personNameProblems = ['empty', 'characters', 'tooShort', 'tooLong'] as const;
export type PersonNameProblem = (typeof personNameProblems)[number];

const minimumLength = 2;
const maximumLength = 20;

/** The dot input methods produce for 阿依·买买提 varies; the card prints ·. */
const dotVariants = /[\u00B7\u2022\u2027\u2219\u22C5\u30FB\uFF65]/g;
/** CJK Unified Ideographs, extension A, and extensions B–H (rare characters some names need). */
const han = '[\\u3400-\\u4DBF\\u4E00-\\u9FFF\\u{20000}-\\u{323AF}]';
const namePattern = new RegExp(`^${han}+(?:·${han}+)*$`, 'u');

export function parsePersonName(raw: string): { ok: true; value: string } | { ok: false; problem: PersonNameProblem } {
  // Spaces between characters are typing habit, not part of the name.
  const value = raw.replace(/\s/g, '').replace(dotVariants, '·');
  if (value === '') return { ok: false, problem: 'empty' };
  if (!namePattern.test(value)) return { ok: false, problem: 'characters' };
  const length = [...value].length;
  if (length < minimumLength) return { ok: false, problem: 'tooShort' };
  if (length > maximumLength) return { ok: false, problem: 'tooLong' };
  return { ok: true, value };
}
