import type { ConversationState } from './state.js';

/**
 * The region whose rules apply: the one the form is filled in for (asked, or put right in it) over the conversation's.
 * A question asked in the middle of a form for 上海 is answered by 上海's rules, never with "告诉我您在哪个城市参保".
 */
export function regionInForce(state: Pick<ConversationState, 'region' | 'form'>): string | null {
  return state.form?.region ?? state.region;
}
