import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../../src/adapters/memoryOutbox.js';
import { createLowdbSessionStore, type SessionsFileProblem } from '../../src/adapters/lowdbSessionStore.js';
import type { ConversationState } from '../../src/engine/state.js';
import type { StoredSession } from '../../src/ports/sessionStore.js';

function sampleSession(id: string, text = '你好'): StoredSession {
  return {
    id,
    updatedAt: '2026-01-01T08:00:00.000Z',
    state: { marker: id } as unknown as ConversationState,
    transcript: [
      { seq: 1, from: 'user', text },
      { seq: 2, from: 'bot', text: '请输入您的18位身份证号码。', expects: 'id_number' },
    ],
  };
}

let directory = '';
let file = '';

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'lowdb-sessions-'));
  file = path.join(directory, 'sessions.json');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function failOnWriteError(error: unknown): never {
  throw error;
}

describe('lowdb session store', () => {
  it('keeps sessions across a restart after flush', async () => {
    const first = await createLowdbSessionStore({ outbox: createMemoryOutbox(), file, onWriteError: failOnWriteError });
    await first.commitTurn(sampleSession('a', '我要绑定父亲'), []);
    await first.commitTurn(sampleSession('b'), []);
    await first.delete('b');
    await first.flush();

    const second = await createLowdbSessionStore({ outbox: createMemoryOutbox(), file, onWriteError: failOnWriteError });
    expect(await second.get('a')).toEqual(sampleSession('a', '我要绑定父亲'));
    expect(await second.get('b')).toBeUndefined();
  });

  it('keeps an unreadable file aside and starts empty instead of refusing to start', async () => {
    await writeFile(file, '{"sessions": {"a": tru');
    const problems: SessionsFileProblem[] = [];
    const store = await createLowdbSessionStore({ outbox: createMemoryOutbox(), file, onWriteError: failOnWriteError, onFileProblem: (problem) => problems.push(problem) });
    expect(await store.get('a')).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ kind: 'unreadable' })]);
    const keptAs = problems[0]?.keptAs ?? '';
    expect(await readFile(keptAs, 'utf8')).toBe('{"sessions": {"a": tru');
    await store.commitTurn(sampleSession('new'), []);
    await store.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ sessions: { new: sampleSession('new') } });
  });

  it('drops sessions with a broken envelope, keeping a copy of the whole file', async () => {
    const original = JSON.stringify({ sessions: { good: sampleSession('good'), bad: { id: 'bad', transcript: 'nope' } } });
    await writeFile(file, original);
    const problems: SessionsFileProblem[] = [];
    const store = await createLowdbSessionStore({ outbox: createMemoryOutbox(), file, onWriteError: failOnWriteError, onFileProblem: (problem) => problems.push(problem) });
    expect(await store.get('good')).toEqual(sampleSession('good'));
    expect(await store.get('bad')).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ kind: 'invalid-sessions', dropped: 1 })]);
    expect(await readFile(problems[0]?.keptAs ?? '', 'utf8')).toBe(original);
  });

});
