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
 * The context where every message holding 绑上 reads surely as a request to bind (0.999) and as a fraud in doubt
 * (0.55 beside in scope 0.43): what one retraining made of "帮我把我爸绑上".
 */
function fraudInDoubt(): EngineContext {
  const said = (features: readonly string[]) => features.some((feature) => feature.includes('绑上'));
  const requested = withForcedPrediction(context, 'intent', (features) => (said(features) ? sureOf(context.reader.model.intent.labels, 'start_binding', 0.999) : null));
  const doubted = { in_scope: 0.43, fraud: 0.55, out_of_scope: 0.01, injection: 0.005, private_data: 0.005 };
  return withForcedPrediction(requested, 'refusal', (features) => (said(features) ? doubted : null));
}

async function failures(test: ConversationTest) {
  return (await runConversationTest(fraudInDoubt(), 'inline', test)).failures;
}

describe('a request to bind read as a fraud in doubt', () => {
  it('binds a close relative it names, whatever topic its words lean to ("帮我把我老娘绑上吧" leans to limits)', async () => {
    expect(await failures({ name: '绑老娘', region: '210200', turns: [{ user: '帮我把我老娘绑上吧', route: 'flow', pending: 'applicant.name' }] })).toEqual([]);
  });

  it('is refused when it names no close relative', async () => {
    expect(await failures({ name: '绑同事', region: '210200', turns: [{ user: '帮我把同事绑上', route: 'refusal' }] })).toEqual([]);
  });
});
