import { scriptMessageIds } from './callScript.js';
import { takeoverMessageIds } from './takeoverMessageIds.js';

/** The call workspace's own words (console.agent.*, console.staff.*), shown by src/consoles; the page carries them. */
const consoleMessageIds = [
  ...['loading', 'login', 'password', 'signIn', 'signOut', 'signedInAs', 'networkProblem', 'changePasswordTitle', 'changePasswordHint', 'currentPassword', 'newPassword', 'newPasswordAgain', 'passwordsDiffer', 'changePassword'].map((id) => `console.staff.${id}`),
  ...[
    'title', 'startTitle', 'callerRegion', 'startCall', 'onCall', 'endCall', 'nextLine', 'collects', 'check', 'callerWords', 'callerWordsPlaceholder', 'send',
    'assistantSaid', 'formTitle', 'noFormYet', 'applicant', 'member', 'nextMember', 'name', 'idNumber', 'phone', 'relationship', 'field.filled', 'field.missing',
    'field.invalid', 'editField', 'editPlaceholder', 'reveal', 'status.collecting', 'status.adding', 'status.consent', 'status.confirming', 'status.submitting',
    'status.submitted', 'status.queued', 'status.refused', 'status.paused', 'memberTitle', 'age', 'faceAuthNeeded', 'faceAuthNotNeeded', 'proofChecklist', 'or',
    'and', 'recordConsent', 'consentRecord', 'file', 'recordNumber', 'regionTitle', 'limitsLeft', 'noLimit', 'left', 'totalLeft', 'channels', 'review',
    'crossRegion', 'hotlines', 'quickAnswers', 'searchFaq', 'keys',
  ].map((id) => `console.agent.${id}`),
];

/** Every message id the agent's call workspace uses (prompts/messages/agent.yaml): the call script and the console's words. */
export const agentMessageIds: readonly string[] = [...scriptMessageIds, ...consoleMessageIds, ...takeoverMessageIds];
