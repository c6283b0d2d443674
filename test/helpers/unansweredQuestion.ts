/**
 * A question today's understanding does not answer confidently (no topic reaches the answer threshold, so a clarifying
 * question goes back): the editors' inbox lists it and the inbox tests teach it. It belongs to the FAQ entry on what a
 * binding leaves of the person's own balance. When content grows to answer it, pick another such question here: the
 * tests are about teaching one, not about this wording.
 */
export const unansweredQuestion = '共济出去的钱年底会退回来吗';
export const unansweredQuestionEntry = 'own-balance-after-binding';
