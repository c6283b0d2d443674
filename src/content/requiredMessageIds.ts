import { backendMessageIds } from '../backend-stub/backendMessageIds.js';
import { agentMessageIds } from '../channels/agent/agentMessageIds.js';
import { editorMessageIds } from '../channels/editor/editorMessageIds.js';
import { webMessageIds } from '../channels/http/webMessageIds.js';
import { staffMessageIds } from '../channels/staff/staffMessageIds.js';
import { validationMessageIds } from '../domain/validationMessageIds.js';
import { engineMessageIds } from '../engine/engineMessageIds.js';
import { handoffMessageIds } from '../server/handoffMessageIds.js';
import { answerMessageIds } from '../engine/regionAnswers.js';
import { widgetMessageIds } from '../widget/widgetMessageIds.js';

/**
 * Every message id some code looks up, gathered from the lists each area exports next to its code, so the checker
 * refuses content that lacks one before anyone sees a missing word. An area that adds a list adds it here.
 */
export const requiredMessageIds: readonly string[] = [
  ...validationMessageIds,
  ...engineMessageIds,
  ...answerMessageIds,
  ...backendMessageIds,
  ...widgetMessageIds,
  ...webMessageIds,
  ...staffMessageIds,
  ...editorMessageIds,
  ...agentMessageIds,
  ...handoffMessageIds,
];
