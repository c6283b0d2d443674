/** What the runner says when a conversation is handed to agents (prompts/messages/handoff.yaml). */
export const handoffMessageIds: readonly string[] = [
  'handoff.waiting',
  'handoff.estimate',
  'handoff.claimed',
  'handoff.released',
  'handoff.outsideHours',
  'handoff.noAgent',
  'handoff.days',
  'handoff.hoursSeparator',
  // The agent side (src/channels/agent/createHandoffRoutes.ts): the name people see, and its errors.
  'handoff.agentName',
  'handoff.error.taken',
  'handoff.error.gone',
  'handoff.error.invalid_message',
  'handoff.error.origin',
  'handoff.error.invalid_edit',
  ...[1, 2, 3, 4, 5, 6, 7].map((day) => `handoff.day.${day}`),
];
