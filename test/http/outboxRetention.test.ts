import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEmbeddedStores, storeLogFileName } from '../../src/adapters/embeddedStores.js';
import { readLog } from '../../src/adapters/appendLog.js';
import { dataDirectoryCipher } from '../helpers/dataDirectoryCipher.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { manualClock, useTestServer } from './testServer.js';

/**
 * A filed application stays in the assistant's outbox OUTBOX_RETENTION_DAYS after it was filed, then it is deleted
 * with the numbers it held — from the embedded log's file too, not only from memory. The clock is injected; the real
 * sweeper runs on it.
 */
const day = 24 * 60 * 60 * 1000;
const clock = manualClock(new Date('2026-11-20T08:00:00Z'));
const idNumber = makeIdNumber({ region: '210202', birthDate: '1979-02-14' });
const binding = ['我要绑定', '公孙明', idNumber, '13656781234', '我妈', '上官秀兰', makeIdNumber({ region: '210202', birthDate: '1952-06-30', sex: 'female' }), '13756781234', '不用了，下一步', '同意', '确认提交'];

const server = useTestServer({ BACKEND_REVIEW_DELAY_MS: '0', OUTBOX_RETENTION_DAYS: '2' }, { clock, sessionSweepMs: 20 });

/** Every outbox record the file holds now, live or replaced (what a copy of the disk would give away). */
async function outboxRecordsInFile(): Promise<string[]> {
  const keys: string[] = [];
  await readLog(path.join(server.dataDir, storeLogFileName), (header, payload) => {
    if (JSON.parse(header).o !== undefined && payload.includes(idNumber)) keys.push(JSON.parse(header).o);
  }, await dataDirectoryCipher(server.dataDir));
  return keys;
}

async function until(check: () => Promise<boolean>): Promise<boolean> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('filed applications kept for OUTBOX_RETENTION_DAYS', () => {
  it('keeps the filed application for the retention period, then deletes it from the store and its file', async () => {
    let sessionId: string | undefined;
    let last: any;
    for (const text of binding) {
      last = (await server.post('/api/v1/chat', { ...(sessionId ? { sessionId } : {}), text, region: '210200' })).body;
      sessionId = last.sessionId;
    }
    expect(last.form.status).toBe('submitted');
    const filed = async () => (await readEmbeddedStores(server.dataDir, await dataDirectoryCipher(server.dataDir))).outbox.filter((entry) => entry.request.applicant.idNumber === idNumber);
    expect(await filed()).toEqual([expect.objectContaining({ state: 'filed' })]);

    clock.advance(day);
    // Sweeps run (the idle session goes) but the application, filed a day ago, stays.
    expect(await until(async () => server.logs.some((line) => line.includes('sessions expired')))).toBe(true);
    expect(await filed()).toHaveLength(1);

    clock.advance(day + 60_000);
    expect(await until(async () => (await filed()).length === 0)).toBe(true);
    // Not only forgotten: the file no longer holds any version of it.
    expect(await until(async () => (await outboxRecordsInFile()).length === 0)).toBe(true);
  });
});
