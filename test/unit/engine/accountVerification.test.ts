import { normalise } from '../../../src/nlu/normalise.js';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeIn, recordNumberIn } from '../../../src/engine/accountRequests.js';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { ConversationStateSchema, type ConversationState, type Effect, type Input } from '../../../src/engine/state.js';
import { initialState, step } from '../../../src/engine/step.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';

const now = new Date('2026-11-22T02:00:00Z');
const applicantId = '21020219850612123X';
let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

const run = (state: ConversationState, input: Input, at: Date = now) => step(context, state, input, at);
const text = (state: ConversationState, words: string, at: Date = now) => run(state, { type: 'text', text: words }, at);
const backendEffects = (effects: Effect[]) => effects.filter((effect) => effect.type !== 'reply');
const said = (effects: Effect[]) => effects.flatMap((effect) => (effect.type === 'reply' ? [effect.reply.text] : [])).join('\n');

// The engine hands these the reading's normalised text (full width folded, lower case), as here.
describe('reading codes and record numbers', () => {
  it('finds a 6-digit code typed in any width or spaced out, and nothing else', () => {
    expect(codeIn(normalise('123456'))).toBe('123456');
    expect(codeIn(normalise('验证码是 ３５０ ５８４'))).toBe('350584');
    expect(codeIn(normalise('12345'))).toBeNull();
    expect(codeIn(normalise('1234567'))).toBeNull();
    expect(codeIn(normalise(applicantId))).toBeNull();
    expect(codeIn(normalise('123456 和 654321'))).toBeNull();
  });

  it('finds a record number in either case and width', () => {
    expect(recordNumberIn(normalise('记录编号 gj2102002026112200001 到哪了'))).toBe('GJ2102002026112200001');
    expect(recordNumberIn(normalise('ＧＪ２１０２００２０２６１１２２００００１'))).toBe('GJ2102002026112200001');
    expect(recordNumberIn(normalise('GJ21020020261122'))).toBeNull();
  });
});

describe('status and unbinding without having filed', () => {
  it('asks the back end for a code and shows nothing until the code is verified', () => {
    const asked = text(initialState(context, 'c-1', '210200'), `查一下${applicantId}的申请进度`);
    expect(backendEffects(asked.effects)).toEqual([{ type: 'send-code', subject: { kind: 'idNumber', value: applicantId } }]);
    expect(asked.state.verifying).toMatchObject({ purpose: 'status', status: 'sending' });

    const sent = run(asked.state, { type: 'code-sent' });
    expect(said(sent.effects)).toContain('验证码');
    const prompt = sent.effects.findLast((effect) => effect.type === 'reply');
    expect(prompt?.type === 'reply' && prompt.reply.expects).toBe('code');
    const typed = text(sent.state, '654321');
    expect(backendEffects(typed.effects)).toEqual([{ type: 'verify-code', subject: { kind: 'idNumber', value: applicantId }, code: '654321' }]);

    const verified = run(typed.state, { type: 'code-verified', grant: 'g-1', expiresAt: new Date(now.getTime() + 600_000).toISOString() });
    expect(backendEffects(verified.effects)).toEqual([{ type: 'query-status', applicantIdNumber: applicantId, access: { grant: 'g-1' } }]);
    expect(verified.state.verifying).toBeNull();
  });

  it('asks again for a code once the grant has run out', () => {
    const expiresAt = new Date(now.getTime() + 600_000).toISOString();
    const asked = text(initialState(context, 'c-2', '210200'), `查一下${applicantId}的申请进度`);
    const verified = run(run(text(run(asked.state, { type: 'code-sent' }).state, '654321').state, { type: 'code-verified', grant: 'g-2', expiresAt }).state, { type: 'status-result', applications: [], bindings: [] });
    const soon = text(verified.state, '我的申请审核到哪了', new Date(now.getTime() + 60_000));
    expect(backendEffects(soon.effects)).toEqual([{ type: 'query-status', applicantIdNumber: applicantId, access: { grant: 'g-2' } }]);
    const later = text(verified.state, '我的申请审核到哪了', new Date(now.getTime() + 600_000));
    expect(backendEffects(later.effects)).toEqual([{ type: 'send-code', subject: { kind: 'idNumber', value: applicantId } }]);
  });

  it('ends the dialog on a lockout, and keeps asking after a wrong code', () => {
    const asked = run(text(initialState(context, 'c-3', '210200'), `解绑我妈，身份证${applicantId}`).state, { type: 'code-sent' });
    expect(asked.state.unbind?.status).toBe('verifying');
    const wrong = run(text(asked.state, '000000').state, { type: 'code-refused', code: 'code_invalid' });
    expect(wrong.state.verifying?.status).toBe('awaiting-code');
    expect(said(wrong.effects)).toContain('验证码不对');
    const locked = run(text(wrong.state, '000001').state, { type: 'code-refused', code: 'code_locked' });
    expect(locked.state.verifying).toBeNull();
    expect(locked.state.unbind).toBeNull();
    expect(said(locked.effects)).toContain('15 分钟');
  });
});

describe('a grant the back end no longer accepts', () => {
  it('is dropped, nothing is shown, and the person is asked to start again', () => {
    const expiresAt = new Date(now.getTime() + 600_000).toISOString();
    const asked = text(initialState(context, 'c-5', '210200'), `查一下${applicantId}的申请进度`);
    const verified = run(text(run(asked.state, { type: 'code-sent' }).state, '654321').state, { type: 'code-verified', grant: 'g-5', expiresAt });
    const denied = run(verified.state, { type: 'access-denied' });
    expect(denied.state.access.some((proof) => proof.kind === 'grant')).toBe(false);
    expect(backendEffects(denied.effects)).toEqual([]);
    expect(said(denied.effects)).toContain('重新发起查询');
  });
});

describe('the state', () => {
  it('reads a state stored before verification existed as "no access, not verifying"', () => {
    const stored: Record<string, unknown> = JSON.parse(JSON.stringify(initialState(context, 'c-4', null)));
    delete stored.access;
    delete stored.verifying;
    expect(ConversationStateSchema.parse(stored)).toMatchObject({ access: [], verifying: null });
  });
});
