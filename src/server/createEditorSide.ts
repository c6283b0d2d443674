import type { Router } from 'express';
import { createDraftPreviews } from '../channels/editor/draftPreviews.js';
import { createEditorConsole } from '../channels/editor/editorConsole.js';
import { createEditorMessages } from '../channels/editor/editorMessages.js';
import { createEditorRoutes } from '../channels/editor/editorRoutes.js';
import type { Clock } from '../ports/clock.js';
import type { StaffSide } from './createStaffSide.js';
import { buildEngineContext } from './loadEngineContext.js';
import { workerNluTrainer } from './nluTrainer.js';
import type { ContentSide } from './startContent.js';

/** The content editors' console (/editor) and its API (/api/v1/editor), on the staff accounts' gate and audit. */
export function createEditorSide(options: { staff: StaffSide; content: ContentSide; clock: Clock; modelAvailable: boolean }): { path: string; router: Router }[] {
  const { staff, content } = options;
  const messages = () => content.live.context().content.messages;
  const previews = createDraftPreviews({
    check: content.lifecycle.check,
    // Previews never ask the language model: what a draft says should not depend on it.
    build: (draft) => buildEngineContext(draft, { modelAvailable: false, trainer: workerNluTrainer }),
    clock: options.clock,
  });
  return [
    {
      path: '/api/v1/editor',
      router: createEditorRoutes({
        gate: staff.gate,
        accounts: staff.accounts,
        lifecycle: content.lifecycle,
        live: content.live,
        previews,
        messages: createEditorMessages(messages),
        notices: content.notices,
      }),
    },
    { path: '/editor', router: createEditorConsole({ messages }) },
  ];
}
