import { chmod, copyFile, open, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { crc32 } from 'node:zlib';
import type { PersonalDataCipher } from './personalDataCipher.js';

/**
 * An append-only log file: the embedded stores' durable form. Each change is one line, so a turn costs the bytes
 * it changed, never a rewrite of everything stored; the file is compacted (live records only, written beside it
 * and renamed over it) once it has grown to twice its size after the last compaction.
 *
 * A line is `<crc32 hex>\t<flag>\t<header JSON>\t<payload>\n`; JSON never holds a raw tab or newline. The flag is
 * `+` on every line of a batch but its last (`.`), so a batch — a turn's session and its outbox entries — is read
 * back whole or not at all. Concurrent appends are written together and made durable with one fdatasync (group
 * commit) before any of them resolves.
 */

/** One change: a small JSON header saying what it is about, and an opaque payload (JSON text, possibly empty). */
export type LogRecord = { header: string; payload: string };

/** What reading the file found besides good records. A torn last batch is what a crash leaves: expected, not damage. */
export type LogReading = { records: number; damagedLines: number; tornBytes: number };

export type AppendLogOptions = {
  /**
   * Seals each record, header and payload together (they hold ID and phone numbers, and names), so the file holds
   * no personal data in plain text. Records written before sealing was on are still read, and sealed when next
   * compacted.
   */
  cipher?: PersonalDataCipher;
  /** fdatasync before an append resolves (off only where a test or a benchmark says so). */
  sync?: boolean;
  /** The file is never compacted below this size. */
  minimumCompactionBytes?: number;
};

type Job = { text: string; sequence: number; apply: () => void; resolve: () => void; reject: (error: unknown) => void };

/** Only the service's own user may read or write its data files. */
export const privateFileMode = 0o600;
export const privateDirectoryMode = 0o700;

const defaultMinimumCompactionBytes = 16 * 1024 * 1024;
const readChunkBytes = 4 * 1024 * 1024;
const newline = 0x0a;
const tab = 0x09;

/** The header of a sealed record: the real header travels sealed with the payload. */
const sealedHeader = '"sealed"';

/** A log holds sealed records but no key was given to open them: starting would mean starting empty. */
export class SealedLogError extends Error {
  override name = 'SealedLogError';
}

export function formatLine(record: LogRecord, last: boolean, cipher?: PersonalDataCipher): string {
  const stored = cipher === undefined ? record : { header: sealedHeader, payload: cipher.seal(JSON.stringify([record.header, record.payload])) };
  const body = `${last ? '.' : '+'}\t${stored.header}\t${stored.payload}`;
  return `${crc32(body).toString(16)}\t${body}\n`;
}

/**
 * Reads every complete batch of the file in order. Lines that fail their checksum are counted and skipped (the
 * caller keeps the file aside); an incomplete batch at the end is left out and its bytes reported.
 */
export async function readLog(file: string, onStoredRecord: (header: string, payload: string) => void, cipher?: PersonalDataCipher): Promise<LogReading & { goodBytes: number }> {
  const onRecord = (header: string, payload: string): void => {
    if (header !== sealedHeader) return onStoredRecord(header, payload);
    if (cipher === undefined) throw new SealedLogError(`${file} holds sealed records: start with the data key that sealed them (DATA_KEY, or DATA_DIR/data-key)`);
    const [realHeader, realPayload] = JSON.parse(cipher.open(payload)) as [string, string];
    onStoredRecord(realHeader, realPayload);
  };
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if (isMissing(error)) return { records: 0, damagedLines: 0, tornBytes: 0, goodBytes: 0 };
    throw error;
  }
  const reading = { records: 0, damagedLines: 0, tornBytes: 0, goodBytes: 0 };
  let batch: { header: string; payload: string }[] = [];
  let offset = 0;
  let carry: Buffer = Buffer.alloc(0);
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(readChunkBytes);
      const { bytesRead } = await handle.read(chunk, 0, readChunkBytes, null);
      if (bytesRead === 0) break;
      const data = carry.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      let start = 0;
      for (let end = data.indexOf(newline, start); end !== -1; end = data.indexOf(newline, start)) {
        const record = parseLine(data.subarray(start, end));
        offset += end + 1 - start;
        start = end + 1;
        if (record === null) {
          reading.damagedLines += 1;
          // A damaged line may have ended a batch: what was collected is not known to be whole.
          batch = [];
          continue;
        }
        batch.push(record);
        if (record.last) {
          for (const item of batch) onRecord(item.header, item.payload);
          reading.records += batch.length;
          batch = [];
          reading.goodBytes = offset;
        }
      }
      carry = Buffer.from(data.subarray(start));
    }
  } finally {
    await handle.close();
  }
  reading.tornBytes = offset + carry.length - reading.goodBytes;
  return reading;
}

