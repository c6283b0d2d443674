import { describe, expect, it } from 'vitest';
import { defaultTranscriptLimit, transcriptCharacterBudget } from '../../src/adapters/memorySessionStore.js';
import type { ConversationState } from '../../src/engine/state.js';
import type { NewOutboxEntry, Outbox } from '../../src/ports/outbox.js';
import type { SessionStore, StoredSession } from '../../src/ports/sessionStore.js';

/** Stores keep the conversation state opaque, so any JSON object stands in for it here. */
function sampleSession(id: string, updatedAt: string, transcriptLength = 2): StoredSession {
  return {
    id,
    updatedAt,
    state: { marker: id, form: { applicant: { name: '张三' } } } as unknown as ConversationState,
    transcript: Array.from({ length: transcriptLength }, (_, index) => ({
      seq: index + 1,
      from: index % 2 === 0 ? ('user' as const) : ('bot' as const),
      text: `第${index + 1}句`,
      ...(index % 2 === 1 ? { quickReplies: ['是', '否'], expects: 'choice' as const } : {}),
    })),
  };
}

/** The stores under test: sessions and the outbox they commit into; `reopen` opens the same data again, as a restart would. */
export type SessionStores = { store: SessionStore; outbox: Outbox; reopen?: () => Promise<SessionStores> };

const confirmed = (key: string, sessionId: string): NewOutboxEntry => ({
  key,
  sessionId,
  request: { region: '210200', applicant: { name: '王建国', idNumber: '210202196803150310', phone: '13800000001' }, members: [{ relationship: 'spouse', name: '李秀梅', idNumber: '210202197007220423', phone: '13800000002' }] },
  createdAt: '2026-01-01T08:00:00.000Z',
});

