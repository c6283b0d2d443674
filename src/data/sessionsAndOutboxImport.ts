import path from 'node:path';
import { readEmbeddedStores, storeLogFileName } from '../adapters/embeddedStores.js';
import { legacyOutboxFileName, legacySessionsFileName, readLegacyOutbox, readLegacySessions, type LegacyReading } from '../adapters/legacyFiles.js';
import { defaultTranscriptLimit, storedEntryOf } from '../adapters/memorySessionStore.js';
import type { OutboxEntry } from '../ports/outbox.js';
import type { StoredSession } from '../ports/sessionStore.js';
import type { LowdbImport } from './lowdbImport.js';

/** Rows per INSERT: big enough to be quick at a million sessions, small enough for one statement's parameters. */
const batchSize = 1_000;

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += batchSize) result.push(items.slice(start, start + batchSize));
  return result;
}

function legacyWarnings<T>(file: string, reading: LegacyReading<T>): string[] {
  if (reading.kind === 'unreadable') return [`${file} could not be read (${reading.reason}); nothing of it was copied`];
  if (reading.kind === 'read' && reading.dropped > 0) return [`${file}: ${reading.dropped} entries were not valid and were not copied`];
  return [];
}

const itemsOf = <T>(reading: LegacyReading<T>): T[] => (reading.kind === 'read' ? reading.items : []);

/**
 * Conversations and the outbox (DATA_DIR/store.log, and a previous release's sessions.json / outbox.json not yet
 * taken in) into the `sessions` and `outbox` tables, sealed under the database's key as the PostgreSQL stores seal
 * them. Applications still to be filed arrive unleased, so whichever instance looks first files them; the import
 * fails, and writes nothing, unless every one of them is in the table afterwards.
 */
export const sessionsAndOutboxImport: LowdbImport = {
  store: 'sessions and outbox',
  async copy(source, { client, cipher }) {
    const embedded = await readEmbeddedStores(source.dataDir, source.cipher);
    const warnings: string[] = [];
    if (embedded.reading.damagedLines > 0) warnings.push(`${storeLogFileName}: ${embedded.reading.damagedLines} damaged lines; the records in them were not copied`);
    if (embedded.reading.tornBytes > 0) warnings.push(`${storeLogFileName}: an unfinished last write (${embedded.reading.tornBytes} bytes) was left out, as a restart would`);
    const legacySessionsFile = path.join(source.dataDir, legacySessionsFileName);
    const legacyOutboxFile = path.join(source.dataDir, legacyOutboxFileName);
    const [legacySessions, legacyOutbox] = await Promise.all([readLegacySessions(legacySessionsFile), readLegacyOutbox(legacyOutboxFile)]);
    warnings.push(...legacyWarnings(legacySessionsFile, legacySessions), ...legacyWarnings(legacyOutboxFile, legacyOutbox));

    // The log is newer than any legacy file beside it (a start imports those into the log first).
    const sessions = new Map<string, StoredSession>([...itemsOf(legacySessions), ...embedded.sessions].map((session) => [session.id, session]));
    const outbox = new Map<string, OutboxEntry>([...itemsOf(legacyOutbox), ...embedded.outbox].map((entry) => [entry.key, entry]));

    let written = 0;
    for (const batch of batches([...sessions.values()])) {
      const result = await client.query(
        `INSERT INTO sessions (id, document, updated_at, retain_until)
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[])
         ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, updated_at = EXCLUDED.updated_at, retain_until = EXCLUDED.retain_until
         WHERE sessions.updated_at < EXCLUDED.updated_at`,
        [
          batch.map((session) => session.id),
          batch.map((session) => cipher.seal(storedEntryOf(session, defaultTranscriptLimit).json)),
          batch.map((session) => session.updatedAt),
          batch.map((session) => session.retainUntil ?? null),
        ],
      );
      written += result.rowCount ?? 0;
    }
    // In the order they were confirmed, so that they are filed in that order.
    const entries = [...outbox.values()].sort((left, right) => left.createdAt.localeCompare(right.createdAt));
    for (const batch of batches(entries)) {
      const result = await client.query(
        `INSERT INTO outbox (key, session_id, request, created_at, attempts, state, result, settled_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::integer[], $6::text[], $7::text[], $8::timestamptz[])
         ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state, result = EXCLUDED.result, settled_at = EXCLUDED.settled_at, attempts = EXCLUDED.attempts
         WHERE outbox.state = 'pending' AND EXCLUDED.state <> 'pending'`,
        [
          batch.map((entry) => entry.key),
          batch.map((entry) => entry.sessionId),
          batch.map((entry) => cipher.seal(JSON.stringify(entry.request))),
          batch.map((entry) => entry.createdAt),
          batch.map((entry) => entry.attempts),
          batch.map((entry) => entry.state),
          batch.map((entry) => (entry.result === undefined ? null : cipher.seal(JSON.stringify(entry.result)))),
          batch.map((entry) => entry.settledAt ?? null),
        ],
      );
      written += result.rowCount ?? 0;
    }
    const pendingKeys = entries.filter((entry) => entry.state === 'pending').map((entry) => entry.key);
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM outbox WHERE key = ANY($1::text[])', [pendingKeys]);
    if (Number(rows[0]?.count ?? 0) !== pendingKeys.length) {
      throw new Error(`only ${rows[0]?.count ?? 0} of ${pendingKeys.length} applications still to be filed reached the outbox table; nothing was imported`);
    }
    return { read: sessions.size + outbox.size, written, warnings };
  },
};
