import type { Expects } from './protocol.js';
import type { WidgetMessageId } from './widgetMessageIds.js';

/** How the input is set up for what the question asks: the keyboard phones show, autofill, and the length. */
export type InputFit = {
  inputMode: 'text' | 'numeric' | 'tel';
  autocomplete: 'off' | 'one-time-code';
  placeholder: WidgetMessageId;
  /** Characters a complete answer has; null when any length will do. */
  length: number | null;
  /** An 18-character ID number may end in X, which a numeric keypad lacks. */
  xKey: boolean;
};

/** A one-time code from the back end's SMS stand-in has six digits. */
const codeLength = 6;

export function inputFit(expects: Expects | null): InputFit {
  switch (expects) {
    case 'id_number':
      return { inputMode: 'numeric', autocomplete: 'off', placeholder: 'widget.expects.id_number', length: 18, xKey: true };
    case 'phone':
      // Not autofilled: the number asked is often a family member's, and the browser would offer the person's own.
      return { inputMode: 'tel', autocomplete: 'off', placeholder: 'widget.expects.phone', length: 11, xKey: false };
    case 'code':
      return { inputMode: 'numeric', autocomplete: 'one-time-code', placeholder: 'widget.expects.code', length: codeLength, xKey: false };
    case 'choice':
      return { inputMode: 'text', autocomplete: 'off', placeholder: 'widget.expects.choice', length: null, xKey: false };
    default:
      return { inputMode: 'text', autocomplete: 'off', placeholder: 'widget.placeholder', length: null, xKey: false };
  }
}

/** Digits and X count (full-width too); spaces and dashes people type to group a number do not. */
export function countedCharacters(value: string): number {
  return (value.match(/[0-9\uFF10-\uFF19xX\uFF58\uFF38]/g) ?? []).length;
}

/** The polite hint under the input: the expected length, then how far the person has got while typing. */
export function lengthHint(fit: InputFit, value: string): { messageId: WidgetMessageId; values: Record<string, number> } | null {
  if (fit.length === null) return null;
  const count = countedCharacters(value);
  if (count === 0) return { messageId: 'widget.hint.length', values: { length: fit.length } };
  if (count < fit.length) return { messageId: 'widget.hint.typing', values: { count, left: fit.length - count } };
  if (count === fit.length) return { messageId: 'widget.hint.complete', values: { count } };
  return { messageId: 'widget.hint.tooMany', values: { count, extra: count - fit.length } };
}
