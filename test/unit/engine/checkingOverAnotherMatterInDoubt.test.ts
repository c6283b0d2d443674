import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';
import { runConversationTest } from '../../../src/server/runConversationTests.js';
import { sureOf, withForcedPrediction } from '../../helpers/forcedPrediction.js';

let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

const message = '进度在哪儿瞧';

/** Checking read at `checking` and another matter at `elsewhere` (in scope the rest) for the message, and only it. */
function checkingBeside(checking: number, elsewhere: number): EngineContext {
  const said = (features: readonly string[]) => features.some((feature) => feature.includes('瞧'));
  const intents = withForcedPrediction(context, 'intent', (features) => (said(features) ? sureOf(context.reader.model.intent.labels, 'status', checking) : null));
  const refusal = { in_scope: 0.97 - elsewhere, out_of_scope: elsewhere, fraud: 0.01, injection: 0.01, private_data: 0.01 };
  return withForcedPrediction(intents, 'refusal', (features) => (said(features) ? refusal : null));
}

async function failures(checking: number, elsewhere: number, route: 'flow' | 'refusal') {
  return (await runConversationTest(checkingBeside(checking, elsewhere), 'inline', { name: '查进度', region: '210200', turns: [{ user: message, route }] })).failures;
}

describe('a check read more surely than another matter', () => {
  it('begins the status check when checking (0.83) outweighs another matter in doubt (0.52)', async () => {
    expect(await failures(0.83, 0.52, 'flow')).toEqual([]);
  });

  it('is refused when another matter is read the more surely (0.91 against 0.73)', async () => {
    expect(await failures(0.73, 0.91, 'refusal')).toEqual([]);
  });
});
