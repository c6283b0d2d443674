import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConversationTest } from '../../../src/content/schema.js';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';
import { runConversationTest } from '../../../src/server/runConversationTests.js';
import { withForcedPrediction } from '../../helpers/forcedPrediction.js';

let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

const question = '一般多久生效啊';

/**
 * The context with a refusal classifier that reads the question (and only it) as another matter with in scope at
 * `inScope`, the other refusing classes at 0.01 each: the message is refused at 1 − `inScope`.
 */
function elsewhereBeside(inScope: number): EngineContext {
  const said = (features: readonly string[]) => features.some((feature) => feature.includes('生效'));
  const probabilities = { in_scope: inScope, out_of_scope: 0.97 - inScope, fraud: 0.01, injection: 0.01, private_data: 0.01 };
  return withForcedPrediction(context, 'refusal', (features) => (said(features) ? probabilities : null));
}

async function failures(inScope: number, test: ConversationTest) {
  return (await runConversationTest(elsewhereBeside(inScope), 'inline', test)).failures;
}

describe('another matter in doubt (refused at 0.67), in a conversation already about the sharing', () => {
  it('is refused as the first thing said', async () => {
    expect(await failures(0.33, { name: '开场', region: '210200', turns: [{ user: question, route: 'refusal' }] })).toEqual([]);
  });

  it('is answered after an answer about the sharing, and with the form open', async () => {
    expect(await failures(0.33, { name: '答过之后', region: '210200', turns: [{ user: '家庭共济怎么办', route: 'faq' }, { user: question, route: 'faq', topic: 'review' }] })).toEqual([]);
    expect(await failures(0.33, { name: '填表中', region: '210200', turns: [{ user: '我想给我妈办共济', pending: 'applicant.name' }, { user: question, route: 'faq', topic: 'review', pending: 'applicant.name' }] })).toEqual([]);
  });

  it('is refused when another matter is read surely (0.94), whatever was said before', async () => {
    expect(await failures(0.06, { name: '答过之后', region: '210200', turns: [{ user: '家庭共济怎么办', route: 'faq' }, { user: question, route: 'refusal' }] })).toEqual([]);
  });
});
