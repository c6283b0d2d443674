import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
    const first = await createLowdbSessionStore({ file, onWriteError: failOnWriteError });
    await first.put(sampleSession('a', '我要绑定父亲'));
    await first.put(sampleSession('b'));
    await first.delete('b');
    await first.flush();

    const second = await createLowdbSessionStore({ file, onWriteError: failOnWriteError });
    expect(await second.get('a')).toEqual(sampleSession('a', '我要绑定父亲'));
    expect(await second.get('b')).toBeUndefined();
  });

  it('writes behind without a flush, coalescing many changes into a readable file', async () => {
    const store = await createLowdbSessionStore({ file, writeDelayMs: 20, onWriteError: failOnWriteError });
    for (let index = 0; index < 200; index += 1) await store.put(sampleSession(`s${index}`));
    await vi.waitFor(async () => {
      const written = JSON.parse(await readFile(file, 'utf8')) as { sessions: Record<string, StoredSession> };
      expect(Object.keys(written.sessions)).toHaveLength(200);
    });
  });

  it('keeps an unreadable file aside and starts empty instead of refusing to start', async () => {
    await writeFile(file, '{"sessions": {"a": tru');
    const problems: SessionsFileProblem[] = [];
    const store = await createLowdbSessionStore({ file, onWriteError: failOnWriteError, onFileProblem: (problem) => problems.push(problem) });
    expect(await store.get('a')).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ kind: 'unreadable' })]);
    const keptAs = problems[0]?.keptAs ?? '';
    expect(await readFile(keptAs, 'utf8')).toBe('{"sessions": {"a": tru');
    await store.put(sampleSession('new'));
    await store.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ sessions: { new: sampleSession('new') } });
  });

  it('drops sessions with a broken envelope, keeping a copy of the whole file', async () => {
    const original = JSON.stringify({ sessions: { good: sampleSession('good'), bad: { id: 'bad', transcript: 'nope' } } });
    await writeFile(file, original);
    const problems: SessionsFileProblem[] = [];
    const store = await createLowdbSessionStore({ file, onWriteError: failOnWriteError, onFileProblem: (problem) => problems.push(problem) });
    expect(await store.get('good')).toEqual(sampleSession('good'));
    expect(await store.get('bad')).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ kind: 'invalid-sessions', dropped: 1 })]);
    expect(await readFile(problems[0]?.keptAs ?? '', 'utf8')).toBe(original);
  });

  it('reports a failed background write and writes it on the next flush', async () => {
    const errors: unknown[] = [];
    const nested = path.join(directory, 'gone', 'sessions.json');
    const store = await createLowdbSessionStore({ file: nested, writeDelayMs: 5, onWriteError: (error) => errors.push(error) });
    await rm(path.join(directory, 'gone'), { recursive: true });
    await store.put(sampleSession('a'));
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    await mkdir(path.join(directory, 'gone'));
    await store.flush();
    expect(JSON.parse(await readFile(nested, 'utf8'))).toEqual({ sessions: { a: sampleSession('a') } });
    expect((await readdir(path.join(directory, 'gone'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
