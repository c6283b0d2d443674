import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SealedLogError, openAppendLog, readLog, type LogRecord } from '../../src/adapters/appendLog.js';
import { createPersonalDataCipher, generateDataKey } from '../../src/adapters/personalDataCipher.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

const record = (id: string): LogRecord => ({ header: JSON.stringify({ s: id }), payload: JSON.stringify({ idNumber: '210202196803150310', phone: '13800000001', id }) });

async function logFile(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'sealed-log-'));
  directories.push(directory);
  return path.join(directory, 'store.log');
}

async function readAll(file: string, cipher?: ReturnType<typeof createPersonalDataCipher>): Promise<[string, string][]> {
  const records: [string, string][] = [];
  await readLog(file, (header, payload) => records.push([header, payload]), cipher);
  return records;
}

describe('a sealed append log', () => {
  it('holds no personal data in the file and reads every record back with its key', async () => {
    const file = await logFile();
    const cipher = createPersonalDataCipher(generateDataKey());
    const { log } = await openAppendLog(file, () => undefined, () => [], () => undefined, { now: () => new Date(), cipher });
    await log.append([record('a'), record('b')], () => undefined);
    await log.close();
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('210202196803150310');
    expect(text).not.toContain('13800000001');
    expect(await readAll(file, cipher)).toEqual([record('a'), record('b')].map((entry) => [entry.header, entry.payload]));
  });

  it('refuses to start on sealed records without the key, instead of starting empty', async () => {
    const file = await logFile();
    const { log } = await openAppendLog(file, () => undefined, () => [], () => undefined, { now: () => new Date(), cipher: createPersonalDataCipher(generateDataKey()) });
    await log.append([record('a')], () => undefined);
    await log.close();
    await expect(readAll(file)).rejects.toBeInstanceOf(SealedLogError);
  });

  it('reads a log written before sealing, and seals it when compacted', async () => {
    const file = await logFile();
    const plain = await openAppendLog(file, () => undefined, () => [], () => undefined, { now: () => new Date() });
    await plain.log.append([record('old')], () => undefined);
    await plain.log.close();
    expect(await readFile(file, 'utf8')).toContain('210202196803150310');

    const cipher = createPersonalDataCipher(generateDataKey());
    const held: LogRecord[] = [];
    const sealed = await openAppendLog(file, (header, payload) => held.push({ header, payload }), () => held, () => undefined, { now: () => new Date(), cipher });
    expect(held).toEqual([record('old')]);
    await sealed.log.compact();
    await sealed.log.close();
    expect(await readFile(file, 'utf8')).not.toContain('210202196803150310');
    expect(await readAll(file, cipher)).toEqual([[record('old').header, record('old').payload]]);
  });
});
