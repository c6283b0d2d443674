import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { checkContent, type ContentFile, type ContentProblem } from '../content/checkContent.js';
import { hashFiles } from '../content/contentLifecycle.js';
import { repoContentRules } from '../content/repoContentRules.js';
import { answerDiff, knownQuestions } from '../engine/answerDiff.js';
import type { EngineContext } from '../engine/engineContext.js';
import type { AnswerDiffReply, AnswerDiffRequest } from './answerDiffJobs.js';
import { buildEngineContext } from './loadEngineContext.js';

/**
 * The answer diff's worker thread: it checks and builds both versions' engine contexts (training the classifiers
 * when a draft's examples changed) and asks every known question of both, so none of it runs on the server's event
 * loop. Contexts are kept by the hash of their files: the published version and a draft being worked on are built
 * once.
 */
const kept = 3;
type Built = { ok: true; context: EngineContext } | { ok: false; problems: ContentProblem[] };
const contexts = new Map<string, Promise<Built>>();

function contextFor(files: ContentFile[]): Promise<Built> {
  const key = hashFiles(files);
  let built = contexts.get(key);
  if (built === undefined) {
    const checked = checkContent(files, repoContentRules);
    // Previews never ask the language model, and neither does the diff: what a draft says should not depend on it.
    built = checked.ok ? buildEngineContext(checked.content, { modelAvailable: false }).then((context): Built => ({ ok: true, context })) : Promise.resolve<Built>({ ok: false, problems: checked.problems });
    if (contexts.size >= kept) contexts.delete(contexts.keys().next().value!);
  } else {
    // Least recently used goes first: the published version, in every diff, stays.
    contexts.delete(key);
  }
  contexts.set(key, built);
  return built;
}

async function run(request: AnswerDiffRequest): Promise<AnswerDiffReply> {
  const started = performance.now();
  const [before, after] = await Promise.all([contextFor(request.before), contextFor(request.after)]);
  if (!before.ok) return { id: request.id, ok: false, code: 'invalid', side: 'before', problems: before.problems };
  if (!after.ok) return { id: request.id, ok: false, code: 'invalid', side: 'after', problems: after.problems };
  const built = performance.now();
  const questions = knownQuestions([before.context.content, after.context.content], request.asked);
  const diff = answerDiff(before.context, after.context, questions, () => performance.now() - started > request.budgetMs);
  const finished = performance.now();
  return {
    id: request.id,
    ok: true,
    report: { ...diff, budgetMs: request.budgetMs, buildMs: Math.round(built - started), diffMs: Math.round(finished - built), elapsedMs: Math.round(finished - started) },
  };
}

parentPort?.on('message', (request: AnswerDiffRequest) => {
  run(request).then(
    (reply) => parentPort?.postMessage(reply),
    (error: unknown) => parentPort?.postMessage({ id: request.id, ok: false, code: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies AnswerDiffReply),
  );
});
