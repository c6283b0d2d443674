import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConversationTest } from '../../../src/content/schema.js';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';
import { runConversationTest } from '../../../src/server/runConversationTests.js';
import { sureOf, withForcedPrediction } from '../../helpers/forcedPrediction.js';

let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

/** The context with an intent classifier that reads checking, not quite surely, in any text holding `words`. */
function readingChecking(words: string): EngineContext {
  const labels = context.reader.model.intent.labels;
  return withForcedPrediction(context, 'intent', (input) => (input.some((feature) => feature.includes(words)) ? sureOf(labels, 'status', 0.88) : null));
}

describe('"…了没有" leaning to checking', () => {
  it('answers the rule a message is surely about, and opens no status check', async () => {
    const test: ConversationTest = {
      name: '孙辈以前不让绑，现在放开了没有',
      region: '370000',
      turns: [{ user: '孙子孙女 以前说不让绑 现在放开了没有', route: 'faq', topic: 'who_can_bind', says: ['孙子女'] }],
    };
    const result = await runConversationTest(readingChecking('放开'), 'inline', test);
    expect(result.failures).toEqual([]);
  });

  it('still checks an application when the words are about the review', async () => {
    const test: ConversationTest = {
      name: '审核过了没有',
      region: '370000',
      turns: [{ user: '我那个共济审核过了没有', route: 'flow', says: ['身份证号'] }],
    };
    const result = await runConversationTest(readingChecking('审核'), 'inline', test);
    expect(result.failures).toEqual([]);
  });
});
