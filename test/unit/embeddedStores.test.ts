import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatLine } from '../../src/adapters/appendLog.js';
import { openEmbeddedStores, storeLogFileName, type EmbeddedStores } from '../../src/adapters/embeddedStores.js';
import { createPersonalDataCipher, generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { readSealedCopy } from '../../src/adapters/sealedCopies.js';
import type { ConversationState } from '../../src/engine/state.js';
import type { NewOutboxEntry } from '../../src/ports/outbox.js';
import type { StoredSession } from '../../src/ports/sessionStore.js';

let dataDir = '';
const opened: EmbeddedStores[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'embedded-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((stores) => stores.close()));
  await rm(dataDir, { recursive: true, force: true });
});

async function open(options: { minimumCompactionBytes?: number } = {}): Promise<EmbeddedStores> {
  const stores = await openEmbeddedStores({
    dataDir,
    now: () => new Date('2026-11-30T07:00:00.000Z'),
    onCompactionError: (error) => {
      throw error;
    },
    ...options,
  });
  opened.push(stores);
  return stores;
}

function session(id: string, text: string, updatedAt = '2026-11-30T06:00:00.000Z'): StoredSession {
  return { id, updatedAt, state: { marker: id, form: null } as unknown as ConversationState, transcript: [{ seq: 1, from: 'user', text }] };
}

const application = (key: string, sessionId: string): NewOutboxEntry => ({
  key,
  sessionId,
  request: { region: '210200', applicant: { name: '王建国', idNumber: '210202196803150310', phone: '13800000001' }, members: [{ relationship: 'spouse', name: '李秀梅', idNumber: '210202197007220423', phone: '13800000002' }] },
  createdAt: '2026-11-30T06:00:00.000Z',
});

const logFile = () => path.join(dataDir, storeLogFileName);

