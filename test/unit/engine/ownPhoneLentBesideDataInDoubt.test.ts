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

/**
 * The context where every message holding 停了 reads as someone's data in doubt (0.50 beside in scope 0.48): what one
 * retraining made of "我哥那个老年机号码停了，就填我这个号嘛" at the brother's phone question.
 */
function dataInDoubt(): EngineContext {
  const doubted = { in_scope: 0.48, private_data: 0.5, fraud: 0.01, out_of_scope: 0.005, injection: 0.005 };
  return withForcedPrediction(context, 'refusal', (features) => (features.some((feature) => feature.includes('停了')) ? doubted : null));
}

const upToTheBrothersPhone: ConversationTest['turns'] = [
  { user: '想给我哥办共济', pending: 'applicant.name' },
  { user: '张伟' },
  { user: '510107198503152310' },
  { user: '13880012345' },
  { user: '张强' },
  { user: '510107198001012318', pending: 'member.phone' },
];

describe("the person's own number lent to the relative while the words read as someone's data in doubt", () => {
  it('is the relative\'s number, not refused: "我哥那个老号码停了，就填我这个号吧"', async () => {
    const test: ConversationTest = { name: '借自己的号', region: '510000', turns: [...upToTheBrothersPhone, { user: '我哥那个老号码停了，就填我这个号吧', members: 1 }] };
    expect((await runConversationTest(dataInDoubt(), 'inline', test)).failures).toEqual([]);
  });
});
