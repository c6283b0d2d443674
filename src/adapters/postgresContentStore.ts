import type pg from 'pg';
import { ContentRecordSchema, ContentVersionSchema, type ContentRecord, type ContentStore, type ContentVersion } from '../ports/contentStore.js';
import { inTransaction } from './postgresTransaction.js';

/** Told to every instance after a change commits (the new revision), so a publish goes live everywhere at once. */
export const contentChangeChannel = 'gongji_content_changes';

type StateRow = { revision: string; published: number | null; repository_hash: string | null };

/**
 * Content versions on PostgreSQL, shared by every instance. Each change locks the one state row, reads the record
 * as stored now, and writes back only what changed (a new version, its new files); `revision` counts changes, so a
 * read that finds the revision it last saw serves its copy instead of reading every version again.
 */
export function createPostgresContentStore(pool: pg.Pool): ContentStore {
  let cached: { revision: string; record: ContentRecord } | undefined;

  const readAt = async (client: pg.Pool | pg.PoolClient, state: StateRow): Promise<ContentRecord> => {
    if (cached?.revision === state.revision) return structuredClone(cached.record);
    // One connection runs one query at a time.
    const versions = await client.query<{ document: unknown }>('SELECT document FROM content_versions ORDER BY number');
    const blobs = await client.query<{ hash: string; text: string }>('SELECT hash, text FROM content_blobs');
    const record = ContentRecordSchema.parse({
      versions: versions.rows.map((row) => row.document),
      blobs: Object.fromEntries(blobs.rows.map((row) => [row.hash, row.text])),
      published: state.published,
      repositoryHash: state.repository_hash,
    });
    cached = { revision: state.revision, record: structuredClone(record) };
    return record;
  };
  const stateOf = async (client: pg.Pool | pg.PoolClient, lock: boolean): Promise<StateRow> =>
    (await client.query<StateRow>(`SELECT revision, published, repository_hash FROM content_state${lock ? ' FOR UPDATE' : ''}`)).rows[0]!;

  return {
    // Its queries must all see one commit: the state row, the versions and the files of the same change.
    read: () => inTransaction(pool, async (client) => readAt(client, await stateOf(client, false)), { snapshot: true }),
    async update(change) {
      const outcome = await inTransaction(pool, async (client) => {
        const before = await readAt(client, await stateOf(client, true));
        const { record, result } = change(structuredClone(before));
        const after = ContentRecordSchema.parse(record);
        const changedVersions = after.versions.filter((version) => JSON.stringify(version) !== JSON.stringify(before.versions.find((old) => old.number === version.number)));
        const droppedVersions = before.versions.filter((old) => !after.versions.some((version) => version.number === old.number)).map((old) => old.number);
        const newBlobs = Object.entries(after.blobs).filter(([hash]) => !(hash in before.blobs));
        const droppedBlobs = Object.keys(before.blobs).filter((hash) => !(hash in after.blobs));
        const stateChanged = after.published !== before.published || after.repositoryHash !== before.repositoryHash;
        if (changedVersions.length + droppedVersions.length + newBlobs.length + droppedBlobs.length === 0 && !stateChanged) return { result, written: undefined };

        for (const version of changedVersions) await upsertVersion(client, version);
        if (droppedVersions.length > 0) await client.query('DELETE FROM content_versions WHERE number = ANY($1)', [droppedVersions]);
        for (const [hash, text] of newBlobs) await client.query('INSERT INTO content_blobs (hash, text) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING', [hash, text]);
        if (droppedBlobs.length > 0) await client.query('DELETE FROM content_blobs WHERE hash = ANY($1)', [droppedBlobs]);
        const { rows } = await client.query<{ revision: string }>('UPDATE content_state SET revision = revision + 1, published = $1, repository_hash = $2 RETURNING revision', [
          after.published,
          after.repositoryHash,
        ]);
        const revision = rows[0]!.revision;
        await client.query('SELECT pg_notify($1, $2)', [contentChangeChannel, revision]);
        return { result, written: { revision, record: after } };
      });
      // Only what committed may be served from the copy.
      if (outcome.written !== undefined) cached = outcome.written;
      return outcome.result;
    },
  };
}

async function upsertVersion(client: pg.PoolClient, version: ContentVersion): Promise<void> {
  await client.query('INSERT INTO content_versions (number, document) VALUES ($1, $2) ON CONFLICT (number) DO UPDATE SET document = EXCLUDED.document', [
    version.number,
    ContentVersionSchema.parse(version),
  ]);
}