function parseLine(line: Buffer): { header: string; payload: string; last: boolean } | null {
  const firstTab = line.indexOf(tab);
  if (firstTab <= 0) return null;
  const body = line.subarray(firstTab + 1);
  if (crc32(body).toString(16) !== line.toString('latin1', 0, firstTab)) return null;
  const text = body.toString('utf8');
  const headerEnd = text.indexOf('\t', 2);
  if (headerEnd === -1 || text[1] !== '\t' || (text[0] !== '.' && text[0] !== '+')) return null;
  return { last: text[0] === '.', header: text.slice(2, headerEnd), payload: text.slice(headerEnd + 1) };
}

export class AppendLog {
  readonly #file: string;
  readonly #sync: boolean;
  readonly #minimumCompactionBytes: number;
  readonly #cipher: PersonalDataCipher | undefined;
  #handle: FileHandle;
  #bytes: number;
  #compactAt: number;
  #queue: Job[] = [];
  #writing: Promise<void> | undefined;
  #sequence = 0;
  #applied = 0;
  /** While a compaction runs: batches applied after its snapshot, to be appended to the new file. */
  #tail: { after: number; texts: string[] } | undefined;
  #compaction: Promise<void> | undefined;
  #snapshot: () => Iterable<LogRecord>;
  #onCompactionError: (error: unknown) => void;

  constructor(file: string, handle: FileHandle, bytes: number, snapshot: () => Iterable<LogRecord>, onCompactionError: (error: unknown) => void, options: AppendLogOptions) {
    this.#file = file;
    this.#handle = handle;
    this.#bytes = bytes;
    this.#snapshot = snapshot;
    this.#onCompactionError = onCompactionError;
    this.#sync = options.sync ?? true;
    this.#cipher = options.cipher;
    this.#minimumCompactionBytes = options.minimumCompactionBytes ?? defaultMinimumCompactionBytes;
    this.#compactAt = Math.max(this.#minimumCompactionBytes, bytes * 2);
  }

  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Appends the records as one batch; once it is durable, `apply` runs (synchronously, in log order) and the
   * promise resolves. A failed write rejects and applies nothing.
   */
  append(records: readonly LogRecord[], apply: () => void): Promise<void> {
    if (records.length === 0) {
      apply();
      return Promise.resolve();
    }
    const text = records.map((record, index) => formatLine(record, index === records.length - 1, this.#cipher)).join('');
    return new Promise<void>((resolve, reject) => {
      this.#sequence += 1;
      this.#queue.push({ text, sequence: this.#sequence, apply, resolve, reject });
      this.#writing ??= this.#drain();
    });
  }

  /** Resolves once everything appended so far is durable (or failed). */
  async settled(): Promise<void> {
    while (this.#writing !== undefined || this.#compaction !== undefined) {
      await this.#writing;
      await this.#compaction?.catch(() => undefined);
    }
  }

  /** Rewrites the file with the live records only; appends go on meanwhile. */
  compact(): Promise<void> {
    this.#compaction ??= this.#compact().finally(() => {
      this.#compaction = undefined;
    });
    return this.#compaction;
  }

