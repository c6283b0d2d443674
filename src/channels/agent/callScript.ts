import type { Content } from '../../content/schema.js';
import { fillTemplate } from '../../engine/render.js';
import type { ConversationState } from '../../engine/state.js';

/** Steps of a call the script has a line for: before the form, each slot being asked, and each later stage. */
export const scriptSteps = [
  'start',
  'applicant.name',
  'applicant.idNumber',
  'applicant.phone',
  'member.relationship',
  'member.name',
  'member.idNumber',
  'member.phone',
  'region',
  'adding',
  'consent',
  'confirm',
  'submitting',
  'submitted',
  'queued',
  'refused',
] as const;
export type ScriptStep = (typeof scriptSteps)[number];

/** Each step has a line to read aloud, what it collects, and what to check while the caller answers (one per line). */
export const scriptMessageIds = scriptSteps.flatMap((step) => [`agent.script.${step}.say`, `agent.script.${step}.collects`, `agent.script.${step}.check`]);

export type ScriptLine = { step: ScriptStep; say: string; collects: string; check: string[] };

export function scriptStep(state: ConversationState): ScriptStep {
  const form = state.form;
  if (form === null) return 'start';
  switch (form.status) {
    case 'collecting':
      return form.pending === null || form.pending === 'consent' || form.pending === 'confirm' ? 'start' : form.pending;
    case 'paused':
      return 'start';
    case 'confirming':
      return 'confirm';
    default:
      return form.status;
  }
}

/** The next line for the agent, in the spoken wording editors keep in prompts/messages/agent.yaml. */
export function nextScriptLine(content: Content, state: ConversationState, values: Record<string, string>): ScriptLine {
  const step = scriptStep(state);
  const text = (part: string): string => fillTemplate(content.messages[`agent.script.${step}.${part}`] ?? '', values);
  return {
    step,
    say: text('say'),
    collects: text('collects'),
    check: text('check')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  };
}
