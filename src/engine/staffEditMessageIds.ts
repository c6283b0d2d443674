/** Message ids the engine says in answer to a hotline agent's direct edits (prompts/messages/agent.yaml). */
export const staffEditMessageIds = ['engine.staffEdit.notNow'] as const;
