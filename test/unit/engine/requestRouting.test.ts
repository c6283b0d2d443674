import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateRouting, loadRepoEngine } from '../../../bench/evaluateRouting.js';
import type { EngineContext } from '../../../src/engine/engineContext.js';

/** `npm run eval` and outside evaluations count a request by the topic it answers (DESIGN.md: understanding.topic). */
let context: EngineContext;
beforeAll(async () => {
  context = await loadRepoEngine();
});

describe('evaluateRouting on requests the assistant acts on', () => {
  it('counts a binding, a status query and an unbinding as the topic they answer', () => {
    const report = evaluateRouting(context, [
      { q: '帮我老婆办个共济', accept: ['how_to_bind'] },
      { q: '帮我老婆办个共济', accept: ['start_binding'] },
      { q: '查一下我的申请审核到哪了', accept: ['review'] },
      { q: '我要解绑我儿子', accept: ['unbind'] },
    ]);
    expect(report.misses).toEqual([]);
    expect(report.inScope).toEqual({ total: 4, routed: 4 });
  });

  it('still counts a request answered as another topic as a miss', () => {
    const report = evaluateRouting(context, [
      { q: '帮我老婆办个共济', accept: ['review'] },
      { q: '我要解绑我儿子', accept: ['how_to_bind'] },
    ]);
    expect(report.misses.map((miss) => miss.got)).toEqual(['flow how_to_bind/- (1.00)', 'flow unbind/- (1.00)']);
  });
});
