import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labelledExamples } from '../../../src/content/checkExamples.js';
import { loadContent } from '../../../src/content/loadContent.js';
import type { NluContent } from '../../../src/content/nluSchema.js';
import { repoContentRules } from '../../../src/content/repoContentRules.js';
import { trainingSets } from '../../../src/nlu/trainingSets.js';

describe("a flow's triggers", () => {
  it('join the group of the examples of their label they are alike, and form groups of their own otherwise', () => {
    const examples = [
      { family: 'intent' as const, label: 'start_binding', group: 'i-want-to-bind', texts: ['我要绑定家人', '我想绑家里人'], file: 'flows/nlu/intents.yaml', path: 'examples[0]' },
      { family: 'intent' as const, label: 'start_binding', group: '~binding-triggers', texts: ['我要绑定', '添加共济成员'], file: 'flows/binding.flow.yaml', path: 'triggers' },
    ];
    const labelled = labelledExamples({ examples } as unknown as NluContent, []);
    const groupOf = (text: string) => labelled.find((example) => example.text === text)?.group;
    expect(groupOf('我要绑定')).toBe('i-want-to-bind');
    expect(groupOf('添加共济成员')).not.toBe('i-want-to-bind');
    expect(groupOf('添加共济成员')).not.toBe(groupOf('我要绑定'));
  });

  it('are learned as requests to bind from the content as it stands', async () => {
    const loaded = await loadContent(fileURLToPath(new URL('../../../', import.meta.url)), repoContentRules);
    if (!loaded.ok) throw new Error('content does not load');
    const triggers = loaded.content.flows.find((flow) => flow.id === 'binding')?.triggers ?? [];
    expect(triggers.length).toBeGreaterThan(0);
    const learned = trainingSets(loaded.content).intent.filter((example) => example.file.endsWith('binding.flow.yaml'));
    // Each as written, and once more inside a region mention, as every request is learned.
    for (const trigger of triggers) expect(learned.map((example) => example.text)).toContain(trigger);
    expect(new Set(learned.map((example) => example.label))).toEqual(new Set(['start_binding']));
  });
});
