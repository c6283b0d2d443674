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

/** The context with a refusal classifier that reads fraud at `score` in every text. */
function readingFraud(score: number): EngineContext {
  return withForcedPrediction(context, 'refusal', () => sureOf(context.reader.model.refusal.labels, 'fraud', score));
}

// "把共济上的我闺女换成我儿子" is read surely as a question of unbinding (changing who is bound).
const swap = '把共济上的我闺女换成我儿子';

describe('a fraud reading beside a message surely about unbinding', () => {
  it('answers the unbinding when the fraud is in doubt', async () => {
    const test: ConversationTest = { name: '换绑', region: '210200', turns: [{ user: swap, route: 'faq', topic: 'unbind' }] };
    const result = await runConversationTest(readingFraud(0.55), 'inline', test);
    expect(result.failures).toEqual([]);
  });

  it('refuses when the fraud is read surely', async () => {
    const test: ConversationTest = { name: '换绑', region: '210200', turns: [{ user: swap, route: 'refusal' }] };
    const result = await runConversationTest(readingFraud(0.97), 'inline', test);
    expect(result.failures).toEqual([]);
  });
});
