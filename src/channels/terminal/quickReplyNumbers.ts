/** Full-width digits count too: a Chinese input method often types them. */
function digitsOf(text: string): string {
  return text.trim().replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

/**
 * What a line typed in the terminal chat says: a number picks the offered quick reply with that number
 * ("2" → the second), anything else (or a number with no reply of its own) is sent as typed.
 */
export function pickQuickReply(line: string, offered: readonly string[]): string {
  const digits = digitsOf(line);
  if (!/^\d{1,2}$/.test(digits)) return line;
  return offered[Number(digits) - 1] ?? line;
}

/** The offered quick replies on one line, each with the number that picks it. */
export function numberedQuickReplies(offered: readonly string[], format: (number: number, title: string) => string): string {
  return offered.map((title, index) => `  ${format(index + 1, title)}`).join('');
}
