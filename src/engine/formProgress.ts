import type { Flow, SlotKey } from '../content/schema.js';
import type { FormState, FormProgress } from './state.js';

/** Between questions the form is at a stage rather than a slot: the step that stage belongs to. */
const stageSlot: Partial<Record<FormState['status'], SlotKey>> = {
  adding: 'member.relationship',
  consent: 'consent',
  confirming: 'confirm',
  submitting: 'confirm',
};

/**
 * Where the person is in the flow's phases ("第 3 步，共 5 步 · 家人信息（已添加 1 位）"), or null when the flow
 * defines no phases or the form is past its questions (filed, queued, refused).
 */
export function formProgress(flow: Flow, form: FormState): FormProgress {
  const slot = form.pending ?? stageSlot[form.status];
  if (slot === undefined) return null;
  const index = flow.phases.findIndex((phase) => phase.slots.includes(slot));
  const phase = flow.phases[index];
  if (phase === undefined) return null;
  return { step: index + 1, of: flow.phases.length, phase: phase.title, members: form.members.length };
}
