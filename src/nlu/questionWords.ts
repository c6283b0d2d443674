/**
 * Words that say what kind of question it is (how, how long, how many, what, why, who) rather than what it is
 * about. They tell close entries apart, but weigh less than the subject: "医保钱包是什么" is about the wallet first.
 */
export const questionWords: readonly string[] = ['怎么', '多久', '几个', '是什么', '为什么', '谁'];
