import { performance } from 'node:perf_hooks';
import { step, initialState } from '../src/engine/step.js';
import { fileURLToPath } from 'node:url';
import type { EngineContext } from '../src/engine/engineContext.js';
import { loadEngineContext } from '../src/server/loadEngineContext.js';
import type { ConversationState, Input } from '../src/engine/state.js';

/**
 * The engine's per-turn latency over a mixed workload: FAQ questions, and binding forms filled one slot per turn,
 * with effect results fed back as the runner would. Prints p50/p99 and the size of an idle conversation state.
 */
const questions = [
  '家庭共济是什么意思',
  '我老公的医保能给我用吗',
  '大连最多可以绑定几个人',
  '给孩子绑定要带什么材料',
  '十六岁以下要刷脸吗',
  '绑好了多久能用',
  '个人账户的钱能买保健品吗',
  '能帮爸妈交居民医保吗',
  '外省的父母能不能共济',
  '怎么解除绑定',
  '亲情账户和家庭共济有什么区别',
  '今天天气怎么样',
];
const form = ['我要绑定', '张伟', '21020219850612123X', '13812345678', '我妈', '李秀英', '21020219580304242X', '13912345678', '不用了，下一步', '同意'];

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

function benchEngine(context: EngineContext, turns = 12_000) {
  const now = new Date('2026-11-22T02:00:00Z');
  const durations: number[] = [];
  let conversation = 0;
  let state: ConversationState = initialState(context, `bench-${conversation}`, '210200');
  let formStep = 0;
  for (let turn = 0; turn < turns; turn += 1) {
    const isQuestion = turn % 3 === 0;
    const text = isQuestion ? questions[turn % questions.length]! : form[formStep]!;
    const input: Input = { type: 'text', text };
    const started = performance.now();
    const result = step(context, state, input, now);
    durations.push(performance.now() - started);
    state = result.state;
    if (!isQuestion) {
      formStep += 1;
      if (formStep === form.length) {
        conversation += 1;
        formStep = 0;
        state = initialState(context, `bench-${conversation}`, '210200');
      }
    }
  }
  durations.sort((left, right) => left - right);
  const idle = initialState(context, 'idle-session-0123456789abcdef', '210200');
  const midForm = state;
  return {
    turns,
    p50Ms: percentile(durations, 0.5),
    p99Ms: percentile(durations, 0.99),
    maxMs: durations.at(-1)!,
    idleStateBytes: new TextEncoder().encode(JSON.stringify(idle)).length,
    midFormStateBytes: new TextEncoder().encode(JSON.stringify(midForm)).length,
  };
}

const context = await loadEngineContext(fileURLToPath(new URL('..', import.meta.url)));
benchEngine(context, 2_000); // warm-up: the JIT, jieba's first calls
const result = benchEngine(context);
const bar = result.p50Ms <= 1 && result.p99Ms <= 5 ? 'OK' : 'OVER';
console.log(
  `engine: ${result.turns} turns (FAQ + form mix): p50 ${result.p50Ms.toFixed(3)} ms, p99 ${result.p99Ms.toFixed(3)} ms, max ${result.maxMs.toFixed(2)} ms (bars p50 ≤ 1 ms, p99 ≤ 5 ms) ${bar}`,
);
console.log(`engine: idle conversation state ${result.idleStateBytes} bytes as JSON; mid-form state ${result.midFormStateBytes} bytes`);
