import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { NewOutboxEntry, Outbox, OutboxEntry } from '../ports/outbox.js';
import type { SessionStore, StoredSession } from '../ports/sessionStore.js';
import type { PersonalDataCipher } from './personalDataCipher.js';
import { openAppendLog, readLog, type AppendLog, type LogReading, type LogRecord } from './appendLog.js';
import { keepAside } from './sealedCopies.js';
import { legacyOutboxFileName, legacySessionsFileName, readLegacyOutbox, readLegacySessions, type LegacyReading } from './legacyFiles.js';
import { defaultTranscriptLimit, storedEntryOf, type StoredEntry } from './memorySessionStore.js';
import { createPersistedOutbox, type OutboxChange, type PersistedOutbox } from './persistedOutbox.js';

/**
 * The embedded default (SESSION_STORE=lowdb): sessions and the outbox in one append-only log, DATA_DIR/store.log,
 * served from memory. One log for both is what makes a turn's commit atomic: its outbox entries and the session's
 * new version are one batch. Records:
 *   {"s":id,"at":ms} <session JSON>   a session's new version      {"s":id,"gone":1}   a session removed
 *   {"o":key} <entry JSON>             an outbox entry's version    {"o":key,"gone":1}  an entry forgotten
 */

export const storeLogFileName = 'store.log';

/** Something found on disk that the stores could not use as it was; the file is kept aside, never deleted. */
export type StoreFileProblem =
  | { kind: 'damaged-log'; file: string; keptAs: string; damagedLines: number }
  | { kind: 'unreadable-file'; file: string; keptAs: string; reason: string }
  | { kind: 'invalid-entries'; file: string; keptAs: string; dropped: number };

export type EmbeddedStores = {
  sessions: SessionStore;
  outbox: Outbox;
  /** Problems found at open (each already kept aside); the service runs on what was recovered. */
  problems: StoreFileProblem[];
  /** Legacy files imported at this start. */
  imported: { sessions: number; outboxEntries: number };
  /** Bytes in the log now (benchmarks). */
  logBytes(): number;
  close(): Promise<void>;
};

export type EmbeddedStoresOptions = {
  dataDir: string;
  now: () => Date;
  /** A background compaction failed; the log stays as it was and keeps growing until one succeeds. */
  onCompactionError: (error: unknown) => void;
  transcriptLimit?: number;
  /** fdatasync each commit (default). Off only for tests and benchmarks that say so. */
  sync?: boolean;
  /** Seals every record of the log (personal data at rest); see AppendLogOptions. */
  cipher?: PersonalDataCipher;
  minimumCompactionBytes?: number;
};

/** `r`: until when a half-filled form keeps the session past the idle expiry (ms). */
type Header = { s?: string; o?: string; at?: number; r?: number; gone?: 1 };

function sessionRecord(id: string, entry: StoredEntry): LogRecord {
  return { header: JSON.stringify({ s: id, at: entry.updatedAt, ...(entry.retainUntil === undefined ? {} : { r: entry.retainUntil }) }), payload: entry.json };
}

function outboxRecord(change: OutboxChange): LogRecord {
  return change.entry === null
    ? { header: JSON.stringify({ o: change.key, gone: 1 }), payload: '' }
    : { header: JSON.stringify({ o: change.key }), payload: JSON.stringify(change.entry) };
}

class EmbeddedSessionStore implements SessionStore {
  /** Sessions with a commit written but not yet applied: expiry leaves them alone, so memory and log agree. */
  readonly #committing = new Map<string, number>();

  constructor(
    private readonly entries: Map<string, StoredEntry>,
    private readonly outbox: PersistedOutbox,
    private readonly log: () => AppendLog,
    private readonly transcriptLimit: number,
  ) {}

  async get(id: string): Promise<StoredSession | undefined> {
    const entry = this.entries.get(id);
    return entry === undefined ? undefined : (JSON.parse(entry.json) as StoredSession);
  }