  async close(): Promise<void> {
    await this.settled();
    await this.#handle.close();
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const jobs = this.#queue.splice(0);
      const text = jobs.length === 1 ? jobs[0]!.text : jobs.map((job) => job.text).join('');
      try {
        await this.#handle.write(text);
        if (this.#sync) await this.#handle.datasync();
      } catch (error) {
        // Whatever part of the batch reached the file is cut off again, so the next append starts on a clean line.
        await this.#handle.truncate(this.#bytes).catch(() => undefined);
        for (const job of jobs) job.reject(error);
        continue;
      }
      this.#bytes += Buffer.byteLength(text);
      for (const job of jobs) {
        job.apply();
        this.#applied = job.sequence;
        if (this.#tail !== undefined && job.sequence > this.#tail.after) this.#tail.texts.push(job.text);
        job.resolve();
      }
      if (this.#bytes >= this.#compactAt && this.#compaction === undefined) {
        this.compact().catch((error: unknown) => this.#onCompactionError(error));
      }
    }
    this.#writing = undefined;
  }

  async #compact(): Promise<void> {
    const next = `${this.#file}.compacting`;
    // The snapshot is what every batch applied so far made of the data; later batches are collected in the tail.
    const records = [...this.#snapshot()];
    this.#tail = { after: this.#applied, texts: [] };
    const handle = await open(next, 'w', privateFileMode);
    try {
      let bytes = 0;
      let chunk: string[] = [];
      let chunkLength = 0;
      for (const record of records) {
        const line = formatLine(record, true, this.#cipher);
        chunk.push(line);
        chunkLength += line.length;
        if (chunkLength >= readChunkBytes) {
          const text = chunk.join('');
          await handle.write(text);
          bytes += Buffer.byteLength(text);
          chunk = [];
          chunkLength = 0;
        }
      }
      const text = chunk.join('');
      await handle.write(text);
      bytes += Buffer.byteLength(text);
      // The switch runs between two group commits, so no batch is written to the old file after its tail was taken.
      await this.#exclusive(async () => {
        const tail = this.#tail!.texts.join('');
        await handle.write(tail);
        await handle.datasync();
        await rename(next, this.#file);
        await syncDirectory(path.dirname(this.#file));
        const old = this.#handle;
        this.#handle = handle;
        this.#bytes = bytes + Buffer.byteLength(tail);
        this.#compactAt = Math.max(this.#minimumCompactionBytes, this.#bytes * 2);
        await old.close();
      });
    } catch (error) {
      if (this.#handle !== handle) await handle.close().catch(() => undefined);
      throw error;
    } finally {
      this.#tail = undefined;
    }
  }

  /** Runs work while no batch is being written, holding new ones back until it is done. */
  async #exclusive(work: () => Promise<void>): Promise<void> {
    while (this.#writing !== undefined) await this.#writing;
    let release!: () => void;
    this.#writing = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await work();
    } finally {
      this.#writing = undefined;
      release();
      if (this.#queue.length > 0) this.#writing ??= this.#drain();
    }
  }
}

export type OpenedLog = { log: AppendLog; reading: LogReading; keptAs?: string };

/**
 * Opens the log, replaying every good record through `onRecord`. A torn last batch is cut off; a file with damaged
 * lines is copied aside (never deleted) and rewritten from what was recovered, and `keptAs` names the copy.
 */
export async function openAppendLog(
  file: string,
  onRecord: (header: string, payload: string) => void,
  snapshot: () => Iterable<LogRecord>,
  onCompactionError: (error: unknown) => void,
  options: AppendLogOptions & { now: () => Date },
): Promise<OpenedLog> {
  const reading = await readLog(file, onRecord, options.cipher);
  let keptAs: string | undefined;
  if (reading.damagedLines > 0) {
    keptAs = asideName(file, 'damaged', options.now());
    await copyFile(file, keptAs);
    await chmod(keptAs, privateFileMode);
  }
  const handle = await open(file, 'a', privateFileMode);
  // Files from before personal data was protected at rest were created readable by every local user.
  await handle.chmod(privateFileMode);
  if (reading.tornBytes > 0 && reading.damagedLines === 0) {
    await handle.truncate(reading.goodBytes);
    await handle.datasync();
  }
  const log = new AppendLog(file, handle, reading.goodBytes, snapshot, onCompactionError, options);
  if (reading.damagedLines > 0) await log.compact();
  return { log, reading: { records: reading.records, damagedLines: reading.damagedLines, tornBytes: reading.tornBytes }, ...(keptAs ? { keptAs } : {}) };
}

export function asideName(file: string, reason: string, now: Date): string {
  return `${file}.${reason}-${now.toISOString().replace(/[:.]/g, '-')}`;
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse to sync a directory; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
