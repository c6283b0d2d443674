import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { buildChoicePrompt, readModelChoice } from '../../../src/nlu/modelChoice.js';
import { read } from '../../../src/nlu/read.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';

let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

const candidates = [
  { id: 'bind-minor-child', question: '未成年子女怎么绑定？' },
  { id: 'which-relatives-can-be-bound', question: '能绑定哪些家人？' },
];

describe('the language model\'s request', () => {
  it('carries the words as read, with ID and phone numbers masked: they never leave for an outside service', () => {
    const reading = read('我閨女身份证210202199511020178，手机13912345678', context.reader, { pending: null });
    const prompt = buildChoicePrompt(context.content.llmPrompts, { reading, candidates, regionName: null });
    expect(prompt.user).toContain('闺女');
    expect(prompt.user).not.toMatch(/210202199511020178|13912345678/);
    expect(prompt.user).toContain('139****5678');
  });

  it('says the region the message names before the conversation\'s, and none when neither is known', () => {
    const named = buildChoicePrompt(context.content.llmPrompts, { reading: read('泰安的孩子', context.reader, { pending: null }), candidates, regionName: '大连市' });
    expect(named.user).toContain('泰安');
    expect(named.user).not.toContain('大连');
    const known = buildChoicePrompt(context.content.llmPrompts, { reading: read('孩子', context.reader, { pending: null }), candidates, regionName: '大连市' });
    expect(known.user).toContain('大连市');
  });

  it('reads back only an offered id', () => {
    expect(readModelChoice(' "bind-minor-child"。', candidates.map((candidate) => candidate.id))).toBe('bind-minor-child');
    expect(readModelChoice('cash-out-illegal', candidates.map((candidate) => candidate.id))).toBeNull();
  });
});
