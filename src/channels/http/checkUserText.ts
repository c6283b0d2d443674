import { maxMessageLength, messageLength } from '../../engine/messageLength.js';
import type { ApiProblem } from './apiProblem.js';


/**
 * C0/C1 control characters (tab and line breaks are ordinary typing) and the bidirectional overrides that can
 * make a logged or displayed line read differently from what was sent.
 */
const forbiddenCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** The same rules for every channel a person types into (JSON API and websocket). */
export function checkUserText(text: string): { ok: true } | { ok: false; problem: ApiProblem } {
  if (text.trim() === '') return { ok: false, problem: { status: 400, code: 'empty_text', messageId: 'web.error.empty_text' } };
  if (messageLength(text) > maxMessageLength) {
    return { ok: false, problem: { status: 413, code: 'text_too_long', messageId: 'web.error.text_too_long', values: { limit: String(maxMessageLength) } } };
  }
  if (forbiddenCharacters.test(text)) {
    return { ok: false, problem: { status: 400, code: 'control_characters', messageId: 'web.error.control_characters' } };
  }
  return { ok: true };
}