  commitTurn(session: StoredSession, outboxEntries: readonly NewOutboxEntry[]): Promise<void> {
    const entry = storedEntryOf(session, this.transcriptLimit);
    this.#committing.set(session.id, (this.#committing.get(session.id) ?? 0) + 1);
    const done = () => {
      const left = (this.#committing.get(session.id) ?? 1) - 1;
      if (left === 0) this.#committing.delete(session.id);
      else this.#committing.set(session.id, left);
    };
    return this.outbox
      .addWithin(outboxEntries, (changes, applyOutbox) =>
        this.log().append([...changes.map(outboxRecord), sessionRecord(session.id, entry)], () => {
          applyOutbox();
          this.entries.set(session.id, entry);
        }),
      )
      .finally(done);
  }

  delete(id: string): Promise<void> {
    if (!this.entries.has(id)) return Promise.resolve();
    return this.log().append([{ header: JSON.stringify({ s: id, gone: 1 }), payload: '' }], () => {
      this.entries.delete(id);
    });
  }

  async expire(cutoff: Date, now: Date): Promise<number> {
    const limit = cutoff.getTime();
    const expired: string[] = [];
    const retainedAt = now.getTime();
    for (const [id, entry] of this.entries) {
      if (entry.updatedAt < limit && !this.#committing.has(id) && (entry.retainUntil === undefined || entry.retainUntil <= retainedAt)) expired.push(id);
    }
    if (expired.length === 0) return 0;
    await this.log().append(
      expired.map((id) => ({ header: JSON.stringify({ s: id, gone: 1 }), payload: '' })),
      () => {
        // In log order: a turn committed after this batch is applied after it and brings the session back, as a replay would.
        for (const id of expired) this.entries.delete(id);
      },
    );
    // An expired session's personal data must leave the file too, not wait for the log to double in size.
    await this.log().compact();
    return expired.length;
  }

  /** Every commit is durable when it resolves; this waits for any still on its way. */
  flush(): Promise<void> {
    return this.log().settled();
  }
}

/**
 * Opens DATA_DIR/store.log (creating it), replays it, and imports the previous release's sessions.json and
 * outbox.json if they are there: pending entries of the old outbox stay pending, so the filing worker files them.
 * Damaged or unreadable files are kept aside and reported; the stores start on whatever could be recovered.
 */
export async function openEmbeddedStores(options: EmbeddedStoresOptions): Promise<EmbeddedStores> {
  await mkdir(options.dataDir, { recursive: true });
  const transcriptLimit = options.transcriptLimit ?? defaultTranscriptLimit;
  const file = path.join(options.dataDir, storeLogFileName);
  const sessions = new Map<string, StoredEntry>();
  const outboxEntries = new Map<string, OutboxEntry>();
  const problems: StoreFileProblem[] = [];

  let outbox: PersistedOutbox | undefined;
  const snapshot = function* (): Iterable<LogRecord> {
    for (const entry of outbox?.values() ?? outboxEntries.values()) yield outboxRecord({ key: entry.key, entry });
    for (const [id, entry] of sessions) yield sessionRecord(id, entry);
  };
  const opened = await openAppendLog(
    file,
    replayInto(sessions, outboxEntries),
    snapshot,
    options.onCompactionError,
    { now: options.now, ...(options.cipher === undefined ? {} : { cipher: options.cipher }), ...(options.sync === undefined ? {} : { sync: options.sync }), ...(options.minimumCompactionBytes === undefined ? {} : { minimumCompactionBytes: options.minimumCompactionBytes }) },
  );
  if (opened.keptAs !== undefined) problems.push({ kind: 'damaged-log', file, keptAs: opened.keptAs, damagedLines: opened.reading.damagedLines });
  const log = opened.log;

  const imported = { sessions: 0, outboxEntries: 0 };
  const legacyOutbox = path.join(options.dataDir, legacyOutboxFileName);
  await importLegacy(legacyOutbox, await readLegacyOutbox(legacyOutbox), options, problems, async (entries) => {
    // An entry the log already has (an import cut short by a crash) keeps the log's version.
    const fresh = entries.filter((entry) => !outboxEntries.has(entry.key));
    await log.append(
      fresh.map((entry) => outboxRecord({ key: entry.key, entry })),
      () => {
        for (const entry of fresh) outboxEntries.set(entry.key, entry);
      },
    );
    imported.outboxEntries = fresh.length;
  });
  const legacySessions = path.join(options.dataDir, legacySessionsFileName);
  await importLegacy(legacySessions, await readLegacySessions(legacySessions), options, problems, async (found) => {
    const fresh = found.filter((session) => !sessions.has(session.id)).map((session) => [session.id, storedEntryOf(session, transcriptLimit)] as const);
    await log.append(
      fresh.map(([id, entry]) => sessionRecord(id, entry)),
      () => {
        for (const [id, entry] of fresh) sessions.set(id, entry);
      },
    );
    imported.sessions = fresh.length;
  });

  outbox = createPersistedOutbox(outboxEntries.values(), (changes, apply) => log.append(changes.map(outboxRecord), apply));
  const sessionStore = new EmbeddedSessionStore(sessions, outbox, () => log, transcriptLimit);

  return {
    sessions: sessionStore,
    outbox: {
      ...outbox,
      // Settled applications past their retention must leave the file too, not wait for the log to double in size.
      async prune(cutoff) {
        const removed = await outbox!.prune(cutoff);
        if (removed > 0) await log.compact();
        return removed;
      },
    },
    problems,
    imported,
    logBytes: () => log.bytes,
    close: () => log.close(),
  };
}

/**
 * Imports what a legacy file held into the log, then removes the file: its records are in the log now, sealed and
 * under the log's retention, and a plain copy beside them would outlive both. A file that could not be read whole
 * is kept for an operator instead (never deleted automatically), sealed whole under the data key, and reported.
 */
async function importLegacy<T>(file: string, reading: LegacyReading<T>, options: Pick<EmbeddedStoresOptions, 'now' | 'cipher'>, problems: StoreFileProblem[], write: (items: T[]) => Promise<void>): Promise<void> {
  if (reading.kind === 'absent') return;
  const aside = (reason: string, move: boolean) => keepAside(file, reason, options.now(), { cipher: options.cipher, move });
  if (reading.kind === 'unreadable') {
    problems.push({ kind: 'unreadable-file', file, keptAs: await aside('unreadable', true), reason: reading.reason });
    return;
  }
  await write(reading.items);
  if (reading.dropped > 0) problems.push({ kind: 'invalid-entries', file, keptAs: await aside('invalid', true), dropped: reading.dropped });
  else await unlink(file);
}

/** How the log's records build the stores' contents (at open, and when the log is read without opening it). */
function replayInto(sessions: Map<string, StoredEntry>, outboxEntries: Map<string, OutboxEntry>) {
  return (headerText: string, payload: string): void => {
    const header = JSON.parse(headerText) as Header;
    if (header.s !== undefined) {
      if (header.gone === 1) sessions.delete(header.s);
      else sessions.set(header.s, { json: payload, updatedAt: header.at ?? 0, ...(header.r === undefined ? {} : { retainUntil: header.r }) });
    } else if (header.o !== undefined) {
      if (header.gone === 1) outboxEntries.delete(header.o);
      else outboxEntries.set(header.o, JSON.parse(payload) as OutboxEntry);
    }
  };
}

/**
 * What DATA_DIR/store.log holds, read without opening it for writing (nothing is changed, repaired or set aside):
 * for copying an installation elsewhere (`npm run data -- import-lowdb`).
 */
export async function readEmbeddedStores(dataDir: string, cipher: PersonalDataCipher | undefined): Promise<{ sessions: StoredSession[]; outbox: OutboxEntry[]; reading: LogReading }> {
  const sessions = new Map<string, StoredEntry>();
  const outboxEntries = new Map<string, OutboxEntry>();
  const { records, damagedLines, tornBytes } = await readLog(path.join(dataDir, storeLogFileName), replayInto(sessions, outboxEntries), cipher);
  return {
    sessions: [...sessions.values()].map((entry) => JSON.parse(entry.json) as StoredSession),
    outbox: [...outboxEntries.values()],
    reading: { records, damagedLines, tornBytes },
  };
}
