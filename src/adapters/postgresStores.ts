import type pg from 'pg';
import { UnknownOutboxEntryError, type NewOutboxEntry, type Outbox, type OutboxEntry } from '../ports/outbox.js';
import type { SessionStore, StoredSession } from '../ports/sessionStore.js';
import { defaultTranscriptLimit, storedEntryOf } from './memorySessionStore.js';
import type { PersonalDataCipher } from './personalDataCipher.js';
import { inTransaction } from './postgresTransaction.js';

/**
 * Sessions and the outbox on PostgreSQL, in one database so that a turn and the applications it confirmed commit
 * in one transaction. Both hold personal data (names, ID and phone numbers), so the documents are sealed with the
 * installation's data key; what stays readable is only what the database needs to find and order rows.
 */

type OutboxRow = {
  /** bigint: pg hands it over as a string. */
  added_order: string;
  leased_by: string | null;
  lease_until: Date | null;
  key: string;
  session_id: string;
  request: string;
  created_at: Date;
  attempts: number;
  state: OutboxEntry['state'];
  result: string | null;
  settled_at: Date | null;
};

export type PostgresStores = { store: SessionStore; outbox: Outbox };

/**
 * How long an instance may work an outbox entry before another takes it over: well past a filing's retries
 * (a few seconds each), short enough that an application confirmed on an instance that died is filed soon.
 */
export const outboxLeaseSeconds = 60;

export type PostgresStoresOptions = {
  /** This process among the instances sharing the database (leases on outbox entries name it). */
  instanceId: string;
  transcriptLimit?: number;
};

export function createPostgresStores(pool: pg.Pool, cipher: PersonalDataCipher, options: PostgresStoresOptions): PostgresStores {
  const transcriptLimit = options.transcriptLimit ?? defaultTranscriptLimit;
  const { instanceId } = options;
  const sealJson = (value: unknown): string => cipher.seal(JSON.stringify(value));
  const openJson = <T>(sealed: string): T => JSON.parse(cipher.open(sealed)) as T;

  const entryOf = (row: OutboxRow): OutboxEntry => ({
    key: row.key,
    sessionId: row.session_id,
    request: openJson(row.request),
    createdAt: row.created_at.toISOString(),
    attempts: row.attempts,
    state: row.state,
    ...(row.result === null ? {} : { result: openJson(row.result) }),
    ...(row.settled_at === null ? {} : { settledAt: row.settled_at.toISOString() }),
  });

  // The instance that confirms an application files it straight away: it holds the lease from the start.
  const insertOutbox = (client: pg.Pool | pg.PoolClient, entry: NewOutboxEntry) =>
    client.query<OutboxRow>(
      `INSERT INTO outbox (key, session_id, request, created_at, state, leased_by, lease_until)
       VALUES ($1, $2, $3, $4, 'pending', $5, now() + make_interval(secs => $6))
       ON CONFLICT (key) DO NOTHING RETURNING *`,
      [entry.key, entry.sessionId, sealJson(entry.request), entry.createdAt, instanceId, outboxLeaseSeconds],
    );

  const outboxRow = async (key: string): Promise<OutboxRow | undefined> => (await pool.query<OutboxRow>('SELECT * FROM outbox WHERE key = $1', [key])).rows[0];

  const store: SessionStore = {
    async get(id) {
      const { rows } = await pool.query<{ document: string }>('SELECT document FROM sessions WHERE id = $1', [id]);
      return rows[0] === undefined ? undefined : openJson<StoredSession>(rows[0].document);
    },
    async commitTurn(session, outboxEntries) {
      const { json } = storedEntryOf(session, transcriptLimit);
      await inTransaction(pool, async (client) => {
        for (const entry of outboxEntries) await insertOutbox(client, entry);
        await client.query(
          `INSERT INTO sessions (id, document, updated_at, retain_until) VALUES ($1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, updated_at = EXCLUDED.updated_at, retain_until = EXCLUDED.retain_until`,
          [session.id, cipher.seal(json), session.updatedAt, session.retainUntil ?? null],
        );
      });
    },
    async delete(id) {
      await pool.query('DELETE FROM sessions WHERE id = $1', [id]);
    },
    async expire(cutoff, now) {
      return (await pool.query('DELETE FROM sessions WHERE updated_at < $1 AND (retain_until IS NULL OR retain_until <= $2)', [cutoff, now])).rowCount ?? 0;
    },
    // Every commit is durable before it resolves (synchronous_commit stays on): nothing is buffered.
    async flush() {},
  };

  // Adds from this process take their place in the order they were made (added_order), as in the other stores.
  let adding: Promise<unknown> = Promise.resolve();
  const outbox: Outbox = {
    add(entry) {
      const added = adding.then(async () => {
        const inserted = (await insertOutbox(pool, entry)).rows[0] ?? (await outboxRow(entry.key));
        if (inserted === undefined) throw new UnknownOutboxEntryError(entry.key);
        return entryOf(inserted);
      });
      adding = added.catch(() => undefined);
      return added;
    },
    async get(key) {
      const row = await outboxRow(key);
      return row === undefined ? undefined : entryOf(row);
    },
    /**
     * The pending entries this instance may work now, oldest first: its own, and those whose lease ended; each is
     * leased to this instance on the way out, and rows another instance is claiming at this moment are skipped.
     */
    async pending() {
      const { rows } = await pool.query<OutboxRow>(
        `UPDATE outbox SET leased_by = $1, lease_until = now() + make_interval(secs => $2)
         WHERE key IN (
           SELECT key FROM outbox
           WHERE state = 'pending' AND (leased_by = $1 OR lease_until IS NULL OR lease_until < now())
           ORDER BY created_at, added_order
           FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [instanceId, outboxLeaseSeconds],
      );
      return rows.sort((left, right) => left.created_at.getTime() - right.created_at.getTime() || Number(left.added_order) - Number(right.added_order)).map(entryOf);
    },
    async recordAttempt(key) {
      const { rowCount } = await pool.query('UPDATE outbox SET attempts = attempts + 1 WHERE key = $1', [key]);
      if (rowCount === 0) throw new UnknownOutboxEntryError(key);
    },
    async settle(key, result, at) {
      const { rows } = await pool.query<OutboxRow>(
        'UPDATE outbox SET state = $2, result = $3, settled_at = $4 WHERE key = $1 RETURNING *',
        [key, result.type === 'application-filed' ? 'filed' : 'refused', sealJson(result), at],
      );
      if (rows[0] === undefined) throw new UnknownOutboxEntryError(key);
      return entryOf(rows[0]);
    },
    async prune(cutoff) {
      return (await pool.query(`DELETE FROM outbox WHERE state <> 'pending' AND settled_at < $1`, [cutoff])).rowCount ?? 0;
    },
  };

  return { store, outbox };
}
