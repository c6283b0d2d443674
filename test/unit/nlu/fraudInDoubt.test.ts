import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { read } from '../../../src/nlu/read.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';
import { withForcedPrediction } from '../../helpers/forcedPrediction.js';

let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

/** The reader with a refusal classifier giving every text holding `feature` these probabilities. */
function refusalReads(feature: string, probabilities: Record<string, number>): EngineContext['reader'] {
  return withForcedPrediction(context, 'refusal', (input) => (input.includes(feature) ? probabilities : null)).reader;
}

describe('a fraud refusal in doubt of a question the FAQ is sure of', () => {
  // The face check asked as either-or, told with where the son is: the telling clause reads as another matter and
  // pools with a weak fraud.
  const question = '他在外地上大学，刷脸是他本人来还是我替他弄';

  it('is answered when fraud alone is less likely than in scope', () => {
    const reader = refusalReads('w:刷脸', { in_scope: 0.46, fraud: 0.32, out_of_scope: 0.18, private_data: 0.02, injection: 0.02 });
    const reading = read(question, reader, { pending: null });
    expect(reading.topics[0]?.topic).toBe('face_auth');
    expect(reading.refusal.class).toBe('in_scope');
  });

  it('is refused when fraud alone is likelier than in scope', () => {
    const reader = refusalReads('w:刷脸', { in_scope: 0.4, fraud: 0.5, out_of_scope: 0.06, private_data: 0.02, injection: 0.02 });
    expect(read(question, reader, { pending: null }).refusal.class).toBe('fraud');
  });
});
