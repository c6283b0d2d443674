import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { engineMessageIds } from '../../../src/engine/engineMessageIds.js';
import { ConversationStateSchema, type ConversationState } from '../../../src/engine/state.js';
import { initialState, step } from '../../../src/engine/step.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';

const now = new Date('2026-11-22T02:00:00Z');
let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

function say(state: ConversationState, text: string, on: EngineContext = context) {
  return step(on, state, { type: 'text', text }, now);
}

function replies(result: ReturnType<typeof step>): string {
  return result.effects.flatMap((effect) => (effect.type === 'reply' ? [effect.reply.text] : [])).join('\n');
}

describe('step', () => {
  it('keeps state as plain versioned JSON that survives a store round trip', () => {
    let state = initialState(context, 'c-1', '210200');
    for (const text of ['我要绑定', '张伟', '21020219850612123X']) state = say(state, text).state;
    const stored = JSON.parse(JSON.stringify(state));
    expect(ConversationStateSchema.parse(stored)).toEqual(state);
    expect(stored.contentVersion).toBe(context.content.version);
    expect(say(stored, '13812345678').state.form?.pending).toBe('member.relationship');
  });

  it('is deterministic: the same state and input give the same result', () => {
    const state = say(initialState(context, 'c-2', '210200'), '我要绑定，我叫张伟').state;
    expect(say(state, '21020219850612123X')).toEqual(say(state, '21020219850612123X'));
  });

  it('continues a form started on older content when its pending question still exists', () => {
    const started = say(initialState(context, 'c-3', '210200'), '我要绑定，我叫张伟').state;
    const older = { ...started, contentVersion: 'older-version' };
    const result = say(older, '21020219850612123X');
    expect(result.state.contentVersion).toBe(context.content.version);
    expect(result.state.form?.applicant.name).toBe('张伟');
    expect(result.state.form?.pending).toBe('applicant.phone');
    expect(replies(result)).not.toContain(context.content.messages['engine.contentUpdated']);
  });

  it('restarts politely when the content no longer has the question a form was waiting on', () => {
    const started = say(initialState(context, 'c-4', '210200'), '我要绑定，我叫张伟，身份证21020219850612123X').state;
    expect(started.form?.pending).toBe('applicant.phone');
    const flows = context.content.flows.map((flow) => ({ ...flow, slots: flow.slots.filter((slot) => slot.key !== 'applicant.phone') }));
    const changed: EngineContext = { ...context, content: { ...context.content, version: 'newer-version', flows } };
    const result = say({ ...started }, '你好', changed);
    expect(replies(result)).toContain(context.content.messages['engine.contentUpdated']);
    expect(result.state.form).toBeNull();
  });

  it('files once: confirming produces exactly one submit effect with masked-free data and a stable key', () => {
    let state = initialState(context, 'c-5', '210200');
    const turns = ['我要绑定，我叫张伟，身份证21020219850612123X，手机13812345678，给我妈李秀英绑定，她身份证21020219580304242X，手机13912345678', '不用了，下一步', '同意'];
    for (const text of turns) state = say(state, text).state;
    const confirmed = say(state, '确认提交');
    const submits = confirmed.effects.filter((effect) => effect.type === 'submit-application');
    expect(submits).toHaveLength(1);
    expect(submits[0]).toMatchObject({
      type: 'submit-application',
      request: { region: '210200', applicant: { idNumber: '21020219850612123X' }, members: [{ relationship: 'mother', idNumber: '21020219580304242X' }] },
    });
    expect(confirmed.state.form?.status).toBe('submitting');
  });
});

describe('engine message ids', () => {
  it('lists every message id the engine and its runner say, so the content checker can require them', () => {
    const folders = ['src/engine', 'src/server'];
    const used = new Set<string>();
    for (const folder of folders) {
      for (const file of readdirSync(folder)) {
        const text = readFileSync(`${folder}/${file}`, 'utf8');
        for (const match of text.matchAll(/'((?:engine|terminal)\.[A-Za-z.]+)'/g)) used.add(match[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(40);
    for (const id of used) expect(engineMessageIds).toContain(id);
  });
});
