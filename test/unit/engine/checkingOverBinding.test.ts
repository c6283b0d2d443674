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

/**
 * The context with an intent classifier that reads binding surely in any text holding `binding` and checking a little
 * less surely in any text holding `checking` (binding first where both are): a message asking how far an application
 * for a relative got reads so, one clause as each, and which request wins must not hang on a hundredth.
 */
function readingBoth(binding: string, checking: string): EngineContext {
  const labels = context.reader.model.intent.labels;
  return withForcedPrediction(context, 'intent', (input) => (input.includes(binding) ? sureOf(labels, 'start_binding', 0.97) : input.includes(checking) ? sureOf(labels, 'status', 0.96) : null));
}

describe('a message read surely as checking and as binding', () => {
  it('checks the application (behind the code), and starts no form', async () => {
    const test: ConversationTest = {
      name: '上回给老伴办的共济，问到哪一步了',
      region: '410000',
      turns: [
        { user: '俺上回给老伴弄的那个共济，这会儿到哪一步了', route: 'flow', form: null, says: ['身份证号'] },
        { user: '王建民，410105196805120036，13598011276', expects: 'code', form: null },
      ],
    };
    const result = await runConversationTest(readingBoth('w:老伴', '一步'), 'inline', test);
    expect(result.failures).toEqual([]);
  });

  it('still starts the form for a request to bind that names no application', async () => {
    const test: ConversationTest = {
      name: '帮老伴办共济',
      region: '410000',
      turns: [{ user: '帮俺老伴办个共济', route: 'flow', pending: 'applicant.name' }],
    };
    const result = await runConversationTest(readingBoth('w:老伴', '一步'), 'inline', test);
    expect(result.failures).toEqual([]);
  });
});
