import type { Content } from '../content/schema.js';
import { bindingFlow, isFormActive } from './formSlots.js';
import type { ConversationState, Expects } from './state.js';
import type { ValidatorName } from './validators.js';

/**
 * What a slot's answer looks like, by the slot's validator: the widget chooses an input mode from it (digits for an
 * ID or phone number, buttons for a choice). A new validator must say what it expects, or the typecheck fails.
 */
const expectsByValidator: Record<ValidatorName, Expects> = {
  region: 'text',
  personName: 'text',
  idNumber: 'id_number',
  phone: 'phone',
  relationship: 'choice',
  yesNo: 'choice',
};

/** What the question the conversation is waiting on expects as an answer; null when nothing is pending. */
export function pendingExpects(content: Content, state: ConversationState): Expects | null {
  // The one-time code is the question asked last, whatever else is under way: the widget offers digits and autofill.
  if (state.verifying?.status === 'awaiting-code') return 'code';
  // A callback request being left asks last.
  if (state.callback?.step === 'phone') return 'phone';
  if (state.callback?.step === 'time') return 'text';
  if (state.callback?.step === 'offer') return 'choice';
  const form = state.form;
  if (form !== null && form.fix !== null && isFormActive(form)) {
    // A correction asks for one person's field, or which one.
    if (form.fix.step !== 'value') return 'choice';
    return form.fix.field === 'idNumber' ? 'id_number' : form.fix.field === 'phone' ? 'phone' : 'text';
  }
  if (form !== null) {
    switch (form.status) {
      case 'collecting': {
        const slot = form.pending === null ? undefined : bindingFlow(content).slots.find((candidate) => candidate.key === form.pending);
        return slot ? (expectsByValidator[slot.validator as ValidatorName] ?? 'text') : null;
      }
      case 'adding':
      case 'consent':
      case 'confirming':
        return 'choice';
      default:
        break;
    }
  }
  if (state.unbind !== null) {
    if (state.unbind.status === 'awaiting-id') return 'id_number';
    if (state.unbind.status === 'choosing' || state.unbind.status === 'confirming') return 'choice';
  }
  if (state.awaitingStatusId) return 'id_number';
  return null;
}
