import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateRouting, heldOutQuestionsPath, loadDevQuestions, loadRepoEngine, type RoutingReport } from '../../../bench/evaluateRouting.js';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { routingExamples } from './routingExamples.js';

/** Routing through the real engine on the real content: what editors write and what the machinery understands, together. */
let context: EngineContext;
beforeAll(async () => {
  context = await loadRepoEngine();
});

/** The bar for questions kept outside the examples. */
const HELD_OUT_BAR = { inScope: 0.95, outOfScope: 0.95 };
const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
const describeMisses = (report: RoutingReport) => report.misses.map((miss) => `${miss.question} [${miss.accept.join(',')}] → ${miss.got}`).join('\n');

describe('routing on the real FAQ', () => {
  it('routes our own example questions to an accepted topic and refuses the unrelated ones', () => {
    const report = evaluateRouting(context, routingExamples.map((example) => ({ q: example.text, accept: [...example.accept] })));
    expect(share(report.inScope.routed, report.inScope.total), describeMisses(report)).toBeGreaterThanOrEqual(0.85);
    expect(share(report.outOfScope.refused, report.outOfScope.total), describeMisses(report)).toBeGreaterThanOrEqual(0.95);
  });

  it('meets the bars on the dev questions: ≥ 95 % routed, ≥ 95 % of out-of-scope refused', async () => {
    const report = evaluateRouting(context, await loadDevQuestions());
    expect(share(report.inScope.routed, report.inScope.total), describeMisses(report)).toBeGreaterThanOrEqual(0.95);
    expect(share(report.outOfScope.refused, report.outOfScope.total), describeMisses(report)).toBeGreaterThanOrEqual(0.95);
  });

  it('meets the bars on the held-out questions nobody trained on: in scope routed right, out of scope refused', async () => {
    const report = evaluateRouting(context, await loadDevQuestions(heldOutQuestionsPath));
    expect(report.inScope.total + report.outOfScope.total).toBeGreaterThanOrEqual(150);
    expect(share(report.inScope.routed, report.inScope.total), describeMisses(report)).toBeGreaterThanOrEqual(HELD_OUT_BAR.inScope);
    expect(share(report.outOfScope.refused, report.outOfScope.total), describeMisses(report)).toBeGreaterThanOrEqual(HELD_OUT_BAR.outOfScope);
  });
});