/** The SessionStore contract; each implementation's test calls this with a way to open it. */
export function runSessionStoreContract(name: 'memory' | 'embedded' | 'postgres', createStores: () => Promise<SessionStores>): void {
describe(`SessionStore contract: ${name}`, () => {
  const createStore = async () => (await createStores()).store;

  it('commits a turn with the applications it confirmed: the session and the pending outbox entries', async () => {
    const { store, outbox } = await createStores();
    const session = sampleSession('a', '2026-01-01T08:00:00.000Z');
    await store.commitTurn(session, [confirmed('a-7', 'a')]);
    expect(await store.get('a')).toEqual(session);
    expect((await outbox.pending()).map((entry) => [entry.key, entry.sessionId, entry.state])).toEqual([['a-7', 'a', 'pending']]);
  });

  it('leaves an outbox entry as it is when a later turn commits its key again', async () => {
    const { store, outbox } = await createStores();
    await store.commitTurn(sampleSession('a', '2026-01-01T08:00:00.000Z'), [confirmed('a-7', 'a')]);
    await outbox.recordAttempt('a-7');
    await store.commitTurn(sampleSession('a', '2026-01-01T08:01:00.000Z'), [{ ...confirmed('a-7', 'a'), createdAt: '2026-01-01T08:01:00.000Z' }]);
    expect(await outbox.pending()).toEqual([expect.objectContaining({ key: 'a-7', attempts: 1, createdAt: '2026-01-01T08:00:00.000Z' })]);
  });

  it('has deletions and expiries after a restart', async () => {
    const { store, reopen } = await createStores();
    if (reopen === undefined) return;
    await store.commitTurn(sampleSession('gone', '2026-01-01T08:00:00.000Z'), []);
    await store.commitTurn(sampleSession('old', '2026-01-01T07:00:00.000Z'), []);
    await store.commitTurn(sampleSession('kept', '2026-01-01T09:00:00.000Z'), []);
    await store.delete('gone');
    await store.commitTurn({ ...sampleSession('form', '2026-01-01T07:00:00.000Z'), retainUntil: '2026-01-02T07:00:00.000Z' }, []);
    expect(await store.expire(new Date('2026-01-01T08:30:00.000Z'), new Date('2026-01-01T09:00:00.000Z'))).toBe(1);
    const reopened = await reopen();
    expect(await reopened.store.get('kept')).toEqual(sampleSession('kept', '2026-01-01T09:00:00.000Z'));
    // A half-filled form's retention survives the restart, and ends on time after it.
    expect(await reopened.store.get('form')).toBeDefined();
    expect(await reopened.store.expire(new Date('2026-01-01T09:30:00.000Z'), new Date('2026-01-02T06:59:00.000Z'))).toBe(1);
    expect(await reopened.store.get('form')).toBeDefined();
    expect(await reopened.store.expire(new Date('2026-01-01T09:30:00.000Z'), new Date('2026-01-02T07:00:00.000Z'))).toBe(1);
    expect(await reopened.store.get('form')).toBeUndefined();
    expect(await reopened.store.get('gone')).toBeUndefined();
    expect(await reopened.store.get('old')).toBeUndefined();
  });

  it('has a committed turn and its outbox entries after a restart, without a flush', async () => {
    const { store, reopen } = await createStores();
    if (reopen === undefined) return;
    const session = sampleSession('a', '2026-01-01T08:00:00.000Z');
    await store.commitTurn(session, [confirmed('a-7', 'a')]);
    const reopened = await reopen();
    expect(await reopened.store.get('a')).toEqual(session);
    expect((await reopened.outbox.get('a-7'))?.state).toBe('pending');
  });

  it('returns nothing for a session it never stored', async () => {
    const store = await createStore();
    expect(await store.get('no-such-session')).toBeUndefined();
  });

  it('returns what was put, and the latest version after a second put', async () => {
    const store = await createStore();
    const first = sampleSession('a', '2026-01-01T08:00:00.000Z');
    await store.commitTurn(first, []);
    expect(await store.get('a')).toEqual(first);
    const second = { ...first, updatedAt: '2026-01-01T08:05:00.000Z', transcript: [...first.transcript, { seq: 3, from: 'user' as const, text: '再问一句' }] };
    await store.commitTurn(second, []);
    expect(await store.get('a')).toEqual(second);
  });

  it('keeps sessions apart', async () => {
    const store = await createStore();
    await store.commitTurn(sampleSession('a', '2026-01-01T08:00:00.000Z'), []);
    await store.commitTurn(sampleSession('b', '2026-01-01T08:00:00.000Z', 4), []);
    expect((await store.get('a'))?.transcript).toHaveLength(2);
    expect((await store.get('b'))?.transcript).toHaveLength(4);
  });

  it('is not changed by a caller changing what it put or got', async () => {
    const store = await createStore();
    const session = sampleSession('a', '2026-01-01T08:00:00.000Z');
    await store.commitTurn(session, []);
    session.transcript.push({ seq: 99, from: 'user', text: '改了输入' });
    const got = await store.get('a');
    got?.transcript.push({ seq: 100, from: 'user', text: '改了输出' });
    expect((await store.get('a'))?.transcript).toHaveLength(2);
  });

  it('deletes one session and ignores deleting an unknown one', async () => {
    const store = await createStore();
    await store.commitTurn(sampleSession('a', '2026-01-01T08:00:00.000Z'), []);
    await store.commitTurn(sampleSession('b', '2026-01-01T08:00:00.000Z'), []);
    await store.delete('a');
    await store.delete('never-existed');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeDefined();
  });

  it('expires exactly the sessions idle since before the cutoff', async () => {
    const store = await createStore();
    await store.commitTurn(sampleSession('old', '2026-01-01T08:00:00.000Z'), []);
    await store.commitTurn(sampleSession('edge', '2026-01-01T08:30:00.000Z'), []);
    await store.commitTurn(sampleSession('fresh', '2026-01-01T08:45:00.000Z'), []);
    const now = new Date('2026-01-01T09:00:00.000Z');
    expect(await store.expire(new Date('2026-01-01T08:30:00.000Z'), now)).toBe(1);
    expect(await store.get('old')).toBeUndefined();
    expect(await store.get('edge')).toBeDefined();
    expect(await store.get('fresh')).toBeDefined();
    expect(await store.expire(new Date('2026-01-01T08:30:00.000Z'), now)).toBe(0);
  });

  it('keeps an idle session with a half-filled form until its retention ends, then removes it whole', async () => {
    const store = await createStore();
    const form = { ...sampleSession('form', '2026-01-01T08:00:00.000Z'), retainUntil: '2026-01-02T08:00:00.000Z' };
    await store.commitTurn(form, []);
    expect(await store.get('form')).toEqual(form);
    expect(await store.expire(new Date('2026-01-01T12:00:00.000Z'), new Date('2026-01-01T12:30:00.000Z'))).toBe(0);
    expect(await store.get('form')).toBeDefined();
    expect(await store.expire(new Date('2026-01-02T07:30:00.000Z'), new Date('2026-01-02T08:00:00.000Z'))).toBe(1);
    expect(await store.get('form')).toBeUndefined();
  });

  it(`keeps only the most recent ${defaultTranscriptLimit} transcript entries`, async () => {
    const store = await createStore();
    await store.commitTurn(sampleSession('long', '2026-01-01T08:00:00.000Z', 80), []);
    const transcript = (await store.get('long'))?.transcript ?? [];
    expect(transcript).toHaveLength(defaultTranscriptLimit);
    expect(transcript[0]?.seq).toBe(80 - defaultTranscriptLimit + 1);
    expect(transcript.at(-1)?.seq).toBe(80);
  });

  it('keeps older history within the character budget, the latest exchange whole, and only the last quick replies', async () => {
    const store = await createStore();
    const long = '家庭共济'.repeat(100);
    const session = sampleSession('answers', '2026-01-01T08:00:00.000Z', 0);
    session.transcript = [
      { seq: 1, from: 'user', text: '问题一' },
      { seq: 2, from: 'bot', text: long },
      { seq: 3, from: 'user', text: '问题二' },
      { seq: 4, from: 'bot', text: long, quickReplies: ['旧的选项'] },
      { seq: 5, from: 'bot', text: long, quickReplies: ['同意', '不同意'] },
    ];
    await store.commitTurn(session, []);
    const kept = (await store.get('answers'))?.transcript ?? [];
    expect(long.length * 2).toBeGreaterThan(transcriptCharacterBudget);
    expect(kept.map((entry) => entry.seq)).toEqual([3, 4, 5]);
    // Only the last message's quick replies can still be answered.
    expect(kept.map((entry) => entry.quickReplies)).toEqual([undefined, undefined, ['同意', '不同意']]);
  });

  it('flushes without losing anything', async () => {
    const store = await createStore();
    await store.commitTurn(sampleSession('a', '2026-01-01T08:00:00.000Z'), []);
    await store.flush();
    expect(await store.get('a')).toEqual(sampleSession('a', '2026-01-01T08:00:00.000Z'));
  });
});
}