describe('the embedded stores (append-only log)', () => {
  it('compacts the log to its live records while turns go on, losing none of them', async () => {
    const stores = await open({ minimumCompactionBytes: 8 * 1024 });
    const writes: Promise<void>[] = [];
    for (let turn = 0; turn < 400; turn += 1) {
      writes.push(stores.sessions.commitTurn(session(`s${turn % 10}`, `第${turn}句，${'家庭共济'.repeat(20)}`), turn === 150 ? [application('s0-filing', 's0')] : []));
      if (turn % 50 === 0) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
    await stores.sessions.flush();
    const written = 400 * Buffer.byteLength(JSON.stringify(session('s0', `第399句，${'家庭共济'.repeat(20)}`)));
    // Compacted at least once: what remains is a fraction of every version written (≤ twice the live records, plus the last writes).
    expect((await stat(logFile())).size).toBeLessThan(written / 3);
    await stores.close();
    opened.pop();
    const reopened = await open();
    for (let index = 0; index < 10; index += 1) expect((await reopened.sessions.get(`s${index}`))?.transcript[0]?.text).toMatch(new RegExp(`^第${390 + index}句`));
    expect((await reopened.outbox.pending()).map((entry) => entry.key)).toEqual(['s0-filing']);
    expect(reopened.problems).toEqual([]);
  });

  it('drops a batch torn by a crash mid-write without calling the file damaged', async () => {
    const stores = await open();
    await stores.sessions.commitTurn(session('a', '你好'), []);
    await stores.close();
    opened.pop();
    // A turn whose write was cut off: its outbox line made it, the session line did not.
    const good = await readFile(logFile(), 'utf8');
    const outboxLine = formatLine({ header: JSON.stringify({ o: 'a-2' }), payload: JSON.stringify(application('a-2', 'a')) }, false);
    const sessionLine = formatLine({ header: JSON.stringify({ s: 'a', at: 0 }), payload: JSON.stringify(session('a', '确认')) }, true);
    await appendFile(logFile(), outboxLine + sessionLine.slice(0, 40));
    const reopened = await open();
    expect(reopened.problems).toEqual([]);
    expect(await reopened.sessions.get('a')).toEqual(session('a', '你好'));
    expect(await reopened.outbox.pending()).toEqual([]);
    expect(await readFile(logFile(), 'utf8')).toBe(good);
  });

  it('keeps a damaged log aside, recovers every intact record, and reports it', async () => {
    const stores = await open();
    await stores.sessions.commitTurn(session('a', '第一位'), []);
    await stores.sessions.commitTurn(session('b', '第二位'), [application('b-5', 'b')]);
    await stores.sessions.commitTurn(session('c', '第三位'), []);
    await stores.close();
    opened.pop();
    const original = await readFile(logFile(), 'utf8');
    await writeFile(logFile(), original.replace('第一位', '第一伪'));
    const reopened = await open();
    expect(reopened.problems).toEqual([expect.objectContaining({ kind: 'damaged-log', damagedLines: 1 })]);
    const keptAs = reopened.problems[0]!.keptAs;
    expect(await readFile(keptAs, 'utf8')).toBe(original.replace('第一位', '第一伪'));
    expect(await reopened.sessions.get('a')).toBeUndefined();
    expect(await reopened.sessions.get('c')).toEqual(session('c', '第三位'));
    expect((await reopened.outbox.pending()).map((entry) => entry.key)).toEqual(['b-5']);
    // The log was rewritten from what was recovered: opening it again finds nothing wrong.
    await reopened.close();
    opened.pop();
    expect((await open()).problems).toEqual([]);
  });
});

describe('the previous release\'s files', () => {
  const pending = { ...application('old-7', 'old'), attempts: 2, state: 'pending' };
  const filed = {
    ...application('older-3', 'older'),
    attempts: 1,
    state: 'filed',
    settledAt: '2026-11-29T06:00:00.000Z',
    result: { type: 'application-refused', code: 'member_not_insured', message: '家人未参保' },
  };

  it('imports sessions.json and outbox.json once, then removes them (their records are in the log)', async () => {
    await writeFile(path.join(dataDir, 'sessions.json'), JSON.stringify({ sessions: { old: session('old', '我要绑定') } }));
    await writeFile(path.join(dataDir, 'outbox.json'), JSON.stringify({ entries: [pending, filed] }));
    const stores = await open();
    expect(stores.problems).toEqual([]);
    expect(stores.imported).toEqual({ sessions: 1, outboxEntries: 2 });
    expect(await stores.sessions.get('old')).toEqual(session('old', '我要绑定'));
    expect(await stores.outbox.pending()).toEqual([pending]);
    expect(await stores.outbox.get('older-3')).toEqual(filed);
    // No plain copy of what was imported stays beside the log, under any name.
    expect((await readdir(dataDir)).filter((name) => name.startsWith('sessions.json') || name.startsWith('outbox.json'))).toEqual([]);
    await stores.close();
    opened.pop();
    const again = await open();
    expect(again.imported).toEqual({ sessions: 0, outboxEntries: 0 });
    expect(await again.outbox.pending()).toEqual([pending]);
  });

  it.each([
    ['outbox.json', '{"entries": ['],
    ['sessions.json', '{"sessions": {"a": tru'],
  ])('keeps an unreadable %s aside and starts on the rest', async (name, text) => {
    await writeFile(path.join(dataDir, name), text);
    const other = name === 'outbox.json' ? { file: 'sessions.json', text: JSON.stringify({ sessions: { old: session('old', '我要绑定') } }) } : { file: 'outbox.json', text: JSON.stringify({ entries: [pending] }) };
    await writeFile(path.join(dataDir, other.file), other.text);
    const stores = await open();
    expect(stores.problems).toEqual([expect.objectContaining({ kind: 'unreadable-file', file: path.join(dataDir, name) })]);
    expect(await readFile(stores.problems[0]!.keptAs, 'utf8')).toBe(text);
    if (name === 'outbox.json') expect(await stores.sessions.get('old')).toBeDefined();
    else expect((await stores.outbox.pending()).map((entry) => entry.key)).toEqual(['old-7']);
  });

  it('imports the readable entries of an outbox.json with a broken one, keeping a copy of the whole file', async () => {
    const text = JSON.stringify({ entries: [pending, { key: 'broken', state: 'pending' }] });
    await writeFile(path.join(dataDir, 'outbox.json'), text);
    const stores = await open();
    expect(stores.problems).toEqual([expect.objectContaining({ kind: 'invalid-entries', dropped: 1 })]);
    expect(await readFile(stores.problems[0]!.keptAs, 'utf8')).toBe(text);
    expect((await stores.outbox.pending()).map((entry) => entry.key)).toEqual(['old-7']);
  });

  it('with a data key, keeps a file it could not import whole sealed: no number in plain text, the bytes given back by the key', async () => {
    const cipher = createPersonalDataCipher(generateDataKey());
    const text = JSON.stringify({ entries: [pending, { key: 'broken', state: 'pending' }] });
    await writeFile(path.join(dataDir, 'outbox.json'), text);
    const stores = await openEmbeddedStores({ dataDir, now: () => new Date('2026-11-30T07:00:00.000Z'), cipher, onCompactionError: () => undefined });
    opened.push(stores);
    const [problem] = stores.problems;
    expect(problem).toMatchObject({ kind: 'invalid-entries', dropped: 1 });
    expect(problem!.keptAs.endsWith('.sealed')).toBe(true);
    expect(await readdir(dataDir)).not.toContain('outbox.json');
    const kept = await readFile(problem!.keptAs, 'utf8');
    expect(kept).not.toContain(pending.request.applicant.idNumber);
    expect(kept).not.toContain(pending.request.applicant.phone);
    expect((await readSealedCopy(problem!.keptAs, cipher)).toString('utf8')).toBe(text);
    expect((await stores.outbox.pending()).map((entry) => entry.key)).toEqual(['old-7']);
  });
});
