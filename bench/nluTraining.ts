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

const probeMs = 5;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long the calling thread's event loop could not run while `run` worked: a timer ticking every 5 ms records
 * the gaps between its ticks, and the probe keeps ticking until after `run` has finished, so a synchronous stretch
 * (training on the calling thread never yields) is caught by the tick that comes after it. (A delay monitor
 * switched off straight after an `await` of synchronous work never sees that tick, and reported 0 ms.)
 */
async function stallWhile(run: () => Promise<unknown>): Promise<{ wallMs: number; maxStallMs: number; p99StallMs: number }> {
  const gaps: number[] = [];
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    gaps.push(Math.max(0, now - last - probeMs));
    last = now;
  }, probeMs);
  await pause(4 * probeMs);
  gaps.length = 0;
  const started = performance.now();
  await run();
  const wallMs = performance.now() - started;
  await pause(4 * probeMs);
  clearInterval(probe);
  const sorted = [...gaps].sort((a, b) => a - b);
  return { wallMs, maxStallMs: sorted.at(-1) ?? 0, p99StallMs: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0 };
}

let trainingMs = 0;
const here = await stallWhile(async () => {
  trainingMs = (await inProcessNluTrainer(content, segmenter)).trainingMs;
});
let workerTrainingMs = 0;
const worker = await stallWhile(async () => {
  workerTrainingMs = (await workerNluTrainer(content, segmenter)).trainingMs;
});
console.log(`training every classifier on the calling thread: ${trainingMs} ms; its event loop stalled up to ${here.maxStallMs.toFixed(0)} ms (${here.wallMs.toFixed(0)} ms until ready)`);
console.log(
  `in the worker thread (what a publish does): ${workerTrainingMs} ms training, ${worker.wallMs.toFixed(0)} ms until the new model is ready; ` +
    `the serving thread's event loop stalled at most ${worker.maxStallMs.toFixed(1)} ms (p99 ${worker.p99StallMs.toFixed(1)} ms)`,
);
