/** The /agent console's words for widget chats handed to agents (console.takeover.*, prompts/messages/takeover.yaml). */
export const takeoverMessageIds: readonly string[] = [
  'queueTitle', 'queueEmpty', 'place', 'waited', 'minutes', 'seconds', 'unknownRegion', 'progress', 'noForm', 'formStatus', 'lastQuestion', 'noQuestion',
  'claim', 'claimedByColleague', 'claimLabel', 'callbacksTitle', 'callbacksEmpty', 'ticket', 'callbackPhone', 'callbackTime', 'callbackCreated', 'openForm',
  'heldTitle', 'transcriptTitle', 'from.user', 'from.bot', 'messageLabel', 'messagePlaceholder', 'send', 'formTitle', 'applicant', 'member',
  'currentMember', 'relationship', 'name', 'idNumber', 'phone', 'empty', 'pending', 'correct', 'correctPlaceholder', 'assistantSaid', 'handBack',
  'handBackHint', 'release', 'released', 'handedBack', 'gone',
].map((id) => `console.takeover.${id}`);
