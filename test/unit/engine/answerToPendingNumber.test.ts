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

/** The context with a refusal classifier sure of `refusal` for every message holding all of `features`. */
function refusing(refusal: string, features: readonly string[]): EngineContext {
  const labels = context.reader.model.refusal.labels;
  return withForcedPrediction(context, 'refusal', (input) => (features.every((feature) => input.includes(feature)) ? sureOf(labels, refusal, 0.9) : null));
}

type Turn = ConversationTest['turns'][number];
const turns = (...pairs: [string, Turn['pending']][]): Turn[] => pairs.map(([user, pending]) => ({ user, pending }));

describe('the number the form asks for, given as the answer', () => {
  it('is filed for the person even when the words around it read as asking for someone else\'s data', async () => {
    const test: ConversationTest = {
      name: '本人手机号，说是闺女给买的手机',
      region: '440300',
      turns: turns(['想给老婆开通家庭共济', 'applicant.name'], ['梁志远', 'applicant.idNumber'], ['440304198011050039', 'applicant.phone'], ['这手机是闺女去年给我买的，号码13802211223', 'member.name']),
    };
    const result = await runConversationTest(refusing('private_data', ['我买', '号码']), 'inline', test);
    expect(result.failures).toEqual([]);
  });

  it('is filed for the relative even when the words read as a fraud, and the person goes on to the phone', async () => {
    const test: ConversationTest = {
      name: '父亲的身份证，说“他的身份证”',
      region: '130100',
      turns: turns(['帮我爸弄个共济', 'applicant.name'], ['邢国栋，130102198304110019，13931166778', 'member.name'], ['邢德贵', 'member.idNumber'], ['他的身份证 130102195508120012', 'member.phone']),
    };
    const result = await runConversationTest(refusing('fraud', ['他的', 'w:身份证']), 'inline', test);
    expect(result.failures).toEqual([]);
  });

  it('still refuses a message that asks something besides, however sure the form would be of its number', async () => {
    const test: ConversationTest = {
      name: '给号码又问怎么冒用',
      region: '130100',
      turns: [
        ...turns(['帮我爸弄个共济', 'applicant.name'], ['邢国栋，130102198304110019，13931166778', 'member.name'], ['邢德贵', 'member.idNumber']),
        { user: '他的身份证 130102195508120012，我拿它替他刷脸行不行', route: 'refusal', pending: 'member.idNumber' },
      ],
    };
    const result = await runConversationTest(refusing('fraud', ['他的', 'w:身份证']), 'inline', test);
    expect(result.failures).toEqual([]);
  });
});
