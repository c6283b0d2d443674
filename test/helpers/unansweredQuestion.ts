/**
 * A message today's understanding does not answer confidently (refused as out of scope, or a clarifying question),
 * which the editors' inbox lists and the inbox tests teach. It names nothing of the domain — "tell me about that
 * thing again" — because vague questions that do name 共济 were answered, one after another, as content grew
 * (共济的钱被花完了要补交吗 at 0.25, then 共济那块儿的事 你给说说那个 at 0.27 as the how-to overview); a message
 * with no word of the service stays refused whatever its examples become. An editor would teach it as the what-is
 * entry. The tests are about teaching one such message, not its words.
 */
export const unansweredQuestion = '那个事儿你再给俺说说';
export const unansweredQuestionEntry = 'what-is-family-mutual-aid';
