export type YesNo = 'yes' | 'no' | null;

/** Whole answers that mean yes, including the ones that start like a no (没问题, 不错). */
const yesAnswer =
  /^(是|是的|是啊|是呀|是滴|对|对的|对啊|对呀|没错|不错|没问题|没毛病|好|好的|好啊|好呀|好滴|行|行的|可以|可以的|同意|我同意|确认|确定|确认无误|无误|正确|嗯|嗯嗯|恩|ok|okay|yes|y|要|需要|继续|提交|确认提交|同意并提交|就这样|就这么办|没意见|妥|中|成)$/;
/** Yes said first and then more ("好的，提交吧", "同意，继续"): only when what follows is no question. */
const yesOpening = /^(是的|对的|对|没错|没问题|好的|好|行|可以|同意|确认|确定|嗯|ok|yes)/;
const noAnswer = /^(不|否|别|没有|没|取消|算了|拒绝|错|错了|不对|no|n|nope)/;
const filler = /^(嗯|呃|额|哦|噢|啊|那个)$/;
/** Openings that start with 不 but answer nothing: "不好意思，…", "不知道". */
const notAnAnswer = /^(不过|不知道|不好意思|不清楚|不太明白|不明白|不懂|不太懂|不确定|没听懂|没明白)/;
const clauseBreak = /[，,。.;；!！?？\s~～…]+/;

/**
 * A yes or a no to the question just asked, read from the first clause: "不对，是我岳母" is a no, "不同意" a no,
 * "同意" and "没问题" a yes. A question back ("可以吗？") or an answer that starts like yes and goes on
 * ("是我岳母") is neither: the engine reads the rest of the message itself.
 */
export function readYesNo(folded: string): YesNo {
  const clauses = folded.trim().split(clauseBreak).filter((clause) => clause !== '');
  const asksBack = /[?？]|吗|么$/.test(folded);
  for (const clause of clauses) {
    const plain = clause.replace(/^我/, '').replace(/[吧啦了呢哈呀啊]+$/, '');
    if (filler.test(plain) && clauses.length > 1) continue;
    if (notAnAnswer.test(plain)) return null;
    if (yesAnswer.test(plain) && !/吗|么/.test(clause)) return 'yes';
    if (noAnswer.test(plain)) return 'no';
    if (yesOpening.test(plain) && !asksBack && clauses.length === 1 && plain.length <= 6) return 'yes';
    return null;
  }
  return null;
}
