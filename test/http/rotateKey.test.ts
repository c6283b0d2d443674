import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLog } from '../../src/adapters/appendLog.js';
import { createPersonalDataCipher, generateDataKey, UnreadableCiphertextError } from '../../src/adapters/personalDataCipher.js';
import { readSealedCopy } from '../../src/adapters/sealedCopies.js';
import { openLowdbHandoffs } from '../../src/adapters/lowdbHandoffs.js';
import { dataDirectoryCipher } from '../helpers/dataDirectoryCipher.js';
import { cipherOf, keysInKeyFile, writeKeyFile } from '../../src/config/dataKey.js';
import { rotateKey } from '../../src/data/rotateKey.js';
import { FilesInUseError } from '../../src/data/filesInUse.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { startTestServer, startTestServerForThisTest, useTestServer } from './testServer.js';

/**
 * `npm run data -- rotate-key` on the embedded default (the key generated into DATA_DIR/data-key): every sealed record
 * of the assistant's and the stub's logs, and every sealed copy kept aside, is sealed again under a new key; the old
 * key then opens nothing and leaves the key file; the person's conversation goes on after the restart.
 */
const binding = ['我要绑定', '令狐平', makeIdNumber({ region: '210202', birthDate: '1981-09-09' }), '13577778888', '我妈', '令狐英', makeIdNumber({ region: '210202', birthDate: '1955-02-02', sex: 'female' }), '13677778888', '不用了，下一步', '同意', '确认提交'];
const callbackPhone = '13945674567';
const brokenOutbox = JSON.stringify({ entries: [{ key: 'broken', state: 'pending', request: { applicant: { idNumber: '210202196803150310' } } }] });

describe('rotating the embedded default\'s data key', () => {
  let sessionId: string;
  let applicationId: string;
  const server = useTestServer({ BACKEND_REVIEW_DELAY_MS: '0' });

  beforeAll(async () => {
    let last: any;
    for (const text of binding) {
      last = (await server.post('/api/v1/chat', { ...(last ? { sessionId: last.sessionId } : {}), text, region: '210200' })).body;
    }
    expect(last.form.status).toBe('submitted');
    sessionId = last.sessionId;
    applicationId = last.form.applicationId;
    await server.stop();
    // A start that finds a legacy file it cannot import keeps it aside, sealed.
    await writeFile(path.join(server.dataDir, 'outbox.json'), brokenOutbox);
    const again = await startTestServer({}, { dataDir: server.dataDir });
    await again.stop();
    // Someone who asked to be called back: the ticket's phone number is sealed in handoffs.json.
    await (await openLowdbHandoffs(server.dataDir, { cipher: await dataDirectoryCipher(server.dataDir) })).requestCallback({ conversationId: sessionId, region: '210200', phone: callbackPhone, preferredTime: '明天上午' }, new Date());
  });

  const sealedCopy = async () => path.join(server.dataDir, (await readdir(server.dataDir)).find((name) => name.endsWith('.sealed'))!);

  it('seals everything under a new key and drops the old one from the key file', async () => {
    const [old] = await keysInKeyFile(server.dataDir);
    const report = await rotateKey({ dataDir: server.dataDir, configured: { current: undefined, previous: [] } });
    const keys = await keysInKeyFile(server.dataDir);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.id).not.toBe(old!.id);
    expect(report).toMatchObject({ keyId: keys[0]!.id, retiredKeyIds: [old!.id] });
    expect(report.resealed['store.log']).toBeGreaterThan(0);
    expect(report.resealed['backend.log']).toBeGreaterThan(0);
    expect(report.resealed['sealed copies']).toBe(1);
    // The ticket's two sealed values: the phone and the preferred time.
    expect(report.resealed['handoffs.json']).toBe(2);
    const [ticket] = await (await openLowdbHandoffs(server.dataDir, { cipher: createPersonalDataCipher(keys[0]!) })).callbacks();
    expect(ticket).toMatchObject({ phone: callbackPhone, preferredTime: '明天上午' });
    // The old key alone opens nothing any more; the new one opens everything.
    const onlyOld = createPersonalDataCipher(old!);
    for (const name of ['store.log', 'backend.log']) {
      await expect(readLog(path.join(server.dataDir, name), () => undefined, onlyOld)).rejects.toThrow(UnreadableCiphertextError);
    }
    expect((await readSealedCopy(await sealedCopy(), cipherOf({ current: keys[0]!, previous: [] }))).toString()).toBe(brokenOutbox);
  });

  it('finishes an interrupted rotation with the key it had started, not another', async () => {
    const [sealedUnder] = await keysInKeyFile(server.dataDir);
    const started = generateDataKey();
    // What a rotation cut short leaves: the new key first in the file, the old one still there, the data under the old.
    await writeKeyFile(server.dataDir, { current: started, previous: [sealedUnder!] });
    await rotateKey({ dataDir: server.dataDir, configured: { current: undefined, previous: [] } });
    expect((await keysInKeyFile(server.dataDir)).map((key) => key.id)).toEqual([started.id]);
    expect((await readFile(path.join(server.dataDir, 'data-key'), 'utf8')).trim()).toBe(started.bytes.toString('base64'));
  });

  it('refuses while another process has the store open, and changes nothing', async () => {
    const keysBefore = (await keysInKeyFile(server.dataDir)).map((key) => key.id);
    // A process holding store.log open, as a service still running on the directory does.
    const holder = spawn('sh', ['-c', 'exec 3<"$0"; echo holding; sleep 30', path.join(server.dataDir, 'store.log')], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      await once(holder.stdout!, 'data');
      await expect(rotateKey({ dataDir: server.dataDir, configured: { current: undefined, previous: [] } })).rejects.toThrow(FilesInUseError);
      expect((await keysInKeyFile(server.dataDir)).map((key) => key.id)).toEqual(keysBefore);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('lets the person go on after the restart: the conversation still knows its application', async () => {
    const restarted = await startTestServerForThisTest({}, { dataDir: server.dataDir });
    const next = await restarted.post('/api/v1/chat', { sessionId, text: '提交了吗' });
    expect(next.status).toBe(200);
    expect(next.body.form.applicationId).toBe(applicationId);
  });
});
