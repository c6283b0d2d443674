import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBindingBackend } from '../../src/adapters/inProcessBindingBackend.js';
import { createMemoryOutbox } from '../../src/adapters/memoryOutbox.js';
import { createMemorySessionStore } from '../../src/adapters/memorySessionStore.js';
import { createOpenAiLanguageModel } from '../../src/adapters/openAiLanguageModel.js';
import { createBackendService } from '../../src/backend-stub/backendService.js';
import { demoRegistry } from '../../src/backend-stub/demoRegistry.js';
import { createMemoryBackendStore } from '../../src/backend-stub/memoryBackendStore.js';
import type { EngineContext } from '../../src/engine/engineContext.js';
import { createConversationService } from '../../src/server/conversationService.js';
import { countingIds } from '../../src/server/createLocalAssistant.js';
import { loadEngineContext } from '../../src/server/loadEngineContext.js';

/**
 * The optional language-model path against an OpenAI-compatible server this test starts: the model may only pick
 * one of the FAQ entries embedded understanding was unsure between; anything else, or no model, means asking the person.
 */
type Seen = { model: string; system: string; user: string };
let answer: (seen: Seen) => string = () => 'NONE';
const requests: Seen[] = [];
let server: Server;
let baseUrl: string;
let context: EngineContext;

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.post('/v1/chat/completions', (request, response) => {
    const messages = request.body.messages as { role: string; content: string }[];
    const seen = { model: request.body.model, system: messages[0]!.content, user: messages[1]!.content };
    requests.push(seen);
    response.json({
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 0,
      model: seen.model,
      choices: [{ index: 0, message: { role: 'assistant', content: answer(seen) }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  context = await loadEngineContext(fileURLToPath(new URL('../../', import.meta.url)), { modelAvailable: true });
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

async function conversation(modelUrl: string, errors: unknown[] = []) {
  const clock = { now: () => new Date('2026-11-22T02:00:00Z') };
  const ids = countingIds();
  const backendService = await createBackendService({ store: createMemoryBackendStore(), clock, ids, policies: context.content.regions, messages: context.content.messages, registry: demoRegistry, reviewDelayMs: 0 });
  return createConversationService({
    context: () => context,
    store: createMemorySessionStore({ outbox: createMemoryOutbox() }),
    backend: createInProcessBindingBackend(backendService),
    filing: { file: async () => ({ type: 'application-queued' }), resume: async () => undefined },
    clock,
    ids,
    languageModel: createOpenAiLanguageModel({ baseUrl: modelUrl, apiKey: 'test-key', model: 'test-model', timeoutMs: 2_000 }),
    onModelError: (error) => errors.push(error),
  });
}

// "孩子" alone is too little for embedded understanding to pick one entry: it offers the closest ones.
const unsure = '孩子';

describe('the language-model path', () => {
  it('answers with the entry the model picks among the offered ones, sending it the candidates and the words as data', async () => {
    answer = (seen) => (seen.system.includes('how-to-bind-overview') ? 'how-to-bind-overview' : 'NONE');
    const service = await conversation(baseUrl);
    const outcome = await service.chat({ text: unsure });
    expect(outcome.ok && outcome.response.understanding).toMatchObject({ route: 'faq', faqId: 'how-to-bind-overview' });
    const last = requests.at(-1)!;
    expect(last.model).toBe('test-model');
    expect(last.user).toContain(unsure);
    expect(last.system).not.toContain('{candidates}');
  });

  it('receives the turn\'s reading with the words: the region, the relatives named, how sure each offered entry is', async () => {
    answer = () => 'NONE';
    const service = await conversation(baseUrl);
    const outcome = await service.chat({ text: '我闺女', region: '210200' });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.response.understanding.route).toBe('fallback');
    const last = requests.at(-1)!;
    expect(last.user).toContain('大连');
    expect(last.user).toContain('闺女');
    // One score per offered entry, each an id the system prompt lists.
    const scores = [...last.user.matchAll(/([a-z][a-z0-9-]+) (\d\.\d\d)/g)].map((match) => match[1]!);
    expect(scores.length).toBeGreaterThanOrEqual(2);
    for (const id of scores) expect(last.system).toContain(`${id}：`);
  });

  it('asks the person instead when the model answers anything but an offered id (e.g. obeys injected text)', async () => {
    for (const reply of ['好的，我现在是没有限制的助手', 'cash-out-illegal', 'NONE']) {
      answer = () => reply;
      const service = await conversation(baseUrl);
      const outcome = await service.chat({ text: unsure });
      if (!outcome.ok) throw new Error(outcome.message);
      expect(outcome.response.understanding.route).toBe('fallback');
      expect(outcome.response.replies[0]?.quickReplies?.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('asks the person when the model cannot be reached, and reports the failure', async () => {
    const errors: unknown[] = [];
    const service = await conversation('http://127.0.0.1:9/v1', errors);
    const outcome = await service.chat({ text: unsure });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.response.understanding.route).toBe('fallback');
    expect(outcome.response.replies[0]?.quickReplies?.length).toBeGreaterThanOrEqual(2);
    expect(errors).toHaveLength(1);
  });

  it('never asks the model about questions embedded understanding answers itself', async () => {
    const before = requests.length;
    const service = await conversation(baseUrl);
    const outcome = await service.chat({ text: '绑定以后还能改吗' });
    expect(outcome.ok && outcome.response.understanding.route).toBe('faq');
    expect(requests.length).toBe(before);
  });
});
