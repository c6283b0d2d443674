import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import type { ConversationState, Effect } from '../../../src/engine/state.js';
import { initialState, step } from '../../../src/engine/step.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';

/** While a texted code is awaited, "没收到" and its kin ask for it again; elsewhere they are no such request. */
const now = new Date('2026-11-22T02:00:00Z');
const applicantId = '21020219850612123X';
let context: EngineContext;
let awaiting: ConversationState;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
  const asked = step(context, initialState(context, 'resend', '210200'), { type: 'text', text: `查一下${applicantId}的申请进度` }, now);
  awaiting = step(context, asked.state, { type: 'code-sent' }, now).state;
});

const backendEffects = (effects: Effect[]) => effects.filter((effect) => effect.type !== 'reply');

describe('asking for the code again', () => {
  it.each(['没收到', '没收到啊', '再发一次', '短信一直没来', '验证码过期了', '重新发一个', '沒收到短信'])('"%s" while a code is awaited sends it again', (text) => {
    expect(awaiting.verifying?.status).toBe('awaiting-code');
    const result = step(context, awaiting, { type: 'text', text }, now);
    expect(backendEffects(result.effects)).toEqual([{ type: 'send-code', subject: { kind: 'idNumber', value: applicantId } }]);
    expect(result.state.verifying?.status).toBe('sending');
  });

  it('a code typed in the same message is checked, not sent again', () => {
    const result = step(context, awaiting, { type: 'text', text: '刚收到了，是 654321' }, now);
    expect(backendEffects(result.effects)).toEqual([{ type: 'verify-code', subject: { kind: 'idNumber', value: applicantId }, code: '654321' }]);
  });

  it('with no code awaited, "没收到" sends nothing', () => {
    const result = step(context, initialState(context, 'resend-none', '210200'), { type: 'text', text: '没收到' }, now);
    expect(backendEffects(result.effects).some((effect) => effect.type === 'send-code')).toBe(false);
  });
});
