import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPersonalDataCipher, generateDataKey, parseDataKey } from '../../src/adapters/personalDataCipher.js';
import { migrate } from '../../src/adapters/postgresMigrations.js';
import { cipherOf, installationKeyRing } from '../../src/config/dataKey.js';
import { importLowdb } from '../../src/data/importLowdb.js';
import { freePort } from '../helpers/freePort.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { startTestServer, type TestServer } from '../http/testServer.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase } from './testDatabase.js';

const availability = postgresAvailability();
const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Moving an embedded installation to PostgreSQL (`npm run data -- import-lowdb`): people's conversations and an
 * application confirmed while the back end was down are copied; run again, nothing is copied twice; the service on
 * PostgreSQL then files the waiting application once, and each person goes on where they were.
 */
const queuedApplicant = makeIdNumber({ region: '210202', birthDate: '1972-08-08' });
const queued = ['我要绑定', '慕容海', queuedApplicant, '13522223333', '我妈', '慕容兰', makeIdNumber({ region: '210202', birthDate: '1949-01-19', sex: 'female' }), '13633334444', '不用了，下一步', '同意', '确认提交'];
const halfway = ['我要绑定', '诸葛亮明', makeIdNumber({ region: '210202', birthDate: '1988-12-01' }), '13744445555'];
/** A confirmed application of the release before the log, never taken in (that installation never started since). */
const legacyApplicant = makeIdNumber({ region: '210202', birthDate: '1966-03-03' });
const legacyEntry = {
  key: 'legacy-session-9',
  sessionId: 'legacy-session',
  request: { region: '210200', applicant: { name: '东方明', idNumber: legacyApplicant, phone: '13811112222' }, members: [{ relationship: 'spouse', name: '西门华', idNumber: makeIdNumber({ region: '210202', birthDate: '1968-05-05', sex: 'female' }), phone: '13811113333' }] },
  createdAt: '2026-11-29T06:00:00.000Z',
  attempts: 1,
  state: 'pending',
};
const secrets = { SESSION_SECRET: 'import-test-session-secret-of-32-characters', BACKEND_SECRET: 'import-test-back-end-secret-of-32-characters' };

describe.skipIf(!availability.available)('npm run data -- import-lowdb', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let embedded: TestServer;
  let onPostgres: TestServer | undefined;
  const dataKey = generateDataKey().bytes.toString('base64');
  const sessions: Record<'queued' | 'halfway', string> = { queued: '', halfway: '' };

  const talk = async (server: TestServer, script: readonly string[]) => {
    let sessionId: string | undefined;
    let last: any;
    for (const text of script) {
      last = (await server.post('/api/v1/chat', { ...(sessionId ? { sessionId } : {}), text, region: '210200' })).body;
      sessionId = last.sessionId;
    }
    return { sessionId: sessionId!, last };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    // The embedded installation, its back end down: the confirmed application waits in the outbox.
    embedded = await startTestServer({ START_BACKEND_STUB: 'false', BACKEND_URL: `http://127.0.0.1:${await freePort()}`, ...secrets });
    const confirmed = await talk(embedded, queued);
    expect(confirmed.last.form.status).toBe('queued');
    sessions.queued = confirmed.sessionId;
    const half = await talk(embedded, halfway);
    expect(half.last.form.pending).toBe('member.relationship');
    sessions.halfway = half.sessionId;
    await embedded.stop();
    await writeFile(path.join(embedded.dataDir, 'outbox.json'), JSON.stringify({ entries: [legacyEntry] }));
  });

  afterAll(async () => {
    await onPostgres?.stop();
    await onPostgres?.remove();
    await embedded?.remove();
    await database?.drop();
  });

  it('copies sessions and the outbox, the waiting applications included; a second run copies nothing again', async () => {
    const pool = new pg.Pool({ connectionString: database!.url });
    try {
      await migrate(pool);
      const sourceCipher = cipherOf(await installationKeyRing(embedded.dataDir, { current: dataKey, previous: [] }));
      const [first] = await importLowdb({ dataDir: embedded.dataDir, sourceCipher, pool, targetCipher: createPersonalDataCipher(parseDataKey(dataKey)) });
      expect(first).toMatchObject({ store: 'sessions and outbox', warnings: [] });
      // Two conversations, their two applications (none for the halfway one) and the legacy file's one.
      expect(first!.read).toBe(4);
      expect(first!.written).toBe(4);
      const { rows } = await pool.query<{ key: string; state: string; leased_by: string | null; request: string }>('SELECT key, state, leased_by, request FROM outbox ORDER BY added_order');
      expect(rows.map((row) => [row.state, row.leased_by])).toEqual([['pending', null], ['pending', null]]);
      expect(rows.every((row) => !row.request.includes(legacyApplicant) && !row.request.includes(queuedApplicant))).toBe(true);
    } finally {
      await pool.end();
    }
    // The operator's command, run again on the same installation: everything is there already.
    const again = spawnSync(process.execPath, ['--import', 'tsx', 'src/data/dataCommand.ts', 'import-lowdb'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: embedded.dataDir, DATABASE_URL: database!.url, DATA_KEY: dataKey, ...secrets },
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('sessions and outbox: 读到 4 条，写入 0 条');
  });

  it('serves the people on PostgreSQL: the waiting applications are filed once, the half-filled form goes on', async () => {
    onPostgres = await startTestServer({ DATABASE_URL: database!.url, DATA_KEY: dataKey, BACKEND_REVIEW_DELAY_MS: '0', ...secrets });
    const filed = async (idNumber: string): Promise<{ id: string }[]> => {
      const response = await fetch(`${onPostgres!.backendUrl}/api/v1/admin/applications?applicant=${idNumber}`, { headers: { authorization: `Bearer ${secrets.BACKEND_SECRET}` } });
      return ((await response.json()) as { applications: { id: string }[] }).applications;
    };
    await vi.waitFor(async () => expect(await filed(queuedApplicant)).toHaveLength(1), { timeout: 20_000, interval: 200 });
    await vi.waitFor(async () => expect(await filed(legacyApplicant)).toHaveLength(1), { timeout: 20_000, interval: 200 });
    // The person who confirmed asks about it: the conversation knows the record number.
    const asked = (await onPostgres.post('/api/v1/chat', { sessionId: sessions.queued, text: '提交了吗' })).body;
    expect(asked.form.applicationId).toBe((await filed(queuedApplicant))[0]!.id);
    // The one halfway through answers the question they were asked.
    const next = (await onPostgres.post('/api/v1/chat', { sessionId: sessions.halfway, text: '我妈' })).body;
    expect(next.sessionId).toBe(sessions.halfway);
    expect(next.form).toMatchObject({ status: 'collecting', pending: 'member.name' });
    expect(await filed(queuedApplicant)).toHaveLength(1);
  });
});
