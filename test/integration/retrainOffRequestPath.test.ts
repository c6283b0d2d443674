import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentLifecycle } from '../../src/content/contentLifecycle.js';
import { loadContent } from '../../src/content/loadContent.js';
import { repoContentRules } from '../../src/content/repoContentRules.js';
import type { Content } from '../../src/content/schema.js';
import type { EngineContext } from '../../src/engine/engineContext.js';
import { initialState, step } from '../../src/engine/step.js';
import { nluModelFromData, nluModelKey, type NluModelData } from '../../src/nlu/nluModel.js';
import { read } from '../../src/nlu/read.js';
import type { ContentVersion } from '../../src/ports/contentStore.js';
import { createLiveContent } from '../../src/server/liveContent.js';
import { buildEngineContext } from '../../src/server/loadEngineContext.js';
import { createLogger } from '../../src/server/logger.js';
import { nluModelFile, STALE_MODEL_MS } from '../../src/server/nluModelCache.js';
import { workerNluTrainer, type NluTrainer } from '../../src/server/nluTrainer.js';

/**
 * A publish that changes what the understanding learns from trains a new model in a worker thread: the people
 * talking meanwhile are answered at once by the model already serving, and the new one takes over when it is ready.
 * The new model is kept by the fingerprint of its training inputs, so the next start on that content reads it.
 */
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
let cacheDir: string;
let content: Content;
let serving: EngineContext;

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'gongji-nlu-cache-'));
  const loaded = await loadContent(repositoryRoot, repoContentRules);
  if (!loaded.ok) throw new Error('repository content is invalid');
  content = loaded.content;
  serving = await buildEngineContext(content);
  // Models of earlier content: one nobody has written for longer than the cache keeps them, one written just now (by
  // another process serving other content).
  await writeFile(path.join(cacheDir, 'nlu-stale.bin'), 'old');
  const longAgo = (Date.now() - STALE_MODEL_MS - 60_000) / 1000;
  await utimes(path.join(cacheDir, 'nlu-stale.bin'), longAgo, longAgo);
  await writeFile(path.join(cacheDir, 'nlu-recent.bin'), 'new');
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

/** Live content only compares version numbers. */
function version(number: number): ContentVersion {
  return { number, status: 'published' } as unknown as ContentVersion;
}

describe('retraining after a publish', () => {
  it('runs in a worker thread: turns are answered by the serving model meanwhile, then the new model serves', async () => {
    // An editor taught one more way to greet: the training inputs change, so the model must be trained again.
    const extra = { family: 'intent' as const, label: 'greeting', group: 'retrain-test', texts: ['老师傅早上好呀'], file: 'flows/nlu/intents.yaml', path: 'examples[999]' };
    const published: Content = { ...content, version: 'retrain-test', nlu: { ...content.nlu, examples: [...content.nlu.examples, extra] } };
    expect(nluModelKey(published)).not.toBe(serving.reader.model.key);
    const lifecycle = {
      publishDue: async () => undefined,
      published: async () => ({ version: version(2), files: [] }),
      check: () => ({ ok: true, content: published }),
    } as unknown as ContentLifecycle;
    let training = false;
    const trainer: NluTrainer = async (next, segmenter) => {
      training = true;
      try {
        return await workerNluTrainer(next, segmenter);
      } finally {
        training = false;
      }
    };
    const live = createLiveContent({
      lifecycle,
      build: (next) => buildEngineContext(next, { trainer, modelCacheDir: cacheDir }),
      initial: { context: serving, version: version(1) },
      logger: createLogger({ level: 'silent' }),
    });

    let swapped = false;
    const syncing = live.sync().then((changed) => {
      swapped = changed;
    });
    // A person keeps asking while the new model trains (a training on this thread would let no turn in until it ends).
    const answeredMeanwhile: string[] = [];
    while (!swapped) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (swapped) break;
      const result = step(live.context(), initialState(live.context(), 'meanwhile', '210200'), { type: 'text', text: '什么是家庭共济' }, new Date());
      expect(result.understanding.route).toBe('faq');
      if (training) answeredMeanwhile.push(live.context().reader.model.key);
    }
    await syncing;

    expect(answeredMeanwhile.length).toBeGreaterThanOrEqual(3);
    expect(new Set(answeredMeanwhile)).toEqual(new Set([serving.reader.model.key]));
    expect(live.context().reader.model.key).toBe(nluModelKey(published));
    expect(live.context().reader.model.trainingMs).toBeGreaterThan(0);
    // Kept by the fingerprint of what it learned from: a start on this content reads it instead of training.
    expect(existsSync(nluModelFile(published, cacheDir))).toBe(true);
    // Writing it forgot the model nobody had written for a week and kept the one another process wrote just now.
    expect(existsSync(path.join(cacheDir, 'nlu-stale.bin'))).toBe(false);
    expect(existsSync(path.join(cacheDir, 'nlu-recent.bin'))).toBe(true);
    // What the file holds (the weights as their bytes) reads every message as the model that was trained.
    const stored = nluModelFromData(published, deserialize(readFileSync(nluModelFile(published, cacheDir))) as NluModelData);
    expect(stored?.key).toBe(nluModelKey(published));
    const tools = live.context().reader;
    for (const text of ['老师傅早上好呀', '我在大连参保，能绑定哪些亲属？', '帮我老婆办个共济', '等一下，我去拿身份证', '帮我看看我儿子医保卡里还剩多少钱']) {
      expect(read(text, { model: stored!, segmenter: tools.segmenter }, { pending: null })).toEqual(read(text, tools, { pending: null }));
    }
    // Training all classifiers on the whole content takes seconds on a quiet machine and far longer on a loaded one.
  }, 180_000);
});
