import { randomBytes } from 'node:crypto';
import type { ContentFile, ContentProblem } from '../../content/checkContent.js';
import { hashFiles, type ContentCheck } from '../../content/contentLifecycle.js';
import type { Content } from '../../content/schema.js';
import type { EngineContext } from '../../engine/engineContext.js';
import type { ChatResponse } from '../../engine/state.js';
import type { Clock } from '../../ports/clock.js';
import { countingIds, createLocalAssistant, type LocalAssistant } from '../../server/createLocalAssistant.js';
import { runConversationTests, type ConversationTestResult } from '../../server/runConversationTests.js';

/** Drafts whose engine context is kept built (each costs what a publish costs); older ones are built again on use. */
const keptContexts = 4;
/** Preview conversations kept; the least recently used is dropped first. */
const keptPreviews = 50;

type Preview = { assistant: LocalAssistant; sessionId: string | null; usedAt: number };

export type PreviewOutcome =
  | { ok: true; previewId: string; response: ChatResponse }
  | { ok: false; code: 'invalid'; problems: ContentProblem[] }
  | { ok: false; code: 'unknown_preview' }
  | { ok: false; code: 'refused'; message: string };

/**
 * Chatting with a draft, and running its conversation tests, through the real engine and runner against an
 * in-memory back end (createLocalAssistant): a preview never files with the real back end and never reaches the
 * sessions store, the inbox or the analytics. Engine contexts are cached by the hash of the draft's files.
 */
export function createDraftPreviews(options: { check: (files: ContentFile[]) => Promise<ReturnType<ContentCheck>>; build: (content: Content) => Promise<EngineContext>; clock: Clock }) {
  const contexts = new Map<string, Promise<EngineContext>>();
  const previews = new Map<string, Preview>();

  async function contextFor(files: ContentFile[]): Promise<{ ok: true; context: EngineContext } | { ok: false; problems: ContentProblem[] }> {
    const key = hashFiles(files);
    let context = contexts.get(key);
    if (context === undefined) {
      const checked = await options.check(files);
      if (!checked.ok) return { ok: false, problems: checked.problems };
      // Another request for the same files may have built it meanwhile.
      context = contexts.get(key) ?? options.build(checked.content);
      contexts.set(key, context);
      if (contexts.size > keptContexts) contexts.delete(contexts.keys().next().value!);
    }
    return { ok: true, context: await context };
  }

  return {
    /** One turn of a preview conversation: a new one when previewId is absent (in the chosen region). */
    async chat(files: ContentFile[], request: { previewId?: string | undefined; text: string; region?: string | undefined }): Promise<PreviewOutcome> {
      const built = await contextFor(files);
      if (!built.ok) return { ok: false, code: 'invalid', problems: built.problems };
      let previewId = request.previewId;
      let preview = previewId === undefined ? undefined : previews.get(previewId);
      if (previewId !== undefined && preview === undefined) return { ok: false, code: 'unknown_preview' };
      if (preview === undefined || previewId === undefined) {
        previewId = randomBytes(12).toString('base64url');
        preview = { assistant: await createLocalAssistant({ context: built.context, clock: options.clock, ids: countingIds(), reviewDelayMs: 0 }), sessionId: null, usedAt: 0 };
        previews.set(previewId, preview);
        if (previews.size > keptPreviews) {
          const oldest = [...previews.entries()].sort((left, right) => left[1].usedAt - right[1].usedAt)[0];
          if (oldest !== undefined) previews.delete(oldest[0]);
        }
      }
      preview.usedAt = options.clock.now().getTime();
      const outcome = await preview.assistant.service.chat({
        ...(preview.sessionId === null ? {} : { sessionId: preview.sessionId }),
        text: request.text,
        ...(preview.sessionId === null && request.region !== undefined ? { region: request.region } : {}),
      });
      if (!outcome.ok) return { ok: false, code: 'refused', message: outcome.message };
      preview.sessionId = outcome.response.sessionId;
      return { ok: true, previewId, response: outcome.response };
    },

    /** The conversation tests of flows/tests/ run on the draft (each in its own in-memory assistant). */
    async runTests(files: ContentFile[]): Promise<{ ok: true; results: ConversationTestResult[] } | { ok: false; problems: ContentProblem[] }> {
      const built = await contextFor(files);
      if (!built.ok) return built;
      return { ok: true, results: await runConversationTests(built.context) };
    },
  };
}

export type DraftPreviews = ReturnType<typeof createDraftPreviews>;
