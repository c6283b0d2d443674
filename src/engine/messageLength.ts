/**
 * What one message may hold: enough for any question or answer, small enough to keep turns fast. One rule for the
 * engine, every channel and the widget (which says so before sending, keeping the person's words in the input).
 * Counted in characters as a person sees them (code points), so an emoji or a rare 汉字 counts once.
 */
export const maxMessageLength = 500;

export function messageLength(text: string): number {
  return [...text].length;
}
