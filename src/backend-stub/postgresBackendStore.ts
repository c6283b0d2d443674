import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { PersonalDataCipher } from '../adapters/personalDataCipher.js';
import { migrate } from '../adapters/postgresMigrations.js';
import { inTransaction } from '../adapters/postgresTransaction.js';
import { BackendDataSchema, emptyBackendData, metaOf, type StoredApplication, type StoredBinding } from './backendData.js';
import type { BackendStore } from './backendStore.js';
import { bindingKey } from './memoryBackendStore.js';

/** The stub's schema in BACKEND_DATABASE_URL's database (by default the assistant's own database). */
export const backendSchema = 'backend_stub';

// Written from src/<folder>/ so that it resolves the same from this file and from the server bundle.
const backendMigrationsFolder = fileURLToPath(new URL('../../db/backend-migrations/', import.meta.url));

/**
 * The stub's records on PostgreSQL (BACKEND_DATABASE_URL): a change writes the meta and only the records it names,
 * in one transaction, so it is all there after a crash or none of it. Every record is sealed: the stub keeps full
 * ID and phone numbers. One stub process per schema: like the file store, the service holds the records in memory
 * between changes.
 */
export async function openPostgresBackendStore(options: { databaseUrl: string; cipher: PersonalDataCipher }): Promise<BackendStore & { close(): Promise<void> }> {
  const { cipher } = options;
  const setup = new pg.Client({ connectionString: options.databaseUrl });
  await setup.connect();
  try {
    await setup.query(`CREATE SCHEMA IF NOT EXISTS ${backendSchema}`);
  } finally {
    await setup.end();
  }
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4, options: `-c search_path=${backendSchema}` });
  await migrate(pool, backendMigrationsFolder);

  const sealJson = (value: unknown): string => cipher.seal(JSON.stringify(value));
  const openJson = (sealed: string): unknown => JSON.parse(cipher.open(sealed));
  // The row each binding is kept in, learned when the records are read. A row's key says nothing of the member (a
  // random id): a keyed hash of the ID number would change with DATA_KEY, and a binding changed after a rotation
  // would then be written as a second row beside the first.
  const rowOfBinding = new Map<string, string>();

  return {
    async read() {
      return inTransaction(
        pool,
        async (client) => {
          const meta = await client.query<{ document: object }>('SELECT document FROM backend_meta');
          const applications = await client.query<{ sealed: string }>('SELECT sealed FROM backend_applications ORDER BY added');
          const bindings = await client.query<{ key: string; sealed: string }>('SELECT key, sealed FROM backend_bindings ORDER BY added');
          const data = BackendDataSchema.parse({
            ...(meta.rows[0] === undefined ? metaOf(emptyBackendData()) : meta.rows[0].document),
            applications: applications.rows.map((row) => openJson(row.sealed)),
            bindings: bindings.rows.map((row) => openJson(row.sealed)),
          });
          rowOfBinding.clear();
          data.bindings.forEach((binding, index) => rowOfBinding.set(bindingKey(binding), bindings.rows[index]!.key));
          return data;
        },
        { snapshot: true },
      );
    },
    commit: (change) =>
      inTransaction(pool, async (client) => {
        for (const application of change.applications) await upsertApplication(client, application);
        for (const binding of change.bindings) await upsertBinding(client, binding);
        await client.query('INSERT INTO backend_meta (singleton, document) VALUES (true, $1) ON CONFLICT (singleton) DO UPDATE SET document = EXCLUDED.document', [change.meta]);
      }),
    close: () => pool.end(),
  };

  async function upsertApplication(client: pg.PoolClient, application: StoredApplication): Promise<void> {
    await client.query('INSERT INTO backend_applications (id, sealed) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET sealed = EXCLUDED.sealed', [application.id, sealJson(application)]);
  }
  async function upsertBinding(client: pg.PoolClient, binding: StoredBinding): Promise<void> {
    const key = rowOfBinding.get(bindingKey(binding)) ?? randomUUID();
    await client.query('INSERT INTO backend_bindings (key, sealed) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET sealed = EXCLUDED.sealed', [key, sealJson(binding)]);
    rowOfBinding.set(bindingKey(binding), key);
  }
}
