import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../src/content/loadContent.js';
import { repoContentRules } from '../src/content/repoContentRules.js';
import { inProcessNluTrainer, workerNluTrainer } from '../src/server/nluTrainer.js';
import { buildEngineContext } from '../src/server/loadEngineContext.js';

/**
 * Training the understanding, measured: on the calling thread, and in the worker thread the server uses after a
 * publish — with how long the main thread's event loop stalls meanwhile (what a person talking would wait). Prints
 * numbers; asserts nothing. Cold starts are `npm run bench` → http.ts (`--cold-start-only` for those alone).
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const loaded = await loadContent(root, repoContentRules);
if (!loaded.ok) throw new Error('repository content is invalid');
const content = loaded.content;
const { segmenter } = (await buildEngineContext(content)).reader;

async function stallWhile(run: () => Promise<unknown>): Promise<{ wallMs: number; maxStallMs: number; p99StallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  await run();
  const wallMs = performance.now() - started;
  delay.disable();
  return { wallMs, maxStallMs: delay.max / 1e6, p99StallMs: delay.percentile(99) / 1e6 };
}

let trainingMs = 0;
const here = await stallWhile(async () => {
  trainingMs = (await inProcessNluTrainer(content, segmenter)).trainingMs;
});
let workerTrainingMs = 0;
const worker = await stallWhile(async () => {
  workerTrainingMs = (await workerNluTrainer(content, segmenter)).trainingMs;
});
console.log(`training every classifier on the calling thread: ${trainingMs} ms; event loop stalled up to ${here.maxStallMs.toFixed(0)} ms`);
console.log(
  `in the worker thread (what a publish does): ${workerTrainingMs} ms training, ${worker.wallMs.toFixed(0)} ms until the new model is ready; ` +
    `the serving thread's event loop stalled at most ${worker.maxStallMs.toFixed(1)} ms (p99 ${worker.p99StallMs.toFixed(1)} ms)`,
);
