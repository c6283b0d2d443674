import type { Router } from 'express';
import { createDraftPreviews } from '../channels/editor/draftPreviews.js';
import { createEditorConsole } from '../channels/editor/editorConsole.js';
import { createEditorMessages } from '../channels/editor/editorMessages.js';
import { createEditorRoutes } from '../channels/editor/editorRoutes.js';
import { createInsightsRoutes } from '../channels/editor/insightsRoutes.js';
import type { Events } from '../ports/events.js';
import type { Inbox } from '../ports/inbox.js';
import type { Clock } from '../ports/clock.js';
import { createAnswerDiffJobs } from './answerDiffJobs.js';
import { createContentChecks } from './contentChecks.js';
import type { StaffSide } from './createStaffSide.js';
import { buildEngineContext } from './loadEngineContext.js';
import type { Logger } from './logger.js';
import { workerNluTrainer } from './nluTrainer.js';
import type { ContentSide } from './startContent.js';

/** The most asked questions people asked that an answer diff compares (besides every example); the rest are rare. */
const askedQuestionsCompared = 2000;

/** How long an answer diff may take (building both versions included); beyond it the result says how far it got. */
export const answerDiffBudgetMs = 60_000;

/**
 * The content editors' console (/editor) and its API (/api/v1/editor), on the staff accounts' gate and audit. `stop`
 * ends its worker threads (the answer diff's, the draft checks').
 */
export function createEditorSide(options: {
  staff: StaffSide;
  content: ContentSide;
  clock: Clock;
  modelAvailable: boolean;
  staleDays: number;
  logger: Logger;
  /** The insights and the inbox of questions not answered confidently (docs/events.md). */
  insights: { events: Events; inbox: Inbox; inboxRetentionDays: number; eventsRetentionDays: number };
}): {
  routes: { path: string; router: Router }[];
  stop: () => Promise<void>;
} {
  const { staff, content } = options;
  const answerDiff = createAnswerDiffJobs({ budgetMs: answerDiffBudgetMs, logger: options.logger });
  const checks = createContentChecks({ check: content.lifecycle.check, logger: options.logger });
  const messages = () => content.live.context().content.messages;
  const previews = createDraftPreviews({
    check: checks.check,
    // Previews never ask the language model: what a draft says should not depend on it.
    build: (draft) => buildEngineContext(draft, { modelAvailable: false, trainer: workerNluTrainer }),
    clock: options.clock,
  });
  const routes = [
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
        answerDiff,
        staleness: () => ({ now: options.clock.now(), days: options.staleDays }),
        problemsOf: checks.problems,
        askedQuestions: async () => {
          const since = new Date(options.clock.now().getTime() - options.insights.eventsRetentionDays * 86_400_000);
          const asked = await options.insights.events.questions({ since, limit: askedQuestionsCompared });
          return asked.map((question) => ({ text: question.question, count: question.count, regions: question.regions }));
        },
      }),
    },
    {
      path: '/api/v1/editor',
      router: createInsightsRoutes({
        gate: staff.gate,
        accounts: staff.accounts,
        lifecycle: content.lifecycle,
        live: content.live,
        events: options.insights.events,
        inbox: options.insights.inbox,
        clock: options.clock,
        messages: createEditorMessages(messages),
        inboxRetentionDays: options.insights.inboxRetentionDays,
      }),
    },
    { path: '/editor', router: createEditorConsole({ messages }) },
  ];
  return {
    routes,
    stop: async () => {
      await Promise.all([answerDiff.stop(), checks.stop()]);
    },
  };
}
